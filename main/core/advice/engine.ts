/**
 * The advice engine: "and what do I do now?" as one pure function of the watched services (their
 * health and their incidents' phases), the verdict, the organisation's channels and the clients
 * running on this computer. It returns an ordered list with stable ids, most useful first; the
 * first item's text is what a notification or a one-line answer says.
 */
import type { Health } from '../health.js';
import type { VerdictKind } from '../verdict/connectivity-model.js';
import { usableChannels, type Channel, type SuggestedChannel } from './channels.js';
import { incidentPhase, mostUrgentPhase, type AdvicePhase } from './phases.js';
import type { RunningClient } from './clients.js';
import { adviceText, builtInName, orList, providerValues, providerWords } from '../words/advice-words.js';
import { ENGLISH, type Translator } from '../i18n/translate.js';

export const ADVICE_IDS = [
  'reconnect-network',
  'sign-in-wifi',
  'proxy-sign-in',
  'fix-clock',
  'check-vpn',
  'slow-network',
  'wait-for-fix',
  'still-intermittent',
  'do-not-reinstall',
  'mail-delayed-not-lost',
  'switch-channel',
  'use-web-version',
  'restart-client',
  'call-helpdesk',
] as const;
export type AdviceId = (typeof ADVICE_IDS)[number];

export type { RunningClient };

/** What pressing the item's button does; the shell or the CLI carries it out. */
export type AdviceAction =
  | { readonly kind: 'open-url'; readonly label: string; readonly url: string }
  | { readonly kind: 'restart-client'; readonly label: string; readonly pid: number; readonly name: string }
  | { readonly kind: 'copy-report'; readonly label: string }
  | { readonly kind: 'open-time-settings'; readonly label: string };

export interface AdviceItem {
  readonly id: AdviceId;
  /** The service it is about; null when it is about this computer or its network. */
  readonly service: string | null;
  readonly title: string;
  readonly text: string;
  readonly action: AdviceAction | null;
  /** `switch-channel` only: the channels it suggests, each working right now. */
  readonly channels?: readonly SuggestedChannel[];
  /** `restart-client` only: the client to restart and when it started. */
  readonly client?: RunningClient;
}

/** One incident of a watched service, as the phase needs it. */
export interface AdviceIncident {
  readonly id: string;
  readonly title: string;
  readonly kind?: 'incident' | 'advisory' | 'maintenance';
  /** Normalised or source status word (`monitoring`, `restoringService`, `resolved`). */
  readonly status: string;
  readonly endedAt: string | null;
  readonly latestPost?: string | null;
}

/** A watched service with its health now and its open and recently resolved incidents. */
export interface AdviceService {
  readonly id: string;
  readonly name: string;
  readonly health: Health;
  readonly incidents: readonly AdviceIncident[];
}

export interface AdviceInput {
  readonly now: number;
  readonly verdict: {
    readonly kind: VerdictKind;
    /** The verdict's own one-paragraph advice; becomes the text of the item the verdict decides. */
    readonly advice: string;
    readonly serviceIds: readonly string[];
  };
  /** Who fixes a service's incidents ("Microsoft"); absent = "the provider". */
  readonly providerOf?: (serviceId: string) => string | null;
  readonly services: readonly AdviceService[];
  readonly channels: readonly Channel[];
  readonly clients: readonly RunningClient[];
  /** Services whose web endpoint answered the probes just now (for use-web-version). */
  readonly webAnswers?: readonly string[];
  /**
   * The words' language, locale and time zone; absent = English with times in UTC, as JSON
   * output and logs say them.
   */
  readonly t?: Translator;
}

/** Services whose mail is queued and retried by the provider during an incident. */
const MAIL_SERVICES: ReadonlySet<string> = new Set(['outlook']);
const WEB_VERSION: Readonly<Record<string, { name: 'web.outlook' | 'web.teams' | 'web.sharepoint'; url: string }>> = {
  outlook: { name: 'web.outlook', url: 'https://outlook.office.com/' },
  teams: { name: 'web.teams', url: 'https://teams.microsoft.com/' },
  sharepoint: { name: 'web.sharepoint', url: 'https://onedrive.live.com/' },
};

