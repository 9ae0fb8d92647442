/**
 * Channels: the other ways people reach each other (chat, email, phone, the web version) and the
 * service each one itself depends on, so advice never sends anyone to a channel that is down too.
 * Without configuration the defaults below apply, plus one channel per service `fallback`; the
 * config key `channels` replaces the defaults (never the fallbacks, so older config files keep working).
 */
import type { Health } from '../health.js';
import type { ConfigChannel } from '../generated/config-document.js';

export const CHANNEL_KINDS = ['phone', 'chat', 'email', 'web', 'meeting'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface Channel {
  readonly name: string;
  readonly kind: ChannelKind;
  /** How to use it, in plain words. */
  readonly how: string;
  readonly url?: string | null;
  /** The watched service this channel itself depends on; null when it depends on none (the phone). */
  readonly service: string | null;
  /** The services it stands in for; empty = any. */
  readonly replaces: readonly string[];
}

/** A channel as an advice item names it. */
export interface SuggestedChannel {
  readonly name: string;
  readonly kind: ChannelKind;
  readonly service: string | null;
}

/** The catalog's defaults: chat in Teams, email, Outlook on the web, the phone. */
export const DEFAULT_CHANNELS: readonly Channel[] = [
  { name: 'Chat in Teams', kind: 'chat', how: 'Send a chat message in Microsoft Teams.', url: null, service: 'teams', replaces: [] },
  { name: 'Email', kind: 'email', how: 'Send an email.', url: null, service: 'outlook', replaces: [] },
  { name: 'Outlook on the web', kind: 'web', how: 'Open Outlook in a web browser.', url: 'https://outlook.office.com/', service: 'outlook', replaces: ['outlook'] },
  { name: 'A phone call', kind: 'phone', how: 'Call the person.', url: null, service: null, replaces: [] },
];

/** A service as the channel defaults read it. */
export interface FallbackSource {
  readonly id: string;
  readonly fallback: string | null;
}

// A fallback is free text ("Teams or a phone call"); what it depends on is read from its words so
// that "Teams or a phone call" is never offered while Teams is down. The phone alone depends on nothing.
const DEPENDS_ON: readonly (readonly [RegExp, string])[] = [
  [/\bteams\b/i, 'teams'],
  [/\b(outlook|e-?mail|mail)\b/i, 'outlook'],
  [/\bzoom\b/i, 'zoom'],
  [/\b(onedrive|sharepoint)\b/i, 'sharepoint'],
];

function kindOf(text: string): ChannelKind {
  if (/\bon the web\b|\bbrowser\b/i.test(text)) return 'web';
  if (/\b(teams|chat|slack)\b/i.test(text)) return 'chat';
  if (/\b(e-?mail|outlook|mail)\b/i.test(text)) return 'email';
  if (/\b(zoom|meeting)\b/i.test(text)) return 'meeting';
  if (/\b(phone|call)\b/i.test(text)) return 'phone';
  return 'web';
}

/** A service's `fallback` as a channel that replaces that service. */
export function fallbackChannel(service: FallbackSource): Channel | null {
  const text = service.fallback?.trim();
  if (!text) return null;
  const dependsOn = DEPENDS_ON.find(([pattern]) => pattern.test(text))?.[1] ?? null;
  return { name: text, kind: kindOf(text), how: `Use ${text}.`, url: null, service: dependsOn === service.id ? service.id : dependsOn, replaces: [service.id] };
}

/** The channels that apply without configuration: the defaults, then every watched service's fallback. */
export function defaultChannels(services: readonly FallbackSource[]): Channel[] {
  return withFallbacks(DEFAULT_CHANNELS, services);
}

function withFallbacks(listed: readonly Channel[], services: readonly FallbackSource[]): Channel[] {
  const channels = [...listed];
  const seen = new Set(channels.map((c) => c.name.toLowerCase()));
  // "email or a phone call" (Teams' fallback) only repeats the listed "Email" and "A phone call":
  // offer each once. A fallback that says more ("a phone call to sales") stays.
  const plain = (text: string): string => text.trim().toLowerCase().replace(/^(a|an|the)\s+/, '');
  const listedNames = new Set(channels.map((c) => plain(c.name)));
  const repeatsListed = (text: string): boolean => text.split(/\s*(?:,|\bor\b)\s*/i).filter((p) => p.trim() !== '').every((p) => listedNames.has(plain(p)));
  for (const service of services) {
    const channel = fallbackChannel(service);
    if (!channel || seen.has(channel.name.toLowerCase()) || repeatsListed(channel.name)) continue;
    seen.add(channel.name.toLowerCase());
    channels.push(channel);
  }
  return channels;
}

/** One configured channel (config key `channels`) in the advice's terms. */
export function configuredChannel(channel: ConfigChannel): Channel {
  return { name: channel.name.trim(), kind: channel.kind, how: channel.how.trim(), url: channel.url ?? null, service: channel.service, replaces: [...(channel.replaces ?? [])] };
}

/**
 * The channels of one watch list: the organization's own list when the config gives `channels`
 * (an empty list too: "suggest none but the fallbacks"), else the defaults; then every watched
 * service's fallback whose name is not listed yet.
 */
export function resolveChannels(configured: readonly ConfigChannel[] | undefined, services: readonly FallbackSource[]): Channel[] {
  if (configured === undefined) return defaultChannels(services);
  return withFallbacks(configured.map(configuredChannel), services);
}

/**
 * The channels to suggest instead of the failing services: only those whose own service is known
 * operational now (or that depend on none), and never one that depends on a failing service.
 * Channels that explicitly replace a failing service come first, the phone last.
 */
export function usableChannels(channels: readonly Channel[], failing: readonly string[], healthOf: (serviceId: string) => Health): SuggestedChannel[] {
  const failingSet = new Set(failing);
  const usable = channels.filter((c) => {
    if (c.replaces.length > 0 && !c.replaces.some((id) => failingSet.has(id))) return false;
    if (c.service === null) return true;
    return !failingSet.has(c.service) && healthOf(c.service) === 'operational';
  });
  const rank = (c: Channel): number => (c.service === null ? 2 : c.replaces.length > 0 ? 0 : 1);
  return [...usable].sort((a, b) => rank(a) - rank(b)).map((c) => ({ name: c.name, kind: c.kind, service: c.service }));
}
