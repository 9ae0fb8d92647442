/**
 * The organization's channels (config key `channels`): checked by the schema and the meaning rules
 * with the key's path, resolved into the watch plan (replacing the defaults, keeping every
 * service's `fallback`), and suggested by the advice only while their own service is operational.
 */
import { describe, expect, it } from 'vitest';
import { adviseNow, type AdviceItem, type AdviceService } from '../../../main/core/advice/engine.js';
import { DEFAULT_CHANNELS, resolveChannels, type Channel } from '../../../main/core/advice/channels.js';
import { checkConfig, resolveWatchPlan } from '../../../main/core/settings/config.js';
import type { Health } from '../../../main/core/health.js';
import type { ConfigChannel } from '../../../main/core/generated/config-document.js';
import { initialEngineState } from '../../../main/core/engine/step.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/settings.js';
import { incident, makeReport, TEST_CONFIG } from '../../helpers/reports.js';

const NOW = Date.parse('2026-01-22T18:00:00Z');

const SLACK: ConfigChannel = { name: 'Slack', kind: 'chat', how: 'Post in #it-status on Slack.', url: 'https://example.slack.com/', service: null };
const TEAMS_CHAT: ConfigChannel = { name: 'Teams chat', kind: 'chat', how: 'Chat in Teams.', service: 'teams' };
const MAIL: ConfigChannel = { name: 'Mail', kind: 'email', how: 'Send an email.', service: 'outlook' };
const ZOOM: ConfigChannel = { name: 'Zoom call', kind: 'meeting', how: 'Start a Zoom call.', service: 'zoom' };
const OWA: ConfigChannel = { name: 'Outlook on the web', kind: 'web', how: 'Open Outlook in a browser.', url: 'https://outlook.office.com/', service: 'outlook', replaces: ['outlook'] };

function problems(raw: unknown): readonly string[] {
  const checked = checkConfig(raw);
  return checked.ok ? [] : checked.problems.map((p) => p.message);
}

describe('config key channels', () => {
  it('accepts a full list and types it into the watch plan', () => {
    const config = { channels: [SLACK, TEAMS_CHAT, MAIL, ZOOM, OWA] };
    expect(problems(config)).toEqual([]);
    const plan = resolveWatchPlan(config);
    expect(plan.channels?.slice(0, 5)).toEqual<Channel[]>([
      { name: 'Slack', kind: 'chat', how: 'Post in #it-status on Slack.', url: 'https://example.slack.com/', service: null, replaces: [] },
      { name: 'Teams chat', kind: 'chat', how: 'Chat in Teams.', url: null, service: 'teams', replaces: [] },
      { name: 'Mail', kind: 'email', how: 'Send an email.', url: null, service: 'outlook', replaces: [] },
      { name: 'Zoom call', kind: 'meeting', how: 'Start a Zoom call.', url: null, service: 'zoom', replaces: [] },
      { name: 'Outlook on the web', kind: 'web', how: 'Open Outlook in a browser.', url: 'https://outlook.office.com/', service: 'outlook', replaces: ['outlook'] },
    ]);
  });

  it.each([
    ['a kind it does not know', { channels: [{ ...SLACK, kind: 'pager' }] }, /^channels\[0\]\.kind: /],
    ['no service key at all', { channels: [{ name: 'Slack', kind: 'chat', how: 'Post in Slack.' }] }, /^channels\[0\]/],
    ['a service that does not exist', { channels: [{ ...SLACK, service: 'slack-enterprise' }] }, /^channels\[0\]\.service: unknown service "slack-enterprise"/],
    ['a replaced service that does not exist', { channels: [{ ...SLACK, replaces: ['outlook', 'lotus-notes'] }] }, /^channels\[0\]\.replaces\[1\]: unknown service "lotus-notes"/],
    ['a plain http url to another computer', { channels: [{ ...SLACK, url: 'http://chat.example.com/' }] }, /^channels\[0\]\.url: /],
    ['a url with a password in it', { channels: [{ ...SLACK, url: 'https://me:secret@chat.example.com/' }] }, /^channels\[0\]\.url: URLs with embedded credentials/],
    ['an empty name', { channels: [{ ...SLACK, name: '   ' }] }, /^channels\[0\]\.name: expected a non-empty string/],
    ['a name listed twice', { channels: [SLACK, { ...SLACK, name: 'slack' }] }, /^channels\[1\]\.name: duplicate channel name "slack"/],
    ['an unknown key', { channels: [{ ...SLACK, phone: '555' }] }, /^channels\[0\]/],
  ])('rejects %s, naming the key', (_what, config, message) => {
    const found = problems(config);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(message);
  });

  it('accepts a loopback http url (tests, local pages) and a service defined in "services"', () => {
    const config = {
      sources: [{ id: 'chat-status', type: 'statuspage', url: 'https://chat.example.com' }],
      services: [{ id: 'chat', name: 'Chat', sources: [{ source: 'chat-status' }] }],
      channels: [{ ...SLACK, url: 'http://127.0.0.1:8080/', service: 'chat', replaces: ['outlook', 'chat'] }],
    };
    expect(problems(config)).toEqual([]);
  });
});

