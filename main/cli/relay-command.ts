/**
 * `outage-radar relay`: reads Microsoft Graph service health with the app's own credentials and
 * publishes the org feed for every tray (docs/org-feed.md), so that people who are not admins see
 * their tenant's incidents and no endpoint holds a secret.
 *
 *   outage-radar relay --tenant ID --client-id ID (--secret-env NAME | --secret-file PATH |
 *     --certificate PEM) [--messages FILE] (--out FILE | --listen [HOST:]PORT) [--once]
 *     [--graph-url URL] [--login-url URL]
 *
 * Exit codes: 0 the feed was written (`--once`) or the relay was stopped by a signal; 2 Microsoft
 * Graph or the sign-in endpoint could not be read (unreachable, throttled beyond 60 s, credentials
 * refused); 3 the feed could not be written or served, or an internal error; 64 bad usage,
 * including an unreadable or unprotected secret file.
 *
 * The secret never reaches stdout, stderr, the feed or the process's arguments: every log line
 * passes through `scrub`, which also removes it from error texts a server might echo.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { checkRootUrl, checkTenant, DEFAULT_GRAPH_URL, DEFAULT_LOGIN_URL, relayEndpoints } from '../core/relay/endpoints.js';
import { USER_AGENT } from '../core/version.js';
import { loadCredential, type CredentialSource } from '../node/relay/credentials.js';
import { createFeedServer } from '../node/relay/feed-server.js';
import { createFilePublisher } from '../node/relay/file-publisher.js';
import { createRelay, type Publisher } from '../node/relay/relay.js';
import { createRelayTransport } from '../node/relay/relay-http.js';
import { createScheduler } from '../node/relay/scheduler.js';
import { createTokenClient } from '../node/relay/token-client.js';
import { usageIn } from './usage.js';
import { phrase, renderPhrase, type Phrase } from '../core/i18n/phrase.js';
import { personTranslator } from './person-language.js';
import { parseArgsProblem, usageProblem, type UsageProblem } from './usage-error.js';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export interface RelayRuntime {
  readonly env: NodeJS.ProcessEnv;
  /** Resolves when the relay should stop (SIGINT / SIGTERM). */
  readonly stopSignal: Promise<void>;
}

/** `--once` waits out throttling for at most this long in all; so does each scheduled poll. */
const WAIT_BUDGET_MS = 60_000;
/** A feed stays valid 30 minutes: a relay that stops turns trays unknown within half an hour. */
const FEED_TTL_MS = 30 * 60_000;
/** An unchanged feed is rewritten every 10 minutes, so 9 of 10 tray polls at 60 s get a 304. */
const FEED_REFRESH_MS = 10 * 60_000;
const PUBLISHER_NAME = 'Microsoft 365 service health (your organization)';

const EXIT = { ok: 0, graph: 2, relay: 3, usage: 64 } as const;

