/**
 * ViewStates for the renderer tests, built the way the app builds them: recorded payloads parsed
 * by the real parsers (parseSourceBody), aged by ageResult, and assembled by buildReport with the
 * real verdict; only the probe ladder is written by hand. Payload timestamps are shifted so the
 * recorded moment is "now" (as test/helpers/org-feed.ts does), which keeps "started 20 min ago"
 * realistic; the payloads' content is untouched.
 */
import { buildReport } from '../../main/core/check.js';
import { CATALOG_CATEGORIES, CATALOG_SERVICES, CATEGORY_LABELS, type SourceDef } from '../../main/core/sources/catalog.js';
import { resolveWatchPlan, type AppConfig, type WatchPlan } from '../../main/core/settings/config.js';
import type { CaptiveResult, LadderResult, ProbeStep, ProbeTarget, StepOutcome, StepResult, TargetResult } from '../../main/core/verdict/connectivity-model.js';
import type { CatalogEntry, SettingsView, ViewState } from '../../main/core/contract.js';
import { buildProbePlan, DEFAULT_CAPTIVE_CHECKS } from '../../main/core/verdict/probe-targets.js';
import { ageResult, parseSourceBody, type FetchOutcome } from '../../main/core/sources/source-fetch.js';
import { readFixture } from '../helpers/fixtures.js';
import { certWords, probeWords, said } from '../../main/node/probes/step.js';
import type { Phrase } from '../../main/core/i18n/phrase.js';
import { assertNever } from '../../main/core/health.js';
import { currentExampleFeed } from '../helpers/org-feed.js';

/** Tuesday morning in the office; every page in the tests has its clock fixed here. */
export const NOW = Date.parse('2026-03-10T09:30:00Z');
const MINUTE = 60_000;
const POLL_MS = 5 * MINUTE;

const ISO = /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))"/g;

/**
 * Moves every ISO timestamp in a Statuspage payload so that the moment it was recorded (its
 * `page.updated_at`) lies `lead` before `now`.
 */
export function shiftToNow(body: string, now: number, lead = 4 * MINUTE): string {
  const recorded = Date.parse((JSON.parse(body) as { page: { updated_at: string } }).page.updated_at);
  const shift = now - lead - recorded;
  return body.replace(ISO, (_m, iso: string) => JSON.stringify(new Date(Date.parse(iso) + shift).toISOString()));
}

interface Fetched {
  /** Payload text; null = never fetched successfully. */
  readonly body: string | null;
  /** How long ago the data shown was fetched. */
  readonly fetchedAgo?: number;
  /** Why the last attempt failed (the data shown is then older). */
  readonly error?: string | null;
  readonly reachedServer?: boolean;
}

function outcome(def: SourceDef, fetched: Fetched, now: number): FetchOutcome {
  const parsed = fetched.body === null ? null : parseSourceBody(def.type, fetched.body, now);
  if (parsed && !parsed.ok) throw new Error(`fixture for ${def.id} did not parse: ${parsed.error}`);
  const snapshot = parsed?.ok ? parsed.snapshot : null;
  const memory = { snapshot, fetchedAt: snapshot ? now - (fetched.fetchedAgo ?? 2 * MINUTE) : null, validators: null };
  return {
    result: ageResult(def, memory, fetched.error ?? null, now, POLL_MS),
    memory,
    reachedServer: fetched.reachedServer ?? true,
    failure: null,
    notModified: false,
    bytes: fetched.body?.length ?? 0,
  };
}

// ---- the probe ladder, by hand ------------------------------------------------------------------

const AT = new Date(NOW - 2 * MINUTE).toISOString();

