/**
 * Entry point of the `outage-radar` binary. Kept tiny: it answers `--version` and `--help` without
 * loading the engine, switches on Node's on-disk compile cache before the real CLI is loaded
 * (repeat runs, as a monitoring system makes them, then skip most of the compile work), and serves
 * the DNS lookup worker mode without loading the CLI at all.
 */
import module from 'node:module';
import v8 from 'node:v8';
import { internalError, reportError } from './cli-error.js';
import { quickAnswer } from './usage.js';

const argv = process.argv.slice(2);
const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
};

const quick = await quickAnswer(argv, process.env);
if (quick !== null) {
  io.out(quick.out);
  io.err(quick.err);
  process.exitCode = quick.code;
} else {
  // `report` promises to write nothing outside the user's own directories, and the compile cache
  // lives in the shared temporary directory: it runs once by hand, so it goes without.
  if (argv[0] !== 'report') (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  // A check lives for a fraction of a second, so V8's top optimising tiers only cost memory:
  // - undici parses HTTP with a WebAssembly build of llhttp; tiering it up costs ~13 MB of peak
  //   memory for no gain on bodies this small, and the baseline wasm compiler is plenty;
  // - TurboFan's background compiles of hot JavaScript cost ~6 MB and no measurable CPU saving;
  // - the young generation doubles whenever a scavenge keeps much alive, which a 50-source check
  //   does at once (every body parsed, the report built): kept at its first size it costs ~4.5 MB
  //   less peak memory for ~3 % more CPU (farm-bench, 10 paired runs).
  // Must be set before undici compiles its module. The relay is the exception: it runs for
  // months and serves thousands of requests a second, which is what the optimising tiers are for.
  if (argv[0] !== 'relay') {
    v8.setFlagsFromString('--liftoff-only');
    v8.setFlagsFromString('--max-opt=2');
    v8.setFlagsFromString('--semi-space-growth-factor=1');
  }

  if (argv[0] === '__lookup-worker') {
    const { serveLookups } = await import('../node/probes/lookup-worker.js');
    serveLookups();
  } else {
    await runCommand();
  }
}

async function runCommand(): Promise<void> {
  const json = argv.includes('--json');
  let reported = false;
  // A bug, not bad input, even when it escapes the command's promise chain (a callback that
  // throws): say so plainly, once, and use the "unknown" exit code.
  const crash = (error: unknown): void => {
    if (reported) return;
    reported = true;
    const { error: cliError, detail } = internalError(error);
    process.exitCode = reportError(io, json, cliError, `outage-radar: internal error: ${detail}`);
    process.stdout.write('', () => process.exit());
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  try {
    const { main } = await import('./main.js');
    process.exitCode = await main(argv, io);
  } catch (error) {
    crash(error);
  }
}
