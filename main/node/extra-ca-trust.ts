/**
 * Trusting the config file's extra CA certificates (`network.caFile`) in the desktop app.
 *
 * Chromium verifies status requests against the operating system's store; a TLS-inspecting proxy
 * whose CA is only in the CA file then fails with "authority invalid". The shell installs a
 * certificate verify proc that asks `decide` whether to overrule that one verdict: only when
 * Chromium's sole complaint is the unknown issuer, and only when the presented chain is signed,
 * link by link, up to one of the extra CAs, is valid today and names the host. Every other
 * verdict of Chromium stands, so this can widen trust to exactly the CAs the file names and no
 * further. Node only (node:crypto), so it is tested with real certificates and no Electron.
 */
import { clauses, phrase, type Phrase } from '../core/i18n/phrase.js';
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/** A certificate as Electron's verify proc presents it (structurally Electron's `Certificate`). */
export interface PresentedCertificate {
  /** PEM. */
  readonly data: string;
  /** The next certificate the server sent; absent for the last one or a self-signed one. */
  readonly issuerCert?: PresentedCertificate | null;
}

/** What the verify proc receives (structurally Electron's `Request` of `setCertificateVerifyProc`). */
export interface CertificateVerifyRequest {
  readonly hostname: string;
  readonly certificate: PresentedCertificate;
  /** Chromium's verdict as text, e.g. `net::OK`, `net::ERR_CERT_AUTHORITY_INVALID`. */
  readonly verificationResult: string;
  /** Chromium's verdict as a net error code: 0 for OK. */
  readonly errorCode: number;
}

/**
 * `chromium`: Chromium's own verdict stands (it accepted, or rejected for a reason we do not
 * overrule, or the chain does not reach an extra CA). `accept`: the chain reaches an extra CA and
 * holds. `reject`: the chain reaches an extra CA but is out of date or names another host; the
 * reason is kept because Chromium's "authority invalid" hides it.
 */
export type TrustDecision =
  | { readonly verdict: 'chromium' }
  | { readonly verdict: 'accept' }
  | { readonly verdict: 'reject'; readonly reason: 'date' | 'name'; readonly detail: string };

export interface ExtraCaTrust {
  /** How many CA certificates from the file are trusted. */
  readonly count: number;
  /** Decides one verification; `now` is injectable for tests. Never throws. */
  decide(request: CertificateVerifyRequest, now?: Date): TrustDecision;
}

export type LoadedExtraCas =
  | { readonly ok: true; readonly trust: ExtraCaTrust; readonly problems: readonly Phrase[] }
  | { readonly ok: false; readonly reason: Phrase };

/** Chromium's net::ERR_CERT_AUTHORITY_INVALID (net/base/net_error_list.h). */
export const ERR_CERT_AUTHORITY_INVALID = -202;
/** A server sends a handful of certificates; anything longer is not a chain we should walk. */
const MAX_CHAIN_LENGTH = 10;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const STAND = { verdict: 'chromium' } as const;

/**
 * Reads the CA certificates in `pem` (the CA file's text). Certificates that cannot be parsed or
 * are not CA certificates are skipped and named in `problems`; with none left it is not ok.
 */
export function loadExtraCas(pem: string): LoadedExtraCas {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  const cas: X509Certificate[] = [];
  const problems: Phrase[] = [];
  blocks.forEach((block, i) => {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch {
      problems.push(phrase('settings.caFile.unreadable', { n: String(i + 1) }));
      return;
    }
    // A trust anchor must be allowed to sign certificates; a server certificate in the file is a mistake.
    if (!cert.ca) problems.push(phrase('settings.caFile.notCa', { n: String(i + 1), subject: subjectName(cert) }));
    else cas.push(cert);
  });
  if (cas.length === 0) {
    return { ok: false, reason: blocks.length === 0 ? phrase('settings.caFile.noPem') : phrase('settings.caFile.noUsable', { problems: clauses(...problems) }) };
  }
  return { ok: true, trust: { count: cas.length, decide: (request, now) => decide(cas, request, now ?? new Date()) }, problems };
}

function decide(cas: readonly X509Certificate[], request: CertificateVerifyRequest, now: Date): TrustDecision {
  // Only the unknown issuer is ours to overrule; anything else Chromium found (revoked, weak, ...) stands.
  if (request.errorCode !== ERR_CERT_AUTHORITY_INVALID) return STAND;
  try {
    const path = pathToExtraCa(presentedChain(request.certificate), cas);
    if (path === null) return STAND;
    // Chromium reports "authority invalid" before a date or name problem, so those were never checked.
    for (const cert of path) {
      const from = Date.parse(cert.validFrom);
      const to = Date.parse(cert.validTo);
      if (!(now.getTime() >= from && now.getTime() <= to)) {
        return { verdict: 'reject', reason: 'date', detail: `${subjectName(cert)} is valid from ${cert.validFrom} to ${cert.validTo}` };
      }
    }
    const leaf = path[0];
    if (leaf === undefined || !namesHost(leaf, request.hostname)) {
      return { verdict: 'reject', reason: 'name', detail: `the certificate is not for ${request.hostname}` };
    }
    return { verdict: 'accept' };
  } catch {
    // A certificate Node cannot read is not one we vouch for.
    return STAND;
  }
}

function presentedChain(first: PresentedCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let current: PresentedCertificate | null | undefined = first;
  while (current && chain.length < MAX_CHAIN_LENGTH) {
    chain.push(new X509Certificate(current.data));
    current = current.issuerCert;
  }
  return chain;
}

/**
 * The presented certificates from the leaf up to the first one an extra CA signed, followed by
 * that CA; null when some link is not signed by the next or the chain never reaches an extra CA.
 */
function pathToExtraCa(chain: readonly X509Certificate[], cas: readonly X509Certificate[]): X509Certificate[] | null {
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i];
    if (cert === undefined) return null;
    const anchor = cas.find((ca) => signed(ca, cert));
    if (anchor) return [...chain.slice(0, i + 1), anchor];
    const next = chain[i + 1];
    if (next === undefined || !next.ca || !signed(next, cert)) return null;
  }
  return null;
}

function signed(issuer: X509Certificate, cert: X509Certificate): boolean {
  return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

function namesHost(leaf: X509Certificate, hostname: string): boolean {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  // As Chromium: subjectAltName only, never the common name.
  if (isIP(host) !== 0) return leaf.checkIP(host) !== undefined;
  return leaf.checkHost(host, { subject: 'never' }) !== undefined;
}

function subjectName(cert: X509Certificate): string {
  return cert.subject.replace(/\n/g, ', ');
}