/** The sentence the real probe writes for a step that went well (`main/node/probes`), as words and English. */
function okDetail(name: ProbeStep, target: ProbeTarget, status: number): Pick<StepResult, 'detail' | 'detailWords'> {
  const host = new URL(target.url).host;
  switch (name) {
    case 'dns':
      return said(probeWords('probe.detail.dnsResolved', { host, addresses: '52.97.146.162' }));
    case 'tcp':
      return said(probeWords('probe.detail.tcpConnected', { endpoint: `${host}:${target.url.startsWith('https:') ? 443 : 80}`, address: '52.97.146.162' }));
    case 'tls':
      return said(probeWords('probe.detail.certVerified', { host, issuer: 'DigiCert Inc' }));
    case 'http':
      return said(probeWords('probe.detail.httpAnswered', { host, status: String(status) }));
    case 'link':
    case 'proxy':
    case 'captive':
      throw new Error(`a target has no ${name} step`);
    default:
      return assertNever(name, 'probe step');
  }
}

function step(name: ProbeStep, result: StepOutcome, detail: Pick<StepResult, 'detail' | 'detailWords'>, extra: Partial<StepResult> = {}): StepResult {
  return { step: name, outcome: result, startedAt: AT, durationMs: result === 'skipped' ? 0 : 24, errorCode: null, ...detail, ...extra };
}

const stepsOf = (target: ProbeTarget): ProbeStep[] => (target.url.startsWith('https:') ? ['dns', 'tcp', 'tls', 'http'] : ['dns', 'tcp', 'http']);

function reachable(target: ProbeTarget): TargetResult {
  const status = target.role === 'baseline' ? 200 : 302;
  const steps = stepsOf(target).map((name) =>
    step(name, 'ok', okDetail(name, target, status), {
      durationMs: name === 'tls' ? 61 : name === 'http' ? 143 : 18,
      ...(name === 'dns' ? { addresses: ['52.97.146.162'] } : {}),
      ...(name === 'tls'
        ? {
            tls: {
              subject: `CN=${new URL(target.url).host}`,
              issuer: 'CN=DigiCert Cloud Services CA-1, O=DigiCert Inc',
              issuerOrg: 'DigiCert Inc',
              validFrom: '2025-10-01T00:00:00Z',
              validTo: '2026-09-30T23:59:59Z',
              authorized: true,
              authorizationError: null,
            },
          }
        : {}),
      ...(name === 'http' ? { httpStatus: status } : {}),
    }),
  );
  return { target, path: 'DIRECT', steps, failedAt: null, reachable: true, httpStatus: status };
}

/** A target whose `at` step failed with `words` (the probe's own sentence); the steps after it did not run. */
function failing(target: ProbeTarget, at: ProbeStep, errorCode: string, words: Phrase, extra: Partial<StepResult> = {}): TargetResult {
  const names = stepsOf(target);
  const index = names.indexOf(at);
  const steps = names.map((name, i) =>
    i < index
      ? step(name, 'ok', okDetail(name, target, 200))
      : i === index
        ? step(name, errorCode === 'ETIMEDOUT' ? 'timeout' : 'fail', said(words), { errorCode, durationMs: 812, ...extra })
        : step(name, 'skipped', said(probeWords('probe.detail.notRunAfterFailure', { step: at }))),
  );
  return { target, path: 'DIRECT', steps, failedAt: at, reachable: false, httpStatus: extra.httpStatus ?? null };
}

function captiveOk(): CaptiveResult[] {
  return DEFAULT_CAPTIVE_CHECKS.map((check) => ({
    check,
    outcome: 'ok',
    durationMs: 38,
    httpStatus: check.expectStatus,
    location: null,
    errorCode: null,
    ...said(probeWords('probe.detail.captiveExpected', { host: new URL(check.url).host, status: String(check.expectStatus) })),
  }));
}

function ladder(targets: TargetResult[], captive: CaptiveResult[] = captiveOk()): LadderResult {
  return { startedAt: AT, durationMs: 1_240, timedOut: false, link: { online: true, ...said(probeWords('probe.detail.linkThrough', { interfaces: 'Wi-Fi' })) }, proxy: { mode: 'DIRECT', source: 'none' }, captive, targets };
}

