// `npm start`: runs the desktop app from this checkout with the Electron binary that is already
// here. The electron npm package's own launcher downloads the binary from GitHub when it is
// missing, which on an offline or locked-down machine hangs or ends in a stack trace; we look for
// the binary the way that launcher does and, when it is absent, say how to get it instead.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(root, 'node_modules', 'electron');

/** The executable's path inside an Electron dist folder, as node_modules/electron/install.js names it. */
function platformPath() {
  const recorded = join(electronPackage, 'path.txt');
  if (existsSync(recorded)) return readFileSync(recorded, 'utf8');
  switch (process.platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

function electronVersion() {
  try {
    return JSON.parse(readFileSync(join(electronPackage, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function isRunnable(path) {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function explainMissing(path, reason) {
  const version = electronVersion();
  const release = version ? `electron-v${version}-${process.platform}-${process.arch}.zip` : `the electron-<version>-${process.platform}-${process.arch}.zip`;
  process.stderr.write(
    [
      `Cannot start Outage Radar: ${reason} (looked for ${path}).`,
      '`npm start` does not download Electron.',
      `To get the binary, run \`npx install-electron\` (or \`npx electron --version\`) in this folder on a machine that can reach GitHub,`,
      `or unpack ${release} from https://github.com/electron/electron/releases into node_modules/electron/dist,`,
      'or set ELECTRON_OVERRIDE_DIST_PATH to a folder that holds an unpacked Electron of that version;',
      'then run `npm start` again. The command-line tool (`node out/cli/outage-radar.js check`) needs no Electron.',
    ].join(' ') + '\n',
  );
  process.exit(1);
}

const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
const executable = override ? join(override, platformPath()) : join(electronPackage, 'dist', platformPath());
if (!isRunnable(executable)) {
  explainMissing(executable, override ? 'ELECTRON_OVERRIDE_DIST_PATH holds no Electron binary' : 'the Electron binary is not installed');
}

const env = { ...process.env };
// Set by some editors' terminals; it would make Electron run our app as a plain Node script.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(executable, [root, ...process.argv.slice(2)], { stdio: 'inherit', env, windowsHide: false });
child.on('error', (error) => explainMissing(executable, `the Electron binary could not be started (${error.code ?? error.message})`));
child.on('exit', (code, signal) => {
  if (signal) process.stderr.write(`Electron exited with signal ${signal}\n`);
  process.exit(code ?? 1);
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