function signalPromise(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

/** `8080`, `127.0.0.1:8080` or `[::1]:8080`. */
function parseListen(raw: string): { host: string | null; port: number } | null {
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/.exec(raw.trim());
  if (match === null) return null;
  const port = Number(match[2]);
  if (port > 65535) return null;
  const host = match[1] === undefined ? null : match[1].replace(/^\[|\]$/g, '');
  return { host, port };
}

/** Runs `outage-radar relay` with the arguments after `relay`; resolves with the exit code. */
export async function runRelayCommand(argv: readonly string[], io: Io, runtime: Partial<RelayRuntime> = {}): Promise<number> {
  const env = runtime.env ?? process.env;
  // Said in the person's language (policy, else the locale), with the usage in it; other text (Node's, a URL check's) as it is.
  const usage = async (problem: string | Phrase | UsageProblem): Promise<number> => {
    const t = await personTranslator({ env });
    const { message, words } = typeof problem === 'string' ? { message: problem, words: null } : 'message' in problem ? problem : usageProblem(problem);
    io.err(`${t.t('cli.relay.usage', { message: t.language === 'en' || words === null ? message : renderPhrase(words, t) })}\n\n${usageIn(t)}`);
    return EXIT.usage;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        tenant: { type: 'string' },
        'client-id': { type: 'string' },
        'secret-env': { type: 'string' },
        'secret-file': { type: 'string' },
        certificate: { type: 'string' },
        messages: { type: 'string' },
        out: { type: 'string' },
        listen: { type: 'string' },
        once: { type: 'boolean' },
        'graph-url': { type: 'string' },
        'login-url': { type: 'string' },
      },
    }));
  } catch (error) {
    // parseArgs quotes an unknown option's value, never a secret: secrets are not options.
    return usage(parseArgsProblem(error));
  }

  if (values.tenant === undefined) return usage(phrase('cli.relay.tenantRequired'));
  const tenant = checkTenant(values.tenant);
  if (tenant === null) return usage(phrase('cli.relay.badTenant', { tenant: JSON.stringify(values.tenant) }));
  const clientId = values['client-id']?.trim() ?? '';
  if (clientId === '') return usage(phrase('cli.relay.clientIdRequired'));

  const sources: CredentialSource[] = [];
  if (values['secret-env'] !== undefined) sources.push({ kind: 'secret-env', name: values['secret-env'] });
  if (values['secret-file'] !== undefined) sources.push({ kind: 'secret-file', path: values['secret-file'] });
  if (values.certificate !== undefined) sources.push({ kind: 'certificate', path: values.certificate });
  const [source] = sources;
  if (sources.length !== 1 || source === undefined) return usage(phrase('cli.relay.oneCredential'));

  if ((values.out === undefined) === (values.listen === undefined)) return usage(phrase('cli.relay.oneOutput'));
  const listen = values.listen === undefined ? null : parseListen(values.listen);
  if (values.listen !== undefined && listen === null) return usage(phrase('cli.relay.badListen', { listen: JSON.stringify(values.listen) }));
  if (values.once && values.out === undefined) return usage(phrase('cli.relay.onceNeedsOut'));

  const graph = checkRootUrl(values['graph-url'] ?? DEFAULT_GRAPH_URL, '--graph-url');
  if (!graph.ok) return usage(graph.error);
  const login = checkRootUrl(values['login-url'] ?? DEFAULT_LOGIN_URL, '--login-url');
  if (!login.ok) return usage(login.error);

  const loaded = await loadCredential(source, env);
  if (!loaded.ok) {
    io.err(`outage-radar relay: ${loaded.error}\n`);
    return EXIT.usage;
  }
  const secret = loaded.credential.kind === 'secret' ? loaded.credential.secret : null;
  const scrub = (text: string): string => (secret === null || secret.length < 4 ? text : text.split(secret).join('[secret]'));
  const log = (line: string): void => io.err(`${new Date().toISOString()} ${scrub(line)}\n`);

  const endpoints = relayEndpoints(graph.root, login.root, tenant);
  const transport = createRelayTransport({ userAgent: USER_AGENT });
  const tokens = createTokenClient({ transport, tokenUrl: endpoints.token, scope: endpoints.scope, clientId, credential: loaded.credential });
  const server = listen === null ? null : createFeedServer();
  const publisher: Publisher = server ?? createFilePublisher(values.out ?? '');
  const messagesPath = values.messages;
  const relay = createRelay({
    transport,
    tokens,
    endpoints,
    publisher,
    readMessagesFile:
      messagesPath === undefined
        ? null
        : async () => {
            try {
              return { ok: true, text: await readFile(messagesPath, 'utf8') };
            } catch (error) {
              return { ok: false, error: `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
            }
          },
    messagesLabel: messagesPath ?? '',
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log,
    publisherName: PUBLISHER_NAME,
    ttlMs: FEED_TTL_MS,
    refreshMs: FEED_REFRESH_MS,
  });

  try {
    if (values.once) {
      const report = await relay.poll(WAIT_BUDGET_MS);
      if (report.ok) {
        const open = report.feed.incidents.filter((i) => i.endedAt === null).length;
        log(`${report.published ? 'wrote' : 'kept (unchanged)'} ${values.out}: services ${report.feed.services.length}, open issues ${open}, resolved in the last 24 h ${report.feed.incidents.length - open}, helpdesk messages ${report.feed.messages.length}`);
        return EXIT.ok;
      }
      io.err(`outage-radar relay: ${scrub(report.error)}\n`);
      return report.stage === 'graph' ? EXIT.graph : EXIT.relay;
    }
    if (server !== null && listen !== null) {
      try {
        const address = await server.listen(listen.port, listen.host);
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        log(`serving the feed at http://${host}:${address.port}/feed.json`);
      } catch (error) {
        io.err(`outage-radar relay: cannot listen on ${values.listen}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
        return EXIT.relay;
      }
    }
    const scheduler = createScheduler({
      poll: () => relay.poll(WAIT_BUDGET_MS),
      timers: { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
      random: Math.random,
      onPolled: (report, nextInMs) => {
        const what = report.ok ? (report.published ? 'published a new feed' : 'feed unchanged') : `poll failed${report.published ? ' (published every service as unknown)' : ''}`;
        log(`${what}; next poll in ${Math.round(nextInMs / 1000)} s`);
      },
    });
    scheduler.start();
    await (runtime.stopSignal ?? signalPromise());
    log('stopping');
    await scheduler.stop();
    return EXIT.ok;
  } finally {
    await server?.close();
    await transport.close();
  }
}
