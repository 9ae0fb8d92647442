/**
 * Windows policy from the registry: `reg.exe query <key> /s` for HKLM and HKCU
 * `SOFTWARE\Policies\OutageRadar` (the `Recommended` subkey comes with `/s`), called with
 * execFile and no shell. Where "Prevent access to registry editing tools" is set, reg.exe refuses
 * even to read ("ERROR: Registry editing has been disabled by your administrator"); then, or when
 * reg.exe fails in any other way, PowerShell's `Get-ItemProperty | ConvertTo-Json` reads the same
 * keys. Both outputs are parsed by `core/policy/registry-text.ts`.
 */
import { execFile } from 'node:child_process';
import { win32 } from 'node:path';
import { phrase } from '../../core/i18n/phrase.js';
import type { PolicySet, PolicySource } from '../../core/policy/policy-types.js';
import { parsePowerShellRegistryJson, parseRegQuery, POLICY_SUBKEY, registryPolicySets, type RegistryKey, type RegistryReading } from '../../core/policy/registry-text.js';

/** What running a program gave. */
export type CommandRun = { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly stdout: string; readonly stderr: string; readonly reason: string };

/** Runs a program without a shell. */
export type RunCommand = (file: string, args: readonly string[]) => Promise<CommandRun>;

export interface WindowsPolicyOptions {
  /** Runs reg.exe and PowerShell; `execFile` by default, a transcript player in tests. */
  readonly run?: RunCommand;
  /** `%SystemRoot%`, where reg.exe and PowerShell are taken from (never from PATH). */
  readonly systemRoot?: string;
}

const HIVES = ['HKLM', 'HKCU'] as const;
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
const TIMEOUT_MS = 20_000;

/** execFile, no shell, no window, bounded in time and size. */
export const runWithoutShell: RunCommand = (file, args) =>
  new Promise((resolve) => {
    execFile(file, [...args], { windowsHide: true, shell: false, timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) resolve({ ok: true, stdout });
      else resolve({ ok: false, stdout, stderr, reason: `${(error as NodeJS.ErrnoException).code ?? error.message}` });
    });
  });

/** reg.exe's answer for a key that does not exist: no policy there. */
const NOT_FOUND = /unable to find the specified registry key/i;

/** The PowerShell that reads the four keys as one JSON array (UTF-8, so non-ASCII text survives). */
export function powerShellScript(): string {
  const keys = HIVES.flatMap((hive) => [`'${hive}:\\${POLICY_SUBKEY}'`, `'${hive}:\\${POLICY_SUBKEY}\\Recommended'`]);
  return [
    "$ErrorActionPreference = 'Stop'",
    '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
    `$items = @(foreach ($k in @(${keys.join(', ')})) { if (Test-Path -LiteralPath $k) { Get-ItemProperty -LiteralPath $k } })`,
    'ConvertTo-Json -InputObject $items -Depth 5 -Compress',
  ].join('\n');
}

function encodedCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** Both hives' readings as one (each `reg query /s` lists its key and the Recommended subkey). */
function merge(readings: readonly RegistryReading[]): RegistryReading {
  const keys: RegistryKey[] = readings.flatMap((r) => r.keys);
  return { keys, problems: readings.flatMap((r) => r.problems) };
}

/** The registry's policy reader. */
export function createWindowsPolicySource(options: WindowsPolicyOptions = {}): PolicySource {
  const run = options.run ?? runWithoutShell;
  const root = options.systemRoot ?? process.env['SystemRoot'] ?? 'C:\\Windows';
  const regExe = win32.join(root, 'System32', 'reg.exe');
  const powershell = win32.join(root, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');

  async function withRegExe(): Promise<RegistryReading | string> {
    const readings: RegistryReading[] = [];
    for (const hive of HIVES) {
      const result = await run(regExe, ['query', `${hive}\\${POLICY_SUBKEY}`, '/s']);
      if (result.ok) readings.push(parseRegQuery(result.stdout));
      else if (NOT_FOUND.test(result.stderr)) continue;
      else return `reg.exe: ${(result.stderr.trim() || result.reason).split(/\r?\n/)[0]}`;
    }
    return merge(readings);
  }

  async function withPowerShell(): Promise<RegistryReading | string> {
    const result = await run(powershell, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodedCommand(powerShellScript())]);
    if (!result.ok) return `PowerShell: ${(result.stderr.trim() || result.reason).split(/\r?\n/)[0]}`;
    return parsePowerShellRegistryJson(result.stdout);
  }

  return {
    async read(): Promise<readonly PolicySet[]> {
      const first = await withRegExe();
      if (typeof first !== 'string') return registryPolicySets(first);
      // Registry tools disabled by policy, or reg.exe missing or failing: PowerShell reads the same keys.
      const second = await withPowerShell();
      if (typeof second !== 'string') return registryPolicySets(second);
      return [{ level: 'machine-policy', origin: `HKLM\\${POLICY_SUBKEY}`, entries: [], problems: [phrase('policy.windows.unreadable', { regExe: first, powerShell: second })] }];
    },
  };
}
