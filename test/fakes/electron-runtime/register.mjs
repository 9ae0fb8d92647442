// `node --import ./register.mjs`: installs the resolution hook before anything imports electron.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