describe('which channels a watch plan offers', () => {
  it('without configuration: the defaults, then each service fallback as a channel that replaces it', () => {
    const plan = resolveWatchPlan({ services: [{ id: 'crm', name: 'CRM', sources: [{ source: 'microsoft-public' }], fallback: 'a phone call to sales' }] });
    expect(plan.channels?.slice(0, DEFAULT_CHANNELS.length)).toEqual(DEFAULT_CHANNELS);
    expect(plan.channels).toContainEqual({ name: 'a phone call to sales', kind: 'phone', how: 'Use a phone call to sales.', url: null, service: null, replaces: ['crm'] });
  });

  it('configured channels replace the defaults, and the fallbacks still apply', () => {
    const plan = resolveWatchPlan({
      services: [{ id: 'crm', name: 'CRM', sources: [{ source: 'microsoft-public' }], fallback: 'Teams or a phone call' }],
      channels: [SLACK],
    });
    expect(plan.channels?.map((c) => c.name)).toEqual(['Slack', 'Teams or a phone call']);
    expect(plan.channels?.[1]).toMatchObject({ service: 'teams', replaces: ['crm'] });
  });

  it('an empty list leaves only the fallbacks', () => {
    expect(resolveChannels([], [{ id: 'outlook', fallback: null }])).toEqual([]);
  });
});

function service(id: string, health: Health): AdviceService {
  const down = health === 'outage' || health === 'degraded';
  return { id, name: id, health, incidents: down ? [{ id: `${id}-1`, title: `${id} is down`, status: 'investigating', endedAt: null }] : [] };
}

function suggestedWith(channels: readonly Channel[], health: Readonly<Record<string, Health>>): string[] {
  const services = Object.entries(health).map(([id, h]) => service(id, h));
  const items: AdviceItem[] = adviseNow({
    now: NOW,
    verdict: { kind: 'provider-incident', advice: 'wait', serviceIds: services.filter((s) => s.incidents.length > 0).map((s) => s.id) },
    providerOf: () => 'Microsoft',
    services,
    channels,
    clients: [],
  });
  return items.find((i) => i.id === 'switch-channel')?.channels?.map((c) => c.name) ?? [];
}

describe('configured channels are suggested only while their own service is operational', () => {
  const configured = resolveWatchPlan({ channels: [SLACK, TEAMS_CHAT, MAIL, ZOOM, OWA] }).channels ?? [];

  it.each<[string, Record<string, Health>, string[]]>([
    ['mail down, Teams fine', { outlook: 'outage', teams: 'operational' }, ['Teams chat', 'Slack']],
    ['Teams down, mail fine', { outlook: 'operational', teams: 'outage' }, ['email or a phone call', 'Mail', 'Slack']],
    ['both down', { outlook: 'outage', teams: 'degraded' }, ['Slack']],
    ['mail down, Teams unknown', { outlook: 'outage', teams: 'unknown' }, ['Slack']],
    ['mail down, Teams in maintenance', { outlook: 'outage', teams: 'maintenance' }, ['Slack']],
    ['mail down, Teams and Zoom fine', { outlook: 'outage', teams: 'operational', zoom: 'operational' }, ['Teams chat', 'Zoom call', 'Slack']],
    ['Teams down, Zoom down too', { outlook: 'operational', teams: 'outage', zoom: 'outage' }, ['email or a phone call', 'Mail', 'Slack']],
  ])('%s', (_what, health, expected) => {
    expect(suggestedWith(configured, health)).toEqual(expected);
  });

  it('a channel whose service is not watched (health unknown) is never suggested', () => {
    expect(suggestedWith(configured, { outlook: 'outage', teams: 'operational' })).not.toContain('Zoom call');
  });

  it('a service fallback still works as a channel: offered while its own service works, never while it fails', () => {
    const channels = resolveWatchPlan({
      services: [{ id: 'crm', name: 'CRM', sources: [{ source: 'microsoft-public' }], fallback: 'Teams or a phone call' }],
      channels: [],
    }).channels ?? [];
    expect(suggestedWith(channels, { crm: 'outage', teams: 'operational' })).toEqual(['Teams or a phone call']);
    expect(suggestedWith(channels, { crm: 'outage', teams: 'outage' })).toEqual([]);
    expect(suggestedWith(channels, { outlook: 'outage', teams: 'operational' })).toEqual([]);
  });
});

describe('the app engine', () => {
  it('builds its reports with the configured channels', () => {
    const config = { ...TEST_CONFIG, channels: [SLACK, TEAMS_CHAT, MAIL] };
    const plan = initialEngineState(DEFAULT_SETTINGS, config).plan;
    const now = Date.parse('2025-03-04T08:15:00Z');
    const report = makeReport(
      [
        { id: 'acme', health: 'outage', incidents: [incident('acme-1', 'outage')], checkedAt: now },
        { id: 'microsoft-public', health: 'operational', checkedAt: now },
        { id: 'org-feed', health: 'operational', checkedAt: now },
      ],
      'provider-incident',
      now,
      { plan },
    );
    const channels = report.advice?.find((a) => a.id === 'switch-channel')?.channels?.map((c) => c.name);
    expect(channels).toEqual(['Teams chat', 'Mail', 'Slack']);
  });
});
