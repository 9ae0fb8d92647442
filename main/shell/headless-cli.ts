/**
 * The CLI inside the app's own executable (`outage-radar check`, see main/core/cli-dispatch.ts):
 * runs the same `main()` as `node out/cli/outage-radar.js`, prints, and exits with its code.
 * Nothing here touches Electron's UI: no window, no tray, no single-instance lock, and the app's
 * `ready` never comes because main.ts holds its module evaluation while this runs.
 */
import type { LaunchMode } from '../core/cli-dispatch.js';

/** Runs the CLI (or its DNS lookup worker) and calls `exit` with the CLI's exit code. */
export async function runHeadless(launch: Exclude<LaunchMode, { kind: 'tray' }>, exit: (code: number) => void): Promise<void> {
  // A bug must end the run with the CLI's "internal error" code, never Electron's error dialog.
  const crash = (error: unknown): void => {
    process.stderr.write(`outage-radar: internal error: ${error instanceof Error ? error.message : String(error)}\n`, () => exit(3));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  if (launch.kind === 'lookup-worker') {
    // It exits on its own when the CLI closes its stdin.
    const { serveLookups } = await import('../node/probes/lookup-worker.js');
    serveLookups();
    return;
  }
  const { main } = await import('../cli/main.js');
  const code = await main(launch.args, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
  // Exit once stdout has taken everything: a pipe (`| findstr`, `> out.txt` on some systems) may still be writing.
  process.stdout.write('', () => exit(code));
}