/** Local verdicts: the person's own network or computer, with the item that fixes it. */
function localItem(kind: VerdictKind, text: string, t: Translator): AdviceItem | null {
  type LocalId = 'reconnect-network' | 'sign-in-wifi' | 'proxy-sign-in' | 'fix-clock' | 'check-vpn' | 'slow-network';
  const item = (id: LocalId, action: AdviceAction | null = null): AdviceItem => ({ id, service: null, title: adviceText(t, `local.${id}.title`), text, action });
  const REPORT = reportAction(t);
  switch (kind) {
    case 'no-network':
    case 'dns-failure':
      return item('reconnect-network');
    case 'captive-portal':
      // A plain-HTTP page lets the portal redirect to its sign-in form.
      return item('sign-in-wifi', { kind: 'open-url', label: adviceText(t, 'local.sign-in-wifi.action'), url: 'http://neverssl.com/' });
    case 'proxy-auth-required':
      return item('proxy-sign-in');
    case 'clock-skew':
      return item('fix-clock', { kind: 'open-time-settings', label: adviceText(t, 'local.fix-clock.action') });
    case 'proxy-unreachable':
    case 'blocked':
      return item('check-vpn', REPORT);
    case 'slow-network':
      return item('slow-network');
    default:
      return null;
  }
}

/** Whether a client was started before the moment an incident ended, compared to the second. */
export function startedBefore(client: RunningClient, endedAtIso: string): boolean {
  const started = Date.parse(client.startedAt);
  const ended = Date.parse(endedAtIso);
  if (Number.isNaN(started) || Number.isNaN(ended)) return false;
  return Math.floor(started / 1000) < Math.floor(ended / 1000);
}

function clockTime(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
}

interface ServicePhase {
  readonly service: AdviceService;
  readonly phase: AdvicePhase;
  /** For recently resolved: the latest end among its resolved incidents. */
  readonly endedAt: string | null;
  readonly maintenanceOnly: boolean;
}

function phaseOf(service: AdviceService, now: number): ServicePhase {
  const phased = service.incidents.map((i) => ({ incident: i, phase: incidentPhase(i, now) }));
  const phase = mostUrgentPhase(phased.map((p) => p.phase));
  const ends = phased.filter((p) => p.phase === 'recently-resolved' && p.incident.endedAt !== null).map((p) => p.incident.endedAt as string);
  const endedAt = ends.sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;
  const current = phased.filter((p) => p.phase === 'active' || p.phase === 'restoring');
  return { service, phase, endedAt, maintenanceOnly: current.length > 0 && current.every((p) => p.incident.kind === 'maintenance') };
}

/** A channel's name inside a sentence: "use chat in Teams or a phone call", not "use Chat in Teams or A phone call". */
function inSentence(name: string): string {
  return /^(A|An|The|Chat|Email|E-mail|Phone|Call|Text)\b/.test(name) ? `${name.charAt(0).toLowerCase()}${name.slice(1)}` : name;
}

function names(list: readonly { name: string }[], t: Translator): string {
  return orList(
    list.map((x) => x.name),
    t,
  );
}

function channelNames(channels: readonly { name: string }[], t: Translator): string {
  return names(
    channels.map((c) => ({ name: builtInName(inSentence(c.name), t) })),
    t,
  );
}

/** The button that copies the helpdesk report. */
function reportAction(t: Translator): AdviceAction {
  return { kind: 'copy-report', label: adviceText(t, 'items.call-helpdesk.action') };
}

/**
 * The advice for this moment, most useful first. Never suggests a channel whose own service is
 * failing or unknown; suggests `restart-client` only for a client started before a fix that came
 * in the last 24 h.
 */
