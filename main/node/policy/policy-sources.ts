/**
 * The `PolicySource` of each OS. Linux reads `/etc/outage-radar/policy.json` (mandatory, the
 * machine's) and `recommended.json`; macOS reads the managed preferences of
 * `org.outageradar.desktop` for the device and for the signed-in user; Windows reads the registry
 * (`windows-policy.ts`). Every path can be moved for tests and for admins trying a policy out.
 */
import { join } from 'node:path';
import type { PolicySet, PolicySource } from '../../core/policy/policy-types.js';
import { readJsonPolicyFile, readPlistPolicyFile } from './policy-files.js';
import { currentUser, LINUX_POLICY_DIR, LINUX_POLICY_FILE, LINUX_RECOMMENDED_FILE, MAC_MANAGED_PREFERENCES, MAC_POLICY_FILE, movedPolicyDir } from './policy-places.js';
import type { WindowsPolicyOptions } from './windows-policy.js';

export { LINUX_POLICY_DIR, LINUX_POLICY_FILE, LINUX_RECOMMENDED_FILE, MAC_MANAGED_PREFERENCES, POLICY_DIR_ENV } from './policy-places.js';

/** `/etc/outage-radar/policy.json` and `recommended.json`. */
export function createLinuxPolicySource(options: { readonly dir?: string } = {}): PolicySource & { readonly dir: string } {
  const dir = options.dir ?? LINUX_POLICY_DIR;
  return {
    dir,
    async read(): Promise<readonly PolicySet[]> {
      const [mandatory, recommended] = await Promise.all([readJsonPolicyFile(join(dir, LINUX_POLICY_FILE), 'machine-policy'), readJsonPolicyFile(join(dir, LINUX_RECOMMENDED_FILE), 'recommended')]);
      return [...mandatory, ...recommended];
    },
  };
}

/** `/Library/Managed Preferences/org.outageradar.desktop.plist` (device) and `.../<user>/...` (user). */
export function createMacPolicySource(options: { readonly root?: string; readonly user?: string | null } = {}): PolicySource {
  const root = options.root ?? MAC_MANAGED_PREFERENCES;
  const user = options.user === undefined ? currentUser() : options.user;
  const file = MAC_POLICY_FILE;
  return {
    async read(): Promise<readonly PolicySet[]> {
      const device = await readPlistPolicyFile(join(root, file), 'machine-policy');
      // A user name with a path separator would read another folder; such a name is not a macOS account.
      const own = user !== null && user !== '' && !/[\\/]|^\.\.?$/.test(user) ? await readPlistPolicyFile(join(root, user, file), 'user-policy') : [];
      // Mandatory sets first, then the recommended ones, device before user within each.
      return [...device, ...own].sort((a, b) => Number(a.level === 'recommended') - Number(b.level === 'recommended'));
    },
  };
}

export interface PlatformPolicyOptions {
  readonly platform?: NodeJS.Platform;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly windows?: WindowsPolicyOptions;
}

/** This machine's policy reader; no policy at all on other systems. */
export function createPlatformPolicySource(options: PlatformPolicyOptions = {}): PolicySource {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const moved = movedPolicyDir(env);
  // The registry reader (child processes, the registry parsers) loads only when policy is read.
  if (platform === 'win32') return { read: async () => (await import('./windows-policy.js')).createWindowsPolicySource(options.windows).read() };
  if (platform === 'darwin') return createMacPolicySource(moved === undefined ? {} : { root: moved });
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return createLinuxPolicySource(moved === undefined ? {} : { dir: moved });
  return { read: async () => [] };
}
