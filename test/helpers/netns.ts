import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Throwaway Linux network namespaces for tests that need conditions a loopback server cannot give:
 * a DNS resolver that answers nothing, a machine with no route anywhere, no network interface
 * but `lo`. The namespace's resolv.conf points at 127.0.0.1 (where nothing listens), so no DNS
 * query ever leaves it, and it has no interface but loopback, so no packet can leave either.
 *
 * `ip netns exec` bind-mounts every file in /etc/netns/<name>/ over the same name in /etc, which
 * is how resolv.conf (and optionally hosts) are replaced inside the namespace only.
 */

export interface NetnsSupport {
  readonly ok: boolean;
  /** Why namespaces cannot be used here (for the skip message). */
  readonly reason: string;
}

let cachedSupport: NetnsSupport | null = null;

/** Whether this process may create network namespaces (root, `ip` present, the kernel allows it). Checked once. */
export function netnsSupport(): NetnsSupport {
  if (cachedSupport) return cachedSupport;
  cachedSupport = detectSupport();
  return cachedSupport;
}

function detectSupport(): NetnsSupport {
  if (process.platform !== 'linux') return { ok: false, reason: `network namespaces need Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'network namespaces need root (ip netns add); run the suite as root to include these tests' };
  const probe = uniqueName();
  try {
    execFileSync('ip', ['netns', 'add', probe], { stdio: 'pipe', timeout: 5000 });
  } catch (error) {
    return { ok: false, reason: `"ip netns add" is not permitted here: ${firstLine(error)}` };
  }
  try {
    execFileSync('ip', ['netns', 'delete', probe], { stdio: 'pipe', timeout: 5000 });
  } catch {
    // The real runs clean up after themselves; a stuck probe namespace does not make support false.
  }
  return { ok: true, reason: '' };
}

export interface NetnsRunOptions {
  /** Arguments after the script path. */
  readonly args?: readonly string[];
  /** Contents for /etc/hosts inside the namespace (a way to give names to 127.0.0.1 without any DNS). */
  readonly hosts?: string;
  /** Extra resolv.conf lines (e.g. `options timeout:5`); the nameserver is always 127.0.0.1. */
  readonly resolverOptions?: string;
  readonly timeoutMs?: number;
  /** Accept the script ending itself with this signal (its stdout is still returned). */
  readonly acceptSignal?: NodeJS.Signals;
}

/**
 * Creates a uniquely named namespace (lo up, resolv.conf -> 127.0.0.1), runs
 * `ip netns exec <ns> <this node> <script> ...args` in it, returns the script's stdout, and removes
 * the namespace and its /etc/netns folder whatever happens.
 */
export async function runNodeInNetns(scriptPath: string, options: NetnsRunOptions = {}): Promise<string> {
  const name = uniqueName();
  const etcDir = join('/etc/netns', name);
  try {
    await ip(['netns', 'add', name]);
    await ip(['-n', name, 'link', 'set', 'lo', 'up']);
    await mkdir(etcDir, { recursive: true });
    await writeFile(join(etcDir, 'resolv.conf'), `nameserver 127.0.0.1\n${options.resolverOptions ?? 'options timeout:1 attempts:1'}\n`);
    if (options.hosts !== undefined) await writeFile(join(etcDir, 'hosts'), options.hosts);
    // Pinned interpreter: the node running the tests, never whatever `node` is on PATH.
    return await run('ip', ['netns', 'exec', name, process.execPath, scriptPath, ...(options.args ?? [])], options.timeoutMs ?? 20_000, options.acceptSignal);
  } finally {
    await ip(['netns', 'delete', name]).catch(() => undefined);
    await rm(etcDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function uniqueName(): string {
  return `ortest-${process.pid}-${randomBytes(3).toString('hex')}`;
}

function ip(args: readonly string[]): Promise<string> {
  return run('ip', args, 5000);
}

function run(file: string, args: readonly string[], timeoutMs: number, acceptSignal?: NodeJS.Signals): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && acceptSignal !== undefined && error.signal === acceptSignal && !error.killed) resolve(stdout);
      else if (error) reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer | string }).stderr;
  const text = stderr ? String(stderr) : error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}
