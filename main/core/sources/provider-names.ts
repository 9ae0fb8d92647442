/**
 * Who posts on a status source and which incident ids are worth naming: shared by the verdict,
 * the check's status signals, the situation line and the notifications, so that "Microsoft" and
 * "incident EX1224375" read the same everywhere.
 */
import type { SourceResult } from '../model.js';

/** Microsoft's incident ids look like EX1224375 or MO845321: worth naming, unlike Statuspage's random ids. */
export const MICROSOFT_INCIDENT_ID_PATTERN = /^[A-Z]{2,4}\d{3,}$/;

/** Who posts on a source: "Microsoft" for Microsoft and tenant sources, else the page's name. */
export function providerName(source: Pick<SourceResult, 'type' | 'name'> | undefined): string {
  if (!source) return 'the provider';
  return source.type === 'microsoft-public' || source.type === 'org-feed' ? 'Microsoft' : source.name;
}
