/**
 * Restart-needed detection in the desktop engine: the running clients of services whose incident
 * ended in the last 24 h. Listing processes costs a command run (PowerShell on Windows), so it is
 * asked for only while such an incident exists: once when the set of those incidents changes, then
 * at most every {@link CLIENT_LIST_INTERVAL_MS} (a client restarted meanwhile loses its advice).
 * On a normal day nothing is listed.
 */
import { recentlyResolvedByService } from '../check.js';
import { recognizeClients, type ProcessInfo, type RunningClient } from '../advice/clients.js';
import type { Incident, SourceResult } from '../model.js';
import type { FetchOutcome } from '../sources/source-fetch.js';
import type { WatchPlan } from '../settings/config.js';
import type { Ctx } from './context.js';
import type { ClientsSlot } from './types.js';

/** A listing is repeated at most this often while the same incidents stay recently resolved. */
export const CLIENT_LIST_INTERVAL_MS = 5 * 60_000;

export const NO_CLIENTS: ClientsSlot = { platform: null, inFlight: false, listedAt: null, incidentsKey: null, running: [] };

function recentlyResolved(plan: WatchPlan, outcomes: ReadonlyMap<string, FetchOutcome>): Map<string, readonly Incident[]> {
  const results = new Map<string, SourceResult>();
  for (const [id, outcome] of outcomes) results.set(id, outcome.result);
  return recentlyResolvedByService(plan, results);
}

/** One string per set of recently resolved incidents (service, incident, end), or null for none. */
function incidentsKey(byService: ReadonlyMap<string, readonly Incident[]>): string | null {
  const parts: string[] = [];
  for (const [service, incidents] of byService) for (const incident of incidents) parts.push(`${service}\u0000${incident.id}\u0000${incident.endedAt ?? ''}`);
  return parts.length === 0 ? null : parts.sort().join('\u0001');
}

/**
 * The clients to build the report with, asking for a listing first when one is due. With no
 * recently resolved incident the clients are forgotten: no restart advice can follow then.
 */
export function clientsForReport(ctx: Ctx, outcomes: ReadonlyMap<string, FetchOutcome>): readonly RunningClient[] {
  const { s, now } = ctx;
  const key = incidentsKey(recentlyResolved(s.plan, outcomes));
  if (key === null) {
    if (s.clients.incidentsKey !== null || s.clients.running.length > 0) s.clients = { ...s.clients, incidentsKey: null, running: [] };
    return [];
  }
  const due = key !== s.clients.incidentsKey || s.clients.listedAt === null || now - s.clients.listedAt >= CLIENT_LIST_INTERVAL_MS;
  if (s.clients.platform !== null && !s.clients.inFlight && due) {
    s.clients = { ...s.clients, inFlight: true, listedAt: now, incidentsKey: key };
    ctx.effects.push({ kind: 'list-clients' });
  }
  return s.clients.running;
}

/** A listing came back: keep the watched clients of the services whose incident ended lately. */
export function onClientsListed(ctx: Ctx, outcomes: ReadonlyMap<string, FetchOutcome>, processes: readonly ProcessInfo[]): void {
  const { s } = ctx;
  const { platform } = s.clients;
  const services = [...recentlyResolved(s.plan, outcomes).keys()];
  const running = platform === null || services.length === 0 ? [] : recognizeClients(processes, platform, services);
  s.clients = { ...s.clients, inFlight: false, running };
}
