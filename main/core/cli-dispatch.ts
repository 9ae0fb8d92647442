/**
 * One executable, two faces. The installed app (`/usr/bin/outage-radar`, `outage-radar.exe`,
 * `Outage Radar.app/Contents/MacOS/Outage Radar`) is the tray app when started without a command
 * and the CLI when its first argument is one: `outage-radar check` prints and exits with the CLI's
 * code, with no window, no tray and no single-instance lock. That ships the CLI in every package
 * while the `runAsNode` fuse stays off.
 */

const HEADLESS_FLAGS: ReadonlySet<string> = new Set(['--help', '-h', '--version', '-v']);

/** The argument the CLI appends when it starts its DNS lookup worker (main/node/probes/lookup-worker.ts). */
export const LOOKUP_WORKER_ARG = '__lookup-worker';

export type LaunchMode =
  /** Start the tray app. */
  | { readonly kind: 'tray' }
  /** Run the CLI with these arguments and exit with its code. */
  | { readonly kind: 'cli'; readonly args: readonly string[] }
  /** Serve DNS lookups for a CLI run in this same executable, then exit. */
  | { readonly kind: 'lookup-worker' };

/**
 * The user's arguments: after the executable, and in a development run (`electron <app> ...`,
 * `process.defaultApp`) also after the switches Electron or a test driver put before the app path
 * and the app path itself.
 */
export function userArguments(argv: readonly string[], defaultApp: boolean): readonly string[] {
  const rest = argv.slice(1);
  if (!defaultApp) return rest;
  const appPath = rest.findIndex((arg) => !arg.startsWith('-'));
  return appPath < 0 ? [] : rest.slice(appPath + 1);
}

/**
 * How this run starts, from `process.argv` and `process.defaultApp`. Only the first argument
 * decides: a command or `--help`/`--version` runs the CLI; nothing, or a switch (`--config FILE`,
 * Chromium's `--no-sandbox`, macOS's `-psn_…`), starts the tray. Any other plain word runs the CLI
 * as well, so a mistyped command is told so instead of silently opening a tray.
 */
export function launchModeOf(argv: readonly string[], defaultApp: boolean): LaunchMode {
  const args = userArguments(argv, defaultApp);
  // The CLI starts its lookup worker as `<this executable> <its first argument> __lookup-worker`:
  // in a packaged app that first argument is the command itself (`check`).
  if (args.at(-1) === LOOKUP_WORKER_ARG && args.length <= 2) return { kind: 'lookup-worker' };
  const first = args[0];
  if (first === undefined) return { kind: 'tray' };
  if (HEADLESS_FLAGS.has(first) || !first.startsWith('-')) return { kind: 'cli', args };
  return { kind: 'tray' };
}