function probeTargets(plan: WatchPlan): readonly ProbeTarget[] {
  return buildProbePlan({ serviceIds: plan.services.map((s) => s.id) }).targets;
}

const healthyLadder = (plan: WatchPlan): LadderResult => ladder(probeTargets(plan).map(reachable));

// ---- scenarios -----------------------------------------------------------------------------------

/** The watch plan each scenario's report was built with, so a test can say it in another language as main does. */
const PLANS = new WeakMap<object, WatchPlan>();

/** The plan a scenario's report was built with. */
export function planOf(report: object): WatchPlan | undefined {
  return PLANS.get(report);
}

function viewState(plan: WatchPlan, fetched: Readonly<Record<string, Fetched>>, probes: LadderResult | null, extra: Partial<ViewState> = {}): ViewState {
  const outcomes = new Map<string, FetchOutcome>();
  for (const def of plan.sources) outcomes.set(def.id, outcome(def, fetched[def.id] ?? { body: null, error: 'not checked' }, NOW));
  const report = buildReport(plan, outcomes, probes, NOW);
  PLANS.set(report, plan);
  return { report, fromCache: false, refreshing: false, mutedUntil: null, tray: report.tray, overall: report.overall, updatedAt: new Date(NOW - 2 * MINUTE).toISOString(), ...extra };
}

const microsoftOk = (): Fetched => ({ body: readFixture('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json') });
const statuspage = (name: string): Fetched => ({ body: shiftToNow(readFixture(`statuspage/${name}`), NOW) });

const M365 = ['outlook', 'teams', 'sharepoint', 'm365'];

/** Everything works: Microsoft's public page says available, every probe answers. */
export function okState(): ViewState {
  const plan = resolveWatchPlan({ watch: M365 });
  return viewState(plan, { 'microsoft-public': microsoftOk() }, healthyLadder(plan));
}

/** GitHub's recorded major outage (2020-04-02), with Microsoft fine. */
export function outageState(extra: Partial<ViewState> = {}): ViewState {
  const plan = resolveWatchPlan({ watch: ['github', 'outlook', 'teams'] });
  return viewState(plan, { 'microsoft-public': microsoftOk(), github: statuspage('github-summary-2020-04-02-major-outage.json') }, healthyLadder(plan), extra);
}

/** Twilio degraded with two incidents, one with a five-post timeline. */
export function degradedState(): ViewState {
  const plan = resolveWatchPlan({ watch: ['twilio', 'outlook'] });
  return viewState(plan, { 'microsoft-public': microsoftOk(), twilio: statuspage('twilio-summary-2020-06-16-degraded-2-incidents-groups.json') }, healthyLadder(plan));
}

/** CloudAMQP's recorded maintenance, watched as a custom status page. */
export function maintenanceState(): ViewState {
  const config: AppConfig = {
    watch: ['outlook'],
    sources: [{ id: 'cloudamqp', type: 'statuspage', name: 'CloudAMQP', url: 'https://status.cloudamqp.com' }],
  };
  const plan = resolveWatchPlan(config);
  return viewState(plan, { 'microsoft-public': microsoftOk(), cloudamqp: statuspage('cloudamqp-summary-2020-07-16-under-maintenance.json') }, healthyLadder(plan));
}

/** The documented org feed: an Exchange outage IT acknowledged, a SharePoint advisory, HTML posts. */
export function helpdeskState(): ViewState {
  const plan = resolveWatchPlan({ watch: M365, orgFeedUrl: 'https://status.contoso.com/outage-radar.json' });
  return viewState(plan, { 'microsoft-public': microsoftOk(), 'org-feed': { body: currentExampleFeed(NOW) } }, healthyLadder(plan));
}

