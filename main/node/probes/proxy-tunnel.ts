/**
 * The CONNECT handshake through an HTTP proxy (ladder step 1's tunnel): after it the TLS step runs
 * inside the tunnel as if connected to the target. Whatever status the proxy answers is handed
 * back for the caller to judge (407 = the proxy wants credentials); only a broken connection, an
 * oversized or non-HTTP answer, or an abort rejects. See connectivity.md B4.
 */
import type { Duplex } from 'node:stream';
import { probeWords, wordedError } from './step.js';

/** The proxy's answer to CONNECT: 200 opens the tunnel; 407 wants credentials. */
export interface TunnelAnswer {
  readonly status: number;
  readonly statusText: string;
}

const MAX_CONNECT_HEAD_BYTES = 16 * 1024;

/**
 * Sends `CONNECT host:port` over a socket already connected to the proxy and reads the answer
 * head. On 200 the socket is a tunnel to the target. Rejects on a broken connection or a
 * non-HTTP answer; any HTTP status (407, 403, 502) is returned for the caller to judge.
 */
export function openTunnel(socket: Duplex, host: string, port: number, authorization: string | null, signal: AbortSignal): Promise<TunnelAnswer> {
  return new Promise((resolve, reject) => {
    const authority = formatHostPort(host, port);
    let head = Buffer.alloc(0);
    const cleanup = (): void => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
    };
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > MAX_CONNECT_HEAD_BYTES) {
          cleanup();
          reject(wordedError(probeWords('probe.error.proxyOversized'), 'PROXY_BAD_ANSWER'));
        }
        return;
      }
      cleanup();
      socket.pause();
      // Bytes after the head belong to the tunnel (a server speaking first); hand them back.
      const rest = head.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const match = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\s*(.*)$/.exec(statusLine);
      if (!match) {
        reject(wordedError(probeWords('probe.error.proxyNotHttp'), 'PROXY_BAD_ANSWER'));
        return;
      }
      resolve({ status: Number(match[1]), statusText: match[2] ?? '' });
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(Object.assign(new Error('the proxy closed the connection without answering CONNECT'), { code: 'ECONNRESET' }));
    };
    const onAbort = (): void => {
      cleanup();
      socket.destroy();
      reject(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }));
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
    const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`, 'Proxy-Connection: keep-alive'];
    if (authorization !== null) lines.push(`Proxy-Authorization: ${authorization}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}

/** `host:port`, with IPv6 addresses in brackets. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