export function adviseNow(input: AdviceInput): AdviceItem[] {
  const { verdict } = input;
  const items: AdviceItem[] = [];
  const health = new Map(input.services.map((s) => [s.id, s.health]));
  const healthOf = (id: string): Health => health.get(id) ?? 'unknown';
  const phases = input.services.map((s) => phaseOf(s, input.now));
  const t = input.t ?? ENGLISH;
  // JSON and logs keep the UTC clock they always had; a person reads their own zone.
  const time = (iso: string): string => (input.t === undefined ? clockTime(iso) : t.time(iso));
  const provider = (id: string | null): string => providerWords(id !== null ? input.providerOf?.(id) : null, t);

  const local = localItem(verdict.kind, verdict.advice, t);
  if (local) items.push(local);

  const providerVerdict = verdict.kind === 'provider-incident' || verdict.kind === 'provider-unconfirmed';
  const active = phases.filter((p) => p.phase === 'active' || (providerVerdict && verdict.serviceIds.includes(p.service.id) && p.phase !== 'restoring'));
  const restoring = phases.filter((p) => p.phase === 'restoring' && !active.includes(p));
  const troubled = [...active, ...restoring].map((p) => p.service.id);
  const first = active[0]?.service.id ?? restoring[0]?.service.id ?? verdict.serviceIds[0] ?? null;

  if (providerVerdict && active.length > 0) {
    items.push({ id: 'wait-for-fix', service: first, title: adviceText(t, 'items.wait-for-fix.title', { provider: provider(first) }), text: verdict.advice, action: null });
  } else if (active.length > 0) {
    const services = names(
      active.map((p) => p.service),
      t,
    );
    items.push({
      id: 'wait-for-fix',
      service: first,
      title: adviceText(t, 'items.wait-for-fix.title', { provider: provider(first) }),
      text: adviceText(t, active.length === 1 ? 'items.wait-for-fix.textOne' : 'items.wait-for-fix.textMany', { services }),
      action: null,
    });
  }
  for (const p of restoring) {
    const values = { service: p.service.name, ...providerValues(input.providerOf?.(p.service.id), t) };
    items.push({
      id: 'still-intermittent',
      service: p.service.id,
      title: adviceText(t, 'items.still-intermittent.title', values),
      text: adviceText(t, 'items.still-intermittent.text', values),
      action: null,
    });
  }
  const providerProblem = active.filter((p) => !p.maintenanceOnly);
  if (providerProblem.length > 0) {
    items.push({
      id: 'do-not-reinstall',
      service: providerProblem[0]?.service.id ?? null,
      title: adviceText(t, 'items.do-not-reinstall.title'),
      text: adviceText(t, 'items.do-not-reinstall.text'),
      action: null,
    });
  }
  const mail = [...active, ...restoring].find((p) => MAIL_SERVICES.has(p.service.id) && !p.maintenanceOnly);
  if (mail) {
    items.push({
      id: 'mail-delayed-not-lost',
      service: mail.service.id,
      title: adviceText(t, 'items.mail-delayed-not-lost.title'),
      text: adviceText(t, 'items.mail-delayed-not-lost.text'),
      action: null,
    });
  }
  if (troubled.length > 0) {
    const channels = usableChannels(input.channels, troubled, healthOf);
    if (channels.length > 0) {
      const values = {
        channels: channelNames(channels, t),
        services: names(
          troubled.map((id) => ({ name: input.services.find((s) => s.id === id)?.name ?? id })),
          t,
        ),
      };
      const text = troubled.length === 1 ? (channels.length === 1 ? 'textOneOne' : 'textOneMany') : channels.length === 1 ? 'textManyOne' : 'textManyMany';
      items.push({
        id: 'switch-channel',
        service: first,
        title: adviceText(t, 'items.switch-channel.title', values),
        text: adviceText(t, `items.switch-channel.${text}`, values),
        action: null,
        channels,
      });
    }
  }
  const failingDesktop = [...new Set([...troubled, ...(verdict.kind === 'provider-unconfirmed' ? verdict.serviceIds : [])])];
  for (const id of failingDesktop) {
    const web = WEB_VERSION[id];
    if (!web || !(input.webAnswers ?? []).includes(id)) continue;
    const values = { web: t.t(web.name) };
    items.push({
      id: 'use-web-version',
      service: id,
      title: adviceText(t, 'items.use-web-version.title', values),
      text: adviceText(t, 'items.use-web-version.text', values),
      action: { kind: 'open-url', label: adviceText(t, 'items.use-web-version.action', values), url: web.url },
    });
  }
  for (const p of phases) {
    if (p.phase !== 'recently-resolved' || p.endedAt === null || troubled.includes(p.service.id)) continue;
    const endedAt = p.endedAt;
    for (const client of input.clients.filter((c) => c.service === p.service.id && startedBefore(c, endedAt))) {
      const values = { client: client.name, started: time(client.startedAt), ended: time(endedAt) };
      items.push({
        id: 'restart-client',
        service: p.service.id,
        title: adviceText(t, 'items.restart-client.title', values),
        text: adviceText(t, 'items.restart-client.text', values),
        action: { kind: 'restart-client', label: adviceText(t, 'items.restart-client.action', values), pid: client.pid, name: client.name },
        client,
      });
    }
  }
  if (items.length === 0 || !local) {
    const settled = items.length === 0;
    items.push({
      id: 'call-helpdesk',
      service: verdict.serviceIds[0] ?? null,
      title: adviceText(t, settled ? 'items.call-helpdesk.settledTitle' : 'items.call-helpdesk.title'),
      text: settled ? verdict.advice : adviceText(t, 'items.call-helpdesk.text'),
      action: reportAction(t),
    });
  }
  return items;
}
