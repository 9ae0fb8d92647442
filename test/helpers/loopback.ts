import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { readFixture } from './fixtures.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 with an ephemeral port; every test gets its own. */
export interface Loopback {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Requests seen, in order, for assertions about conditional requests and headers. */
  readonly requests: Array<{ method: string; path: string; headers: IncomingMessage['headers'] }>;
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startLoopback(routes: Record<string, Handler> = {}): Promise<Loopback> {
  const table = new Map<string, Handler>(Object.entries(routes));
  const requests: Loopback['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const handler = table.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    requests,
    route: (path, handler) => void table.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Serves a recorded fixture byte-for-byte with the given content type. */
export function serveFixture(name: string, contentType = 'application/json; charset=utf-8', extraHeaders: Record<string, string> = {}): Handler {
  const body = readFixture(name);
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, ...extraHeaders });
    res.end(body);
  };
}

export function serveText(body: string, contentType = 'application/json', status = 200, extraHeaders: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType, ...extraHeaders });
    res.end(body);
  };
}

/** A port nothing listens on: bind an ephemeral port on 127.0.0.1, then close it. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
