/**
 * From a check's finished pieces to the advice engine's input: the watched services with their
 * incidents (and the newest post of each, for "restored, but load balancing continues"), who fixes
 * them, which web endpoints answered, and the organization's channels. Pure; the check and the app share it.
 */
import type { ServiceDef } from '../sources/catalog.js';
import type { Incident, SourceResult } from '../model.js';
import type { ServiceStatus } from '../sources/services.js';
import type { LadderResult, Verdict } from '../verdict/connectivity-model.js';
import { providerName } from '../sources/provider-names.js';
import { defaultChannels, type Channel } from './channels.js';
import { adviseNow, type AdviceIncident, type AdviceItem, type RunningClient } from './engine.js';
import type { Translator } from '../i18n/translate.js';

/** A post as plain text: enough to read its words, never to display. */
function plainText(incident: Incident | undefined): string | null {
  const body = incident?.updates[0]?.body;
  if (!body) return null;
  return body.format === 'html' ? body.content.replace(/<[^>]*>/g, ' ') : body.content;
}

/** The ended time of a resolved incident: as its source gives it, else its resolving update. */
function endedAt(incident: Incident): string | null {
  return incident.endedAt ?? incident.updates.find((u) => u.status === 'resolved' || u.status === 'postmortem' || u.status === 'completed')?.at ?? incident.updatedAt;
}

export interface ReportAdviceInput {
  readonly now: number;
  readonly verdict: Verdict;
  readonly serviceDefs: readonly ServiceDef[];
  readonly services: readonly ServiceStatus[];
  readonly sources: ReadonlyMap<string, SourceResult>;
  readonly ladder: LadderResult | null;
  /** Clients running on this computer; empty when not listed (a normal day). */
  readonly clients?: readonly RunningClient[];
  /** Incidents resolved lately, per service id (kept by the parsers for 24 h). */
  readonly recentlyResolved?: ReadonlyMap<string, readonly Incident[]>;
  /** The organization's channels (the watch plan's); absent = the defaults for `serviceDefs`. */
  readonly channels?: readonly Channel[];
  /** The words' language and time zone; absent = English, as JSON output says it. */
  readonly t?: Translator;
}

/** The full advice list for one check. */
export function adviceForReport(input: ReportAdviceInput): AdviceItem[] {
  const find = (sourceId: string, id: string): Incident | undefined => input.sources.get(sourceId)?.incidents.find((i) => i.id === id);
  const webAnswers = (input.ladder?.targets ?? [])
    .filter((t) => t.target.role === 'service' && t.reachable && t.target.serviceId)
    .map((t) => t.target.serviceId as string);
  return adviseNow({
    now: input.now,
    verdict: input.verdict,
    providerOf: (id) => {
      const status = input.services.find((s) => s.id === id);
      return status?.sourceIds[0] !== undefined ? providerName(input.sources.get(status.sourceIds[0])) : null;
    },
    services: input.services.map((s) => ({
      id: s.id,
      name: s.name,
      health: s.health,
      incidents: [
        ...s.incidents.map(
          (i): AdviceIncident => ({ id: i.id, title: i.title, kind: i.kind, status: i.status, endedAt: null, latestPost: plainText(find(i.sourceId, i.id)) }),
        ),
        ...(input.recentlyResolved?.get(s.id) ?? []).map(
          (i): AdviceIncident => ({ id: i.id, title: i.title, kind: i.kind, status: 'resolved', endedAt: endedAt(i), latestPost: plainText(i) }),
        ),
      ],
    })),
    channels: input.channels ?? defaultChannels(input.serviceDefs),
    clients: input.clients ?? [],
    webAnswers,
    ...(input.t !== undefined ? { t: input.t } : {}),
  });
}
