/**
 * Reading Microsoft Graph service-health JSON without trusting its shape: one collection page
 * (`value` and `@odata.nextLink`) and the fields of serviceHealth and serviceHealthIssue. Field
 * names are read in camelCase (what Graph sends) or PascalCase (what older samples and the retired
 * Office 365 API used), so a relay behind a rewriting proxy still reads them.
 */
import { isRecord, own, parseJsonSafely, type JsonObject } from '../sources/json-safe.js';

/** One page of a Graph collection. */
export interface GraphPage {
  readonly items: readonly JsonObject[];
  readonly nextLink: string | null;
}

export type GraphPageOutcome = { readonly ok: true; readonly page: GraphPage } | { readonly ok: false; readonly error: string };

/** `status` → also `Status`; `@odata.nextLink` is read as given. */
export function field(obj: JsonObject, camelName: string): unknown {
  const camel = own(obj, camelName);
  if (camel !== undefined) return camel;
  return own(obj, camelName.charAt(0).toUpperCase() + camelName.slice(1));
}

/** A non-blank string field, or null. */
export function textField(obj: JsonObject, camelName: string): string | null {
  const value = field(obj, camelName);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function boolField(obj: JsonObject, camelName: string): boolean | null {
  const value = field(obj, camelName);
  return typeof value === 'boolean' ? value : null;
}

export function recordsField(obj: JsonObject, camelName: string): readonly JsonObject[] {
  const value = field(obj, camelName);
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * A collection page: `{ value: [...], "@odata.nextLink"?: url }`. A single entity (the
 * `healthOverviews/{name}` form) is read as a page of one, so a test emulator or proxy serving
 * that shape still works.
 */
export function parseGraphPage(body: string): GraphPageOutcome {
  const json = parseJsonSafely(body);
  if (!json.ok) return { ok: false, error: json.error };
  const root = json.value;
  if (!isRecord(root)) return { ok: false, error: 'expected a JSON object from Graph' };
  const graphError = field(root, 'error');
  if (isRecord(graphError)) {
    const code = textField(graphError, 'code') ?? 'error';
    return { ok: false, error: `Graph answered with an error: ${code}` };
  }
  const value = field(root, 'value');
  const next = own(root, '@odata.nextLink');
  const nextLink = typeof next === 'string' && next.trim() !== '' ? next : null;
  if (Array.isArray(value)) return { ok: true, page: { items: value.filter(isRecord), nextLink } };
  if (value === undefined && textField(root, 'id') !== null) return { ok: true, page: { items: [root], nextLink: null } };
  return { ok: false, error: 'expected a Graph collection with a "value" array' };
}
