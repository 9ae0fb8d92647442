/**
 * `--listen PORT`: the relay serves the feed itself. Every tray asks every minute with
 * `If-None-Match`, so nearly every answer is a bodiless 304: each feed version's bodies (plain and
 * gzip), ETags and headers are prepared once when it is published, and a request only compares
 * strings. `Cache-Control: no-cache` lets a CDN or proxy in front keep a copy and revalidate it.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { OrgFeedDocument } from '../../core/relay/feed-build.js';
import { feedText } from './file-publisher.js';
import type { Publisher } from './relay.js';

interface Prepared {
  readonly plain: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
  readonly gzipEtag: string;
  readonly lastModified: string;
}

export interface FeedServer extends Publisher {
  /** Starts listening; `host` null means every interface. Resolves with the bound address. */
  listen(port: number, host: string | null): Promise<AddressInfo>;
  close(): Promise<void>;
}

const CACHE_CONTROL = 'no-cache';
const FEED_PATHS = new Set(['/', '/feed.json']);

function prepare(feed: OrgFeedDocument): Prepared {
  const plain = Buffer.from(feedText(feed));
  const tag = createHash('sha256').update(plain).digest('base64url').slice(0, 22);
  return { plain, gzip: gzipSync(plain), etag: `"${tag}"`, gzipEtag: `"${tag}-gz"`, lastModified: new Date(feed.generatedAt).toUTCString() };
}

/** True when the client accepts gzip (a `q=0` refuses it). */
function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** If-None-Match against either representation's ETag (weak comparison, RFC 9110 §13.1.2). */
function matches(header: string | undefined, prepared: Prepared): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '');
    return tag === prepared.etag || tag === prepared.gzipEtag;
  });
}

export function createFeedServer(): FeedServer {
  let prepared: Prepared | null = null;
  const sockets = new Set<Socket>();

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('only GET and HEAD\n');
      return;
    }
    if (!FEED_PATHS.has(path)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('the feed is at /feed.json\n');
      return;
    }
    const current = prepared;
    if (current === null) {
      res.writeHead(503, { 'retry-after': '30', 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' }).end('no feed yet: the relay has not finished its first poll\n');
      return;
    }
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    const etag = gzip ? current.gzipEtag : current.etag;
    if (matches(req.headers['if-none-match'], current)) {
      res.writeHead(304, { etag, 'cache-control': CACHE_CONTROL, vary: 'Accept-Encoding', 'last-modified': current.lastModified }).end();
      return;
    }
    const body = gzip ? current.gzip : current.plain;
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
      etag,
      'last-modified': current.lastModified,
      'cache-control': CACHE_CONTROL,
      vary: 'Accept-Encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server: Server = createServer({ keepAliveTimeout: 65_000 }, handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return {
    previous: async () => null,
    publish: async (feed) => {
      prepared = prepare(feed);
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        const done = (): void => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        };
        if (host === null) server.listen(port, done);
        else server.listen(port, host, done);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
