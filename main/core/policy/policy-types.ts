/**
 * The words of managed policy, shared by the parsers (registry, plists, JSON files), the
 * precedence rules and `outage-radar policy`. A platform reader produces `PolicySet`s: the raw
 * named values of one place (a registry key, a plist, a JSON file) at one level; nothing is
 * validated until `validatePolicySet` runs them through the settings schema, key by key.
 */
import type { Phrase } from '../i18n/phrase.js';

/** How strongly a set of policies applies. Mandatory levels lock what they set. */
export type PolicyLevel = 'machine-policy' | 'user-policy' | 'recommended';

/** Where a setting's value in force came from, strongest last in this list. */
export type SettingSource = 'default' | 'recommended' | 'config-file' | 'user' | 'user-policy' | 'machine-policy';

/**
 * One raw value as its platform stores it. The form decides which conversions are allowed:
 * registry values carry their REG_ type (JSON text is parsed only there); JSON and plist values
 * are used as typed, never coerced (a string where a list is expected is an error).
 */
export type PolicyRawValue =
  | { readonly form: 'json'; readonly value: unknown }
  /** A plist has no null: an empty string means null for a key that may be null. */
  | { readonly form: 'plist'; readonly value: unknown }
  | { readonly form: 'registry'; readonly type: string; readonly data: RegistryData };

/** What a registry value holds: text, a number (REG_DWORD/REG_QWORD), or the items of a REG_MULTI_SZ. */
export type RegistryData = string | number | readonly string[];

/** One named value as found. */
export interface PolicyEntry {
  /** The policy name as written (registry names are case-insensitive). */
  readonly name: string;
  readonly raw: PolicyRawValue;
}

/** Everything one place said, at one level. */
export interface PolicySet {
  readonly level: PolicyLevel;
  /** Where it was read, for messages: `HKLM\SOFTWARE\Policies\OutageRadar`, `/etc/outage-radar/policy.json`. */
  readonly origin: string;
  readonly entries: readonly PolicyEntry[];
  /** Problems with the place as a whole (not JSON, unreadable, an unexpected subkey), in no language yet. */
  readonly problems: readonly Phrase[];
}

/** A rejected value or a broken policy source, as `outage-radar policy` lists it. */
export interface PolicyError {
  /** The level, or the place when no level applies (a file given to `--file`). */
  readonly source: string;
  /** The setting's key (`helpdesk.ticketUrl`), or the policy name when it matches no setting, or null for the place itself. */
  readonly key: string | null;
  /** In English: what `outage-radar policy --json` and the logs carry. */
  readonly message: string;
  /** The same sentence as words, for saying it in the person's language (`renderPhrase`). */
  readonly words: Phrase;
}

/**
 * The port in front of the platform readers (registry, managed preferences, /etc files): every
 * set this machine holds, strongest place first within a level. Never rejects: a place that
 * cannot be read is a set with a problem.
 */
export interface PolicySource {
  read(): Promise<readonly PolicySet[]>;
}