/** Hotel Wi-Fi: the sign-in page answers every plain-http check; nothing https gets through. */
export function captiveState(): ViewState {
  const plan = resolveWatchPlan({ watch: M365 });
  const portal = 'http://login.hotel-wifi.example/portal?continue=http%3A%2F%2Fwww.msftconnecttest.com';
  const captive: CaptiveResult[] = DEFAULT_CAPTIVE_CHECKS.map((check) => ({
    check,
    outcome: 'portal',
    durationMs: 95,
    httpStatus: 302,
    location: portal,
    errorCode: null,
    ...said(probeWords('probe.detail.captiveRedirectTo', { host: new URL(check.url).host, status: '302', location: portal })),
  }));
  const targets = probeTargets(plan).map((t) =>
    t.url.startsWith('https:') ? failing(t, 'tls', 'ERR_TLS_CERT_ALTNAME_INVALID', probeWords('probe.detail.certRejected', { host: new URL(t.url).host, words: certWords('ERR_TLS_CERT_ALTNAME_INVALID') ?? '', issuer: 'Hotel WiFi Login' }))
      : failing(t, 'http', 'HTTP_302', probeWords('probe.detail.captiveRedirectTo', { host: new URL(t.url).host, status: '302', location: portal }), { httpStatus: 302 }),
  );
  return viewState(
    plan,
    { 'microsoft-public': { ...microsoftOk(), fetchedAgo: 25 * MINUTE, error: 'could not make a secure connection (certificate is for another host)', reachedServer: false } },
    ladder(targets, captive),
  );
}

/** The network is up but no name resolves, the status page included. */
export function dnsFailureState(): ViewState {
  const plan = resolveWatchPlan({ watch: M365 });
  const targets = probeTargets(plan).map((t) => failing(t, 'dns', 'ENOTFOUND', probeWords('probe.detail.context', { context: new URL(t.url).host, words: probeWords('probe.error.ENOTFOUND') })));
  return viewState(
    plan,
    { 'microsoft-public': { ...microsoftOk(), fetchedAgo: 12 * MINUTE, error: 'could not look up status.cloud.microsoft (ENOTFOUND)', reachedServer: false } },
    ladder(targets),
  );
}

/** The last good data is three hours old (laptop asleep, checks failing): nothing is vouched for. */
export function staleState(): ViewState {
  const plan = resolveWatchPlan({ watch: ['github', 'outlook'] });
  return viewState(
    plan,
    {
      'microsoft-public': { ...microsoftOk(), fetchedAgo: 3 * 60 * MINUTE, error: 'the request timed out after 10 s', reachedServer: false },
      github: {
        body: shiftToNow(readFixture('statuspage/github-summary-2020-04-02-major-outage.json'), NOW - 3 * 60 * MINUTE),
        fetchedAgo: 3 * 60 * MINUTE,
        error: 'the request timed out after 10 s',
        reachedServer: false,
      },
    },
    null,
    { updatedAt: new Date(NOW - 3 * 60 * MINUTE).toISOString() },
  );
}

/** Hostile text in an org-feed incident: script tags, handlers, javascript: links, svg, iframe. */
export const HOSTILE_TITLE = 'Mail down <script>window.__pwned="title"</script><img src=x onerror="window.__pwned=\'title-img\'">';
export const HOSTILE_POSTS = [
  { format: 'html', content: '<p>Fix rolling out.</p><img src=x onerror="window.__pwned=\'img\'"><svg onload="window.__pwned=\'svg\'"><circle r=5></circle></svg>' },
  { format: 'html', content: '<p>See <a href="javascript:window.__pwned=\'href\'" onclick="window.__pwned=\'click\'">the details</a> and <a href="https://status.contoso.com/x">our page</a>.</p><iframe src="javascript:parent.__pwned=\'iframe\'"></iframe><script>window.__pwned="script"</script>' },
  { format: 'html', content: '<div style="position:fixed;inset:0" onmouseover="window.__pwned=\'div\'"><b>Bold stays</b><form action="https://evil.example"><button formaction="javascript:alert(1)">Go</button></form></div><a href="data:text/html,<script>alert(1)</script>">data link</a>' },
  { format: 'text', content: '<img src=x onerror=alert(1)> is shown as text, not run' },
] as const;

