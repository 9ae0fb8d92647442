/**
 * Where each OS keeps Outage Radar's policy, and a cheap look whether any is there. `--help` is
 * answered before the CLI proper loads: it asks `mayHavePolicy` first and loads the policy
 * readers only when a policy could apply (Windows always: only the registry can tell).
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/** Where the Linux policy files live. */
export const LINUX_POLICY_DIR = '/etc/outage-radar';
/**
 * Moves the Linux policy folder (and the macOS managed-preferences root): for tests, and for an
 * admin who wants to see what a policy would do before installing it in /etc.
 */
export const POLICY_DIR_ENV = 'OUTAGE_RADAR_POLICY_DIR';
export const LINUX_POLICY_FILE = 'policy.json';
export const LINUX_RECOMMENDED_FILE = 'recommended.json';
export const MAC_MANAGED_PREFERENCES = '/Library/Managed Preferences';
/** The managed-preferences domain (`PLIST_DOMAIN` in core/policy/policy-documents.ts, checked by a test). */
export const MAC_POLICY_FILE = 'org.outageradar.desktop.plist';

type Env = Readonly<Record<string, string | undefined>>;

/** The folder `OUTAGE_RADAR_POLICY_DIR` names, if it names one. */
export function movedPolicyDir(env: Env): string | undefined {
  const dir = env[POLICY_DIR_ENV];
  return dir !== undefined && dir !== '' ? dir : undefined;
}

export function currentUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

/** Whether this machine may hold a policy for us; false only when no policy file is there. Never throws. */
export function mayHavePolicy(platform: NodeJS.Platform, env: Env): boolean {
  const moved = movedPolicyDir(env);
  if (platform === 'win32') return true;
  if (platform === 'darwin') {
    const root = moved ?? MAC_MANAGED_PREFERENCES;
    const user = currentUser();
    return existsSync(join(root, MAC_POLICY_FILE)) || (user !== null && user !== '' && existsSync(join(root, user, MAC_POLICY_FILE)));
  }
  const dir = moved ?? LINUX_POLICY_DIR;
  return existsSync(join(dir, LINUX_POLICY_FILE)) || existsSync(join(dir, LINUX_RECOMMENDED_FILE));
}
