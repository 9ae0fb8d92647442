/**
 * The language of the CLI's human output, the same for every command: the `language` set by a
 * machine policy, else by a user policy, else the config file's, else a recommended policy's,
 * else the POSIX locale (`LC_ALL`, `LC_MESSAGES`, `LANG`; `C`/`POSIX` are English).
 *
 * Policy is read only for people: `--json` output is English whatever the language, so a script
 * never pays for the policy readers (loaded here, on first use: a JSON file or two in
 * /etc/outage-radar on Linux, managed preferences on macOS, reg.exe on Windows).
 */
import { languageSetting, type LanguageSetting } from '../core/i18n/languages.js';
import { cliTranslator, type Translator } from '../core/i18n/translate.js';
import type { PolicySource } from '../core/policy/policy-types.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface PersonLanguageOptions {
  /** The config file's `language`, when a config file was read (undefined: none, or it does not say). */
  readonly configLanguage?: unknown;
  /** Only JSON is printed: English, and no policy is read. */
  readonly json?: boolean;
  /** The POSIX environment; `process.env` by default. */
  readonly env?: Env;
  /** This machine's policy reader by default. */
  readonly policy?: PolicySource;
}

/** The `language` setting in force (`auto` follows the locale). Never rejects: policy that cannot be read is no policy. */
async function languageSettingInForce(options: PersonLanguageOptions = {}): Promise<LanguageSetting> {
  const configLanguage = options.configLanguage;
  if (options.json === true) return languageSetting(configLanguage);
  try {
    const policy = options.policy ?? (await import('../node/policy/policy-sources.js')).createPlatformPolicySource(options.env === undefined ? {} : { env: options.env });
    const sets = await policy.read();
    // Most machines have no policy: then there is nothing to check.
    if (sets.every((set) => set.entries.length === 0)) return languageSetting(configLanguage);
    const { settingInForce } = await import('../core/policy/policy-effective.js');
    return languageSetting(settingInForce('language', sets, configLanguage === undefined ? {} : { language: languageSetting(configLanguage) }));
  } catch {
    // A reader never rejects by contract; if one does, the words are still said, in the config's language.
    return languageSetting(configLanguage);
  }
}

/** The translator for the person's words (no policy read for JSON-only output), with the locale's region for numbers and dates. */
export async function personTranslator(options: PersonLanguageOptions = {}): Promise<Translator> {
  return cliTranslator(options.env ?? process.env, await languageSettingInForce(options));
}
