/**
 * The one check of the settings model: the schema's shape first, then the meaning checks on a
 * good shape. A whole document (a config file) or one key at a time (the store's repair, the
 * window's patch and, next, each policy value) get the same sentences.
 */
import { checkConfigMeaning, type MeaningContext } from './config-meaning.js';
import type { ConfigDocument } from '../generated/config-document.js';
import { schemaProblems, type SettingProblem } from './settings-schema.js';

/** Every problem of a whole document; empty when it is good. */
export function documentProblems(raw: unknown, context: MeaningContext = {}): SettingProblem[] {
  const shape = schemaProblems(raw);
  return shape.length > 0 ? shape : checkConfigMeaning(raw as ConfigDocument, context);
}

/** Every problem of one key's value, checked as the document `{ [key]: value }`. */
export function checkSettingValue(key: string, value: unknown, context: MeaningContext = {}): SettingProblem[] {
  return documentProblems({ [key]: value }, context);
}
