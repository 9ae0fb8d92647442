/**
 * Runtime validators for every argument the window sends to main.
 *
 * The renderer shows untrusted incident text, so main treats everything that arrives over IPC as
 * hostile: wrong types, extra arguments, `__proto__` keys, megabyte strings. These checks are
 * cheap (types, shapes, sizes); a settings change is checked by the one settings validator, and
 * the meaning of a value (is this URL allowed, is this interval in bounds) is answered by
 * `settings-patch.ts` next to the field.
 * Pure: no I/O, never throws.
 */
import { ADVICE_IDS } from './advice/engine.js';
import {
  INVOKE_CHANNELS,
  type AdviceTarget,
  LINK_KINDS,
  MUTE_PRESETS,
  type InvokeArgs,
  type InvokeChannel,
  type LinkTarget,
  type MutePreset,
  type ProblemRequest,
  type SettingsPatch,
} from './contract.js';
import { isSettingKey, schemaProblems } from './settings/settings-schema.js';

/** Limits for strings and lists that arrive from the window; far above any real value. */
export const GUARD_LIMITS = {
  /** Ids of sources, incidents, messages and services. */
  idLength: 256,
  /** URLs, names, any other text field. */
  textLength: 2048,
  /** What a person types or pastes into "Report a problem" (a whole bounce message fits). */
  problemTextLength: 20_000,
  /** Incidents a person can have been shown in one "Report a problem" flow. */
  shownIncidents: 20,
} as const;

export type GuardResult<C extends InvokeChannel> =
  | { readonly ok: true; readonly args: InvokeArgs<C> }
  | { readonly ok: false; readonly reason: string };

type Check<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const good = <T>(value: T): Check<T> => ({ ok: true, value });
const bad = (reason: string): { readonly ok: false; readonly reason: string } => ({ ok: false, reason });

/** Keys that change an object's prototype when assigned; never accepted anywhere in a payload. */
const POISONED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** True for `{}`-style objects (not arrays, class instances or objects with a changed prototype). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The object's own keys, or a reason when one of them is poisoned or not in `allowed`. */
function checkKeys(value: Record<string, unknown>, allowed: readonly string[], what: string): string | null {
  // Reflect.ownKeys also sees symbol and non-enumerable keys, which structured clone never makes
  // but a hand-built object could.
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string') return `${what} has a symbol key`;
    if (POISONED_KEYS.has(key)) return `${what} has a forbidden key ${JSON.stringify(key)}`;
    if (!allowed.includes(key)) return `${what} has an unknown key ${JSON.stringify(key.slice(0, 64))}`;
  }
  return null;
}

function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isId(value: unknown): value is string {
  return isBoundedString(value, GUARD_LIMITS.idLength) && value.length > 0;
}

/** True for one of the mute presets of the contract. */
export function isMutePreset(value: unknown): value is MutePreset {
  return typeof value === 'string' && (MUTE_PRESETS as readonly string[]).includes(value);
}

const LINK_FIELDS: Record<LinkTarget['kind'], readonly string[]> = {
  incident: ['kind', 'sourceId', 'incidentId'],
  source: ['kind', 'sourceId'],
  message: ['kind', 'sourceId', 'messageId'],
  helpdesk: ['kind'],
};

/** Checks a named link: a known kind with exactly its id fields, each a bounded non-empty string. */
export function checkLinkTarget(value: unknown): Check<LinkTarget> {
  if (!isPlainObject(value)) return bad('the link is not an object');
  const kind = value['kind'];
  if (typeof kind !== 'string' || !(LINK_KINDS as readonly string[]).includes(kind)) return bad('the link has an unknown kind');
  const fields = LINK_FIELDS[kind as LinkTarget['kind']];
  const keyProblem = checkKeys(value, fields, 'the link');
  if (keyProblem !== null) return bad(keyProblem);
  for (const field of fields) {
    if (field === 'kind') continue;
    if (!isId(value[field])) return bad(`the link's ${field} is not a short non-empty string`);
  }
  return good(value as unknown as LinkTarget);
}

