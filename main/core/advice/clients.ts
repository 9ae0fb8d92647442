/**
 * Restart-needed detection, the pure half: which running processes are desktop clients of the
 * watched services, and which of them were started before a fix. After an incident ends, a client
 * that kept running can stay broken until restarted (Teams, 2021-04-27: "they need to restart their
 * clients to recover"). The client catalog is reviewed data (clients.json, shape in
 * schema/clients.schema.json, held to it by test/unit/core/clients.test.ts). The process list comes
 * from a {@link ProcessLister} (main/core/ports.ts), adapters in main/node/process-list.ts.
 */
import clientCatalog from './clients.json' with { type: 'json' };

/** One process of the current user, as the OS lister reports it. */
export interface ProcessInfo {
  readonly pid: number;
  /** The executable's base name ("OUTLOOK.EXE", "MSTeams", "teams-for-linux"), no folder. */
  readonly name: string;
  /**
   * When the process started, ISO 8601 in UTC to the second. Empty when the OS did not say
   * (Windows `tasklist` fallback): such a process is never said to predate a fix.
   */
  readonly startedAt: string;
}

/** A running desktop client of a watched service. */
export interface RunningClient {
  /** The client's name as a person knows it: "Teams", "new Outlook". */
  readonly name: string;
  /** The catalog service id it depends on. */
  readonly service: string;
  readonly pid: number;
  /** ISO 8601 to the second, or empty when unknown (see {@link ProcessInfo.startedAt}). */
  readonly startedAt: string;
}

export type ClientPlatform = 'win32' | 'darwin' | 'linux';

/** One entry of clients.json. */
export interface ClientDef {
  readonly service: string;
  readonly name: string;
  readonly executables: Readonly<Partial<Record<ClientPlatform, readonly string[]>>>;
}

/** Every desktop client the app knows, per service and OS. */
export const CLIENT_CATALOG: readonly ClientDef[] = (clientCatalog as { readonly clients: readonly ClientDef[] }).clients;

const NO_TIME = Number.POSITIVE_INFINITY;

/** Seconds since the epoch, or null for anything that is not a date. */
function toSecond(iso: string): number | null {
  if (iso === '') return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

function baseName(name: string): string {
  const cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return cut === -1 ? name : name.slice(cut + 1);
}

/**
 * The running clients of the watched services. A process is recognised by its executable's base
 * name (in any install path): case-insensitively on Windows and macOS, whose file systems are, and
 * exactly on Linux. An Electron client runs as many processes of one name; it is reported once,
 * as its earliest-started process (the main one, the one that says since when it has been
 * running; ties go to the lowest pid). Order: by service as watched, then catalog order.
 */
export function recognizeClients(processes: readonly ProcessInfo[], platform: ClientPlatform, watched: readonly string[]): RunningClient[] {
  const fold = platform === 'linux' ? (s: string): string => s : (s: string): string => s.toLowerCase();
  const byName = new Map<string, ClientDef>();
  for (const client of CLIENT_CATALOG) {
    if (!watched.includes(client.service)) continue;
    for (const executable of client.executables[platform] ?? []) if (!byName.has(fold(executable))) byName.set(fold(executable), client);
  }
  const earliest = new Map<ClientDef, ProcessInfo>();
  for (const proc of processes) {
    const client = byName.get(fold(baseName(proc.name)));
    if (client === undefined) continue;
    const best = earliest.get(client);
    if (best === undefined || startsBefore(proc, best)) earliest.set(client, proc);
  }
  const rank = (c: ClientDef): number => watched.indexOf(c.service) * CLIENT_CATALOG.length + CLIENT_CATALOG.indexOf(c);
  return [...earliest.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([client, proc]) => ({ name: client.name, service: client.service, pid: proc.pid, startedAt: proc.startedAt }));
}

function startsBefore(a: ProcessInfo, b: ProcessInfo): boolean {
  const ta = toSecond(a.startedAt) ?? NO_TIME;
  const tb = toSecond(b.startedAt) ?? NO_TIME;
  return ta !== tb ? ta < tb : a.pid < b.pid;
}

/**
 * The clients of `service` started strictly before the fix at `endedAtIso`: the ones that may still
 * hold a broken session. Compared to the second, with no grace window: a client started in the
 * same second as the fix, or later, is not listed. A client whose start time is unknown is never
 * listed (we do not tell someone to restart on a guess); nor is anything when `endedAtIso` is not
 * a date.
 */
export function clientsRunningSince(clients: readonly RunningClient[], service: string, endedAtIso: string): RunningClient[] {
  const ended = toSecond(endedAtIso);
  if (ended === null) return [];
  return clients.filter((client) => {
    const started = toSecond(client.startedAt);
    return client.service === service && started !== null && started < ended;
  });
}
