/**
 * A detection's refusal in a person's language. Detection explains a refusal in English, in
 * detail and built from many parts (JSON output and logs keep it); another language gets the
 * reason's own sentence instead, with the HTTP status when detection named one, so neither the
 * window nor the terminal mixes languages. English answers pass unchanged.
 */
import { ENGLISH, type Translator } from '../i18n/translate.js';
import type { DetectFailure, DetectOutcome } from './detect-source.js';

const WHY_KEYS = {
  login: 'main.addSource.why.login',
  'not-status-page': 'main.addSource.why.not-status-page',
  unreachable: 'main.addSource.why.unreachable',
  blocked: 'main.addSource.why.blocked',
  'bad-url': 'main.addSource.why.bad-url',
} as const satisfies Record<DetectFailure, string>;

/**
 * The detection's answer in the person's language. Detection explains a refusal in English, in
 * detail and built from many parts (the CLI prints it as it is); another language gets the
 * reason's own sentence instead, with the HTTP status when detection named one, so the window
 * never mixes languages. English answers pass unchanged.
 */
export function detectionInWords(outcome: DetectOutcome, t: Translator = ENGLISH): DetectOutcome {
  if (outcome.ok || t.language === 'en') return outcome;
  const why = t.t(WHY_KEYS[outcome.reason]);
  const status = /\bHTTP (\d{3})\b/.exec(outcome.message)?.[1];
  return { ...outcome, message: status === undefined ? why : t.t('main.addSource.why.http', { why, status }) };
}

