import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { isIP, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Throwaway TLS material made at test time with the `openssl` CLI (OpenSSL 3.0 or later).
 *
 * Everything is signed through `openssl ca`, because OpenSSL 3.0's `req -x509` and `x509 -req`
 * cannot set a start date, and tests need certificates that are not yet valid or already expired
 * (clock-skew verdicts) as well as ordinary ones. Keys are EC P-256: generating them takes
 * milliseconds, which keeps suites fast on two cores.
 */

export interface TlsMaterial {
  readonly certPem: string;
  readonly keyPem: string;
  readonly certPath: string;
  readonly keyPath: string;
}

export interface CertificateAuthority extends TlsMaterial {
  readonly commonName: string;
  readonly organization: string;
  /** This CA's certificate followed by its issuers' certificates up to (not including) the root. */
  readonly chainPem: string;
  /** The root this CA chains to (itself for a root); what a client must trust. */
  readonly rootPem: string;
  /** Temp folder holding this CA and everything it signed. */
  readonly dir: string;
  /** Removes `dir` (and so every certificate this CA signed). */
  dispose(): Promise<void>;
}

export interface ServerCertificate extends TlsMaterial {
  /** Leaf followed by intermediates: what a server should present as `cert`. */
  readonly chainPem: string;
}

export interface CaOptions {
  commonName?: string;
  organization?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Sign this CA with another one, making it an intermediate (e.g. a TLS-inspecting proxy's CA). */
  issuer?: CertificateAuthority;
}

export interface ServerCertOptions {
  /** DNS names and IP addresses for subjectAltName; the first is also the common name. */
  hosts: readonly string[];
  commonName?: string;
  organization?: string;
  /** Defaults to one day ago, so small clock differences never matter. */
  notBefore?: Date;
  /** Defaults to 30 days from now. */
  notAfter?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A new CA (a self-signed root, or an intermediate when `issuer` is given) in its own temp folder. */
export async function makeCa(options: CaOptions = {}): Promise<CertificateAuthority> {
  const commonName = options.commonName ?? 'Outage Radar Test CA';
  const organization = options.organization ?? 'Outage Radar Tests';
  const dir = await mkdtemp(join(options.issuer?.dir ?? tmpdir(), 'outage-radar-tls-'));
  const keyPath = join(dir, 'ca.key');
  const certPath = join(dir, 'ca.pem');
  const csrPath = join(dir, 'ca.csr');
  await newKeyAndCsr(keyPath, csrPath, subjectOf(commonName, organization));
  await sign({
    signer: options.issuer ?? null,
    selfSignKeyPath: keyPath,
    csrPath,
    outPath: certPath,
    extensions: ['basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign', 'subjectKeyIdentifier = hash'],
    notBefore: options.notBefore ?? new Date(Date.now() - DAY_MS),
    notAfter: options.notAfter ?? new Date(Date.now() + 3650 * DAY_MS),
  });
  const certPem = await readFile(certPath, 'utf8');
  const keyPem = await readFile(keyPath, 'utf8');
  const issuer = options.issuer;
  return {
    certPem,
    keyPem,
    certPath,
    keyPath,
    commonName,
    organization,
    chainPem: issuer ? certPem + issuerChainWithoutRoot(issuer) : certPem,
    rootPem: issuer ? issuer.rootPem : certPem,
    dir,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A server certificate for `hosts`, signed by `ca`, with the validity window asked for. */
export async function makeServerCert(ca: CertificateAuthority, options: ServerCertOptions): Promise<ServerCertificate> {
  const first = options.hosts[0];
  if (first === undefined) throw new Error('makeServerCert needs at least one host');
  const dir = await mkdtemp(join(ca.dir, 'server-'));
  const keyPath = join(dir, 'server.key');
  const certPath = join(dir, 'server.pem');
  const csrPath = join(dir, 'server.csr');
  await newKeyAndCsr(keyPath, csrPath, subjectOf(options.commonName ?? first, options.organization ?? null));
  const altNames = options.hosts.map((host) => (isIP(host) ? `IP:${host}` : `DNS:${host}`)).join(',');
  await sign({
    signer: ca,
    selfSignKeyPath: null,
    csrPath,
    outPath: certPath,
    extensions: [
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage = serverAuth',
      `subjectAltName = ${altNames}`,
    ],
    notBefore: options.notBefore ?? new Date(Date.now() - DAY_MS),
    notAfter: options.notAfter ?? new Date(Date.now() + 30 * DAY_MS),
  });
  const certPem = await readFile(certPath, 'utf8');
  return {
    certPem,
    keyPem: await readFile(keyPath, 'utf8'),
    certPath,
    keyPath,
    chainPem: certPem + issuerChainWithoutRoot(ca),
  };
}

export type HttpsHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HttpsLoopback {
  readonly url: string;
  readonly port: number;
  readonly server: HttpsServer;
  close(): Promise<void>;
}

/** A real HTTPS server on 127.0.0.1 (ephemeral port) presenting `cert`. */
export async function startHttpsLoopback(cert: ServerCertificate, handler: HttpsHandler): Promise<HttpsLoopback> {
  const server = createHttpsServer({ key: cert.keyPem, cert: cert.chainPem }, handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that rejects our certificate aborts the handshake; that is the point of many tests.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function issuerChainWithoutRoot(ca: CertificateAuthority): string {
  return ca.rootPem === ca.certPem ? '' : ca.chainPem;
}

function subjectOf(commonName: string, organization: string | null): string {
  // `-subj` separates attributes with '/', so those characters (and the escape itself) are escaped.
  const escape = (value: string): string => value.replace(/[\\/+=,]/g, (c) => `\\${c}`);
  return `${organization === null ? '' : `/O=${escape(organization)}`}/CN=${escape(commonName)}`;
}

async function newKeyAndCsr(keyPath: string, csrPath: string, subject: string): Promise<void> {
  await openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyPath, '-out', csrPath, '-subj', subject]);
}

interface SignRequest {
  /** null: self-sign with `selfSignKeyPath`. */
  signer: CertificateAuthority | null;
  selfSignKeyPath: string | null;
  csrPath: string;
  outPath: string;
  extensions: readonly string[];
  notBefore: Date;
  notAfter: Date;
}

async function sign(request: SignRequest): Promise<void> {
  // A private `openssl ca` database per signature, so concurrent signings never share index.txt.
  const dbDir = `${request.outPath}.ca-db`;
  await mkdir(dbDir);
  await writeFile(join(dbDir, 'index.txt'), '');
  const configPath = join(dbDir, 'openssl.cnf');
  await writeFile(
    configPath,
    [
      '[ ca ]',
      'default_ca = test_ca',
      '[ test_ca ]',
      `database = ${join(dbDir, 'index.txt')}`,
      `new_certs_dir = ${dbDir}`,
      'default_md = sha256',
      'policy = policy_any',
      'rand_serial = yes',
      'unique_subject = no',
      'copy_extensions = none',
      'email_in_dn = no',
      '[ policy_any ]',
      'organizationName = optional',
      'commonName = supplied',
      '[ cert_ext ]',
      ...request.extensions,
      ...(request.signer ? ['authorityKeyIdentifier = keyid'] : []),
      '',
    ].join('\n'),
  );
  const signerArgs = request.signer
    ? ['-cert', request.signer.certPath, '-keyfile', request.signer.keyPath]
    : ['-selfsign', '-keyfile', request.selfSignKeyPath ?? ''];
  await openssl([
    'ca',
    '-batch',
    '-config',
    configPath,
    ...signerArgs,
    '-extensions',
    'cert_ext',
    '-notext',
    '-preserveDN',
    '-startdate',
    opensslTime(request.notBefore),
    '-enddate',
    opensslTime(request.notAfter),
    '-in',
    request.csrPath,
    '-out',
    request.outPath,
  ]);
}

/** GeneralizedTime as `openssl ca -startdate/-enddate` accepts it: YYYYMMDDHHMMSSZ. */
function opensslTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-T:]/g, '')}Z`;
}

function openssl(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { timeout: 20_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`openssl ${args[0]} failed: ${error.message}\n${stderr}`));
      else resolve();
    });
  });
}