/** Any poisoned key at any depth of a JSON-like value, as a reason; null when there is none. */
function poisonedKey(value: unknown, depth = 0): string | null {
  if (depth > 8 || typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = poisonedKey(item, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string') return 'the settings change has a symbol key';
    if (POISONED_KEYS.has(key)) return `the settings change has a forbidden key ${JSON.stringify(key)}`;
    const found = poisonedKey((value as Record<string, unknown>)[key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Schema failures the window's form can never produce: a wrong type, an unknown field, a missing
 * field, a list or a text too long. Anything else (a number out of bounds, a time or a name in
 * the wrong format, a URL not allowed) is a person's typing, which `settings-patch.ts` answers
 * with the same sentence next to the field instead of refusing the request.
 */
const STRUCTURAL = new Set(['type', 'additionalProperties', 'required', 'maxItems', 'maxLength']);

/**
 * Checks a settings patch with the one settings validator (`settings-schema.ts`): a plain object
 * of settings the window may change, each of the schema's type and size (groups may be partial).
 * The reason is the schema's sentence with the key's path, as the config loader words it.
 */
export function checkSettingsPatch(value: unknown): Check<SettingsPatch> {
  if (!isPlainObject(value)) return bad('the settings change is not an object');
  const poisoned = poisonedKey(value);
  if (poisoned !== null) return bad(poisoned);
  for (const key of Object.keys(value)) if (!isSettingKey(key)) return bad(`${key.slice(0, 60)}: not a setting the window can change`);
  const structural = schemaProblems(value).find((problem) => STRUCTURAL.has(problem.keyword));
  return structural ? bad(structural.message) : good(value as SettingsPatch);
}

/** A process id as the advice carries it: a positive whole number (main then matches it to the advice). */
export function checkPid(value: unknown): Check<number> {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? good(value) : bad('the process id is not a positive whole number');
}

/** Names an advice item: one of the engine's ids and a short service id or null, nothing else. */
export function checkAdviceTarget(value: unknown): Check<AdviceTarget> {
  if (!isPlainObject(value)) return bad('the advice target is not an object');
  const keyProblem = checkKeys(value, ['id', 'service'], 'the advice target');
  if (keyProblem !== null) return bad(keyProblem);
  const { id, service } = value;
  if (typeof id !== 'string' || !(ADVICE_IDS as readonly string[]).includes(id)) return bad('the advice target has an unknown advice id');
  if (service !== null && !isId(service)) return bad("the advice target's service is not a short non-empty string or null");
  return good({ id, service });
}

/** Checks the text typed into "Report a problem": a string of bounded length (empty is fine). */
export function checkProblemText(value: unknown): Check<string> {
  return isBoundedString(value, GUARD_LIMITS.problemTextLength) ? good(value) : bad(`the problem text is not a string of at most ${GUARD_LIMITS.problemTextLength} characters`);
}

/** Checks a "Report a problem" request: exactly its four fields, each of its type and size. */
export function checkProblemRequest(value: unknown): Check<ProblemRequest> {
  if (!isPlainObject(value)) return bad('the problem report is not an object');
  const keyProblem = checkKeys(value, ['serviceId', 'typed', 'shownIncidents', 'pastLocalFix'], 'the problem report');
  if (keyProblem !== null) return bad(keyProblem);
  const { serviceId, typed, shownIncidents, pastLocalFix } = value;
  if (!isId(serviceId)) return bad("the problem report's service is not a short non-empty string");
  const text = checkProblemText(typed);
  if (!text.ok) return text;
  if (!Array.isArray(shownIncidents) || shownIncidents.length > GUARD_LIMITS.shownIncidents || !shownIncidents.every(isId)) {
    return bad(`the problem report's shown incidents are not a list of at most ${GUARD_LIMITS.shownIncidents} short ids`);
  }
  if (typeof pastLocalFix !== 'boolean') return bad("the problem report's pastLocalFix is not true or false");
  return good({ serviceId, typed: text.value, shownIncidents: [...(shownIncidents as string[])], pastLocalFix });
}

/** Checks the address typed into "Add a status page": a string of bounded length (what it means is detection's answer). */
export function checkDetectUrl(value: unknown): Check<string> {
  return isBoundedString(value, GUARD_LIMITS.textLength) ? good(value) : bad(`the status page address is not a string of at most ${GUARD_LIMITS.textLength} characters`);
}

type ArgsCheck<C extends InvokeChannel> = (args: readonly unknown[]) => Check<InvokeArgs<C>>;

const noArgs =
  <C extends InvokeChannel>(): ArgsCheck<C> =>
  (args) =>
    args.length === 0 ? good([] as unknown as InvokeArgs<C>) : bad(`expected no arguments, got ${args.length}`);

const oneArg =
  <C extends InvokeChannel>(check: (value: unknown) => Check<InvokeArgs<C>[0]>): ArgsCheck<C> =>
  (args) => {
    if (args.length !== 1) return bad(`expected one argument, got ${args.length}`);
    const result = check(args[0]);
    return result.ok ? good([result.value] as unknown as InvokeArgs<C>) : result;
  };

/** Exhaustive over the contract: a new channel does not compile until it is listed here. */
const ARGS_CHECKS: { readonly [C in InvokeChannel]: ArgsCheck<C> } = {
  'state:get': noArgs(),
  'state:refresh': noArgs(),
  'notifications:mute': oneArg((value) => (isMutePreset(value) ? good(value) : bad(`unknown mute preset (expected one of ${MUTE_PRESETS.join(', ')})`))),
  'settings:get': noArgs(),
  'settings:update': oneArg(checkSettingsPatch),
  'diagnostics:run': noArgs(),
  'link:open': oneArg(checkLinkTarget),
  'report:copy': noArgs(),
  'window:hide': noArgs(),
  'client:restart': oneArg(checkPid),
  'advice:run': oneArg(checkAdviceTarget),
  'deflections:get': noArgs(),
  'problem:match': oneArg(checkProblemText),
  'problem:decide': oneArg(checkProblemRequest),
  'problem:send': oneArg(checkProblemRequest),
  'source:detect': oneArg(checkDetectUrl),
};

/** True for a channel of the contract. */
export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value);
}

/**
 * Validates the arguments of one invoke message. Extra or missing arguments are refused: the
 * preload sends exactly what the contract declares, so anything else did not come from it.
 */
export function validateInvokeArgs<C extends InvokeChannel>(channel: C, args: readonly unknown[]): GuardResult<C>;
export function validateInvokeArgs(channel: string, args: readonly unknown[]): GuardResult<InvokeChannel>;
export function validateInvokeArgs(channel: string, args: readonly unknown[]): GuardResult<InvokeChannel> {
  if (!isInvokeChannel(channel)) return bad(`unknown channel ${JSON.stringify(String(channel).slice(0, 64))}`);
  if (!Array.isArray(args)) return bad('the arguments are not a list');
  const result = (ARGS_CHECKS[channel] as ArgsCheck<InvokeChannel>)(args);
  return result.ok ? { ok: true, args: result.value } : { ok: false, reason: `${channel}: ${result.reason}` };
}
