import { it } from 'vitest';
import { mkdirSync } from 'node:fs';
import * as S from './scenarios.js';
import { launchChromium, openAppPage, serveDirectory, windowContext } from '../helpers/chromium.js';
it('smoke', async () => {
  const browser = await launchChromium();
  const server = await serveDirectory();
  const context = await windowContext(browser, { now: S.NOW });
  const app = await openAppPage(context, server, S.NOW);
  mkdirSync('/tmp/rr/shots', { recursive: true });
  for (const [name, fn] of Object.entries({ ok: S.okState, outage: S.outageState, degraded: S.degradedState, helpdesk: S.helpdeskState, captive: S.captiveState })) {
    await app.load({ state: (fn as () => any)(), settings: S.settingsView() });
    await app.page.screenshot({ path: `/tmp/rr/shots/${name}.png` });
  }
  console.log(app.log);
  await browser.close(); await server.close();
});
