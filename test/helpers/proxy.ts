import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A small forward proxy on 127.0.0.1 for tests: CONNECT tunnelling (https targets) and classic
 * absolute-URI forwarding (http targets). It only ever connects to loopback targets, so a test
 * that routes a request for a foreign host through it can prove that nothing left the machine.
 */
export interface LoopbackProxy {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** `host:port` of every CONNECT seen, in order. */
  readonly tunnels: string[];
  /** Absolute URL of every forwarded plain-http request, in order. */
  readonly forwarded: string[];
  close(): Promise<void>;
}

export interface LoopbackProxyOptions {
  /** Answer every request and CONNECT with 407 unless this exact Proxy-Authorization value is sent. */
  requireAuthorization?: string;
  /** Refuse every CONNECT with 403, as a corporate proxy does for a blocked destination. */
  refuseTunnels?: boolean;
}

export async function startLoopbackProxy(options: LoopbackProxyOptions = {}): Promise<LoopbackProxy> {
  const tunnels: string[] = [];
  const forwarded: string[] = [];
  const sockets = new Set<Socket>();
  const authorized = (header: string | undefined): boolean =>
    options.requireAuthorization === undefined || header === options.requireAuthorization;

  const server = createServer((req, res) => {
    const target = safeUrl(req.url ?? '');
    forwarded.push(req.url ?? '');
    if (!authorized(req.headers['proxy-authorization'])) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"', 'content-type': 'text/plain' }).end('auth');
      return;
    }
    if (target === null || target.protocol !== 'http:' || !isLoopbackTarget(target.hostname)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('test proxy only reaches loopback');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const upstream = httpRequest(
      { host: target.hostname, port: target.port || 80, path: `${target.pathname}${target.search}`, method: req.method, headers },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });

  server.on('connect', (req, clientSocket: Socket, head: Buffer) => {
    const authority = req.url ?? '';
    tunnels.push(authority);
    clientSocket.on('error', () => undefined);
    if (!authorized(req.headers['proxy-authorization'])) {
      clientSocket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const separator = authority.lastIndexOf(':');
    const host = authority.slice(0, separator).replace(/^\[|\]$/g, '');
    const port = Number(authority.slice(separator + 1));
    if (options.refuseTunnels || !isLoopbackTarget(host) || !Number.isInteger(port)) {
      clientSocket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(port, host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => clientSocket.destroy());
  });

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    tunnels,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function isLoopbackTarget(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
