/**
 * Reads the Windows NCSI settings an enterprise may use to repoint the OS connectivity probe
 * (connectivity.md B3), so that we probe what Windows probes. `reg.exe query` output is parsed
 * as enterprise.md A3 describes it; the reader runs the absolute reg.exe path without a shell and
 * gives up quietly (null) anywhere but Windows or on any error.
 */
import { execFile } from 'node:child_process';
import { win32 } from 'node:path';
import type { NcsiOverrides } from '../../core/verdict/probe-targets.js';

const NCSI_REGISTRY_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\NlaSvc\\Parameters\\Internet';
const READ_TIMEOUT_MS = 2000;
const MAX_OUTPUT_BYTES = 256 * 1024;

export interface RegValue {
  readonly type: string;
  readonly data: string;
}

// `<4 spaces><name><4 spaces><REG_TYPE>[<4 spaces><data>]`; the data part is absent for an empty string.
const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;

/** Parses `reg query <key>` output into value name -> {type, data}. Lines that are not values are ignored. */
export function parseRegQuery(output: string): Map<string, RegValue> {
  const values = new Map<string, RegValue>();
  for (const line of output.split(/\r?\n/)) {
    const match = VALUE_LINE.exec(line);
    if (!match) continue;
    const [, name = '', type = '', data = ''] = match;
    values.set(name.toLowerCase(), { type, data });
  }
  return values;
}

/**
 * The NCSI values from `reg query` output; null when the output is an error or holds none of them
 * (nothing configured means the Windows defaults apply).
 */
export function parseNcsiRegistry(output: string): NcsiOverrides | null {
  if (/^\s*ERROR:/m.test(output)) return null;
  const values = parseRegQuery(output);
  const text = (name: string): string | null => {
    const value = values.get(name.toLowerCase());
    if (!value || !['REG_SZ', 'REG_EXPAND_SZ'].includes(value.type)) return null;
    return value.data === '' || value.data === '(value not set)' ? null : value.data;
  };
  const dword = (name: string): number | null => {
    const value = values.get(name.toLowerCase());
    if (!value || !['REG_DWORD', 'REG_QWORD'].includes(value.type)) return null;
    const number = /^0x[0-9a-f]+$/i.test(value.data) ? Number.parseInt(value.data.slice(2), 16) : Number.NaN;
    return Number.isSafeInteger(number) ? number : null;
  };
  const enabled = dword('EnableActiveProbing');
  const overrides: NcsiOverrides = {
    webProbeHost: text('ActiveWebProbeHost'),
    webProbePath: text('ActiveWebProbePath'),
    webProbeContent: text('ActiveWebProbeContent'),
    activeProbingEnabled: enabled === null ? null : enabled !== 0,
    webTimeoutSeconds: dword('WebTimeout'),
  };
  return Object.values(overrides).every((value) => value === null) ? null : overrides;
}

export interface NcsiReadOptions {
  /** Defaults to process.platform; anything but win32 returns null without running anything. */
  readonly platform?: NodeJS.Platform;
  /** Defaults to process.env.SystemRoot. */
  readonly systemRoot?: string;
}

/** Runs `%SystemRoot%\System32\reg.exe query <NCSI key> /reg:64` and parses it; null off Windows or on any error. */
export function readNcsiRegistry(options: NcsiReadOptions = {}): Promise<NcsiOverrides | null> {
  if ((options.platform ?? process.platform) !== 'win32') return Promise.resolve(null);
  const root = options.systemRoot ?? process.env.SystemRoot ?? '';
  // An absolute path only: a relative SystemRoot would let the working directory pick the program.
  const systemRoot = win32.isAbsolute(root) && /^[a-z]:\\/i.test(root) ? root : 'C:\\Windows';
  const regExe = win32.join(systemRoot, 'System32', 'reg.exe');
  return new Promise((resolve) => {
    try {
      execFile(
        regExe,
        ['query', NCSI_REGISTRY_KEY, '/reg:64'],
        { shell: false, windowsHide: true, timeout: READ_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' },
        (error, stdout) => {
          if (error) {
            resolve(null);
            return;
          }
          try {
            resolve(parseNcsiRegistry(stdout));
          } catch {
            resolve(null);
          }
        },
      );
    } catch {
      resolve(null);
    }
  });
}