export function hostileState(): ViewState {
  const feed = JSON.parse(currentExampleFeed(NOW)) as { incidents: { title: string; posts: unknown[] }[]; messages: { text: string }[] };
  const first = feed.incidents[0];
  if (!first) throw new Error('example feed has no incident');
  first.title = HOSTILE_TITLE;
  first.posts = HOSTILE_POSTS.map((post, i) => ({ at: new Date(NOW - (40 - i * 10) * MINUTE).toISOString(), status: 'identified', ...post }));
  const message = feed.messages[0];
  if (message) message.text = '<b onclick="alert(1)">We know</b> <script>window.__pwned="message"</script>';
  const plan = resolveWatchPlan({ watch: M365, orgFeedUrl: 'https://status.contoso.com/outage-radar.json' });
  return viewState(plan, { 'microsoft-public': microsoftOk(), 'org-feed': { body: JSON.stringify(feed) } }, healthyLadder(plan));
}

/** Before the first check finished: no report yet. */
export function firstRunState(): ViewState {
  return { report: null, fromCache: false, refreshing: true, mutedUntil: null, tray: 'unknown', overall: 'unknown', updatedAt: null };
}

/** The org feed incident's id and source, for routes. */
export const HELPDESK_INCIDENT = { sourceId: 'org-feed', incidentId: 'EX1224375' } as const;
export const TWILIO_LONG_INCIDENT = { sourceId: 'twilio', incidentId: 'r0f0vdz8vrgm' } as const;
export const GITHUB_INCIDENT = { sourceId: 'github', incidentId: '80d0cs6kpsps' } as const;

// ---- settings ------------------------------------------------------------------------------------

const MICROSOFT_GROUP = new Set(['outlook', 'teams', 'sharepoint', 'm365', 'microsoft-consumer']);

export function catalogEntries(): CatalogEntry[] {
  // In the categories' order, as main sends them (main/core/settings/settings-view.ts).
  return [...CATALOG_SERVICES]
    .sort((a, b) => CATALOG_CATEGORIES.indexOf(a.category) - CATALOG_CATEGORIES.indexOf(b.category))
    .map((s) => ({ id: s.id, name: s.name, group: MICROSOFT_GROUP.has(s.id) ? 'Microsoft 365' : 'Other services', category: CATEGORY_LABELS[s.category] }));
}

export function settingsView(extra: Partial<SettingsView> = {}): SettingsView {
  return {
    values: {
      watch: ['outlook', 'teams', 'sharepoint', 'm365', 'github'],
      customSources: [{ id: 'custom-cloudamqp', name: 'CloudAMQP', url: 'https://status.cloudamqp.com' }],
      pollIntervalSeconds: 300,
      orgFeedUrl: null,
      tenantName: null,
      notifications: { enabled: true, onWorse: true, onResolved: true, onLocal: false },
      quietHours: { enabled: false, start: '18:00', end: '08:00' },
      startAtLogin: true,
      language: 'auto',
    },
    locked: [],
    catalog: catalogEntries(),
    notices: [],
    bounds: { pollIntervalSeconds: { min: 60, max: 3600 } },
    ...extra,
  };
}

/** What an admin's policy looks like from the window: locked keys and a notice. */
export function lockedSettingsView(): SettingsView {
  const base = settingsView();
  return {
    ...base,
    values: { ...base.values, orgFeedUrl: 'https://status.contoso.com/outage-radar.json', tenantName: 'contoso', pollIntervalSeconds: 120 },
    locked: ['watch', 'orgFeedUrl', 'tenantName', 'pollIntervalSeconds', 'customSources'],
    notices: ['Your settings file could not be read and was reset to the defaults.'],
  };
}

