/**
 * Entry point of the `outage-radar` binary. Kept tiny: it switches on Node's on-disk compile
 * cache before the real CLI is loaded (repeat runs, as a monitoring system makes them, then skip
 * most of the compile work), and serves the DNS lookup worker mode without loading the CLI at all.
 */
import module from 'node:module';
import v8 from 'node:v8';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// A check lives for a fraction of a second, so V8's top optimising tiers only cost memory:
// - undici parses HTTP with a WebAssembly build of llhttp; tiering it up costs ~13 MB of peak
//   memory for no gain on bodies this small, and the baseline wasm compiler is plenty;
// - TurboFan's background compiles of hot JavaScript cost ~6 MB and no measurable CPU saving.
// Must be set before undici compiles its module.
v8.setFlagsFromString('--liftoff-only');
v8.setFlagsFromString('--max-opt=2');

if (process.argv[2] === '__lookup-worker') {
  const { serveLookups } = await import('../node/probes/lookup-worker.js');
  serveLookups();
} else {
  const { main } = await import('./main.js');
  try {
    process.exitCode = await main(process.argv.slice(2), {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
  } catch (error) {
    // A bug, not bad input: say so plainly and use the "unknown" exit code.
    process.stderr.write(`outage-radar: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 3;
  }
}
