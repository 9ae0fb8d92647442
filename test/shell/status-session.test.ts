/**
 * The status session's verify proc, driven through a fake session that keeps what was installed:
 * the config file's CA is trusted where Chromium only lacks the issuer; everything else keeps
 * Chromium's verdict or is refused with the real reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateVerifyRequest } from '../../main/node/extra-ca-trust.js';
import { trustExtraCas, type VerifyProcSession } from '../../main/shell/status-session.js';
import { makeCa, makeServerCert, type CertificateAuthority, type ServerCertificate } from '../helpers/tls.js';
import { renderPhrase } from '../../main/core/i18n/phrase.js';
import { createTranslator } from '../../main/core/i18n/translate.js';

type VerifyProc = Parameters<VerifyProcSession['setCertificateVerifyProc']>[0];

const DAY_MS = 24 * 60 * 60 * 1000;
const HOST = 'status.example.test';
const ACCEPT = 0;
const USE_CHROMIUM = -3;

function fakeSession(): VerifyProcSession & { readonly installed: VerifyProc[] } {
  const installed: VerifyProc[] = [];
  return { installed, setCertificateVerifyProc: (proc) => void installed.push(proc) };
}

/** Runs the installed proc as Chromium would and returns the code it answered with. */
function verify(proc: VerifyProc | undefined, request: CertificateVerifyRequest): number {
  if (!proc) throw new Error('no verify proc installed');
  const answers: number[] = [];
  proc(request, (code) => answers.push(code));
  expect(answers).toHaveLength(1);
  return answers[0] ?? Number.NaN;
}

const unknownIssuer = (pem: string, hostname = HOST): CertificateVerifyRequest => ({
  hostname,
  certificate: { data: pem },
  verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID',
  errorCode: -202,
});

describe('status session: the config file\'s CA file in the app', () => {
  let ca: CertificateAuthority;
  let other: CertificateAuthority;
  let leaf: ServerCertificate;
  let expired: ServerCertificate;
  let otherLeaf: ServerCertificate;

  beforeAll(async () => {
    ca = await makeCa({ organization: 'Contoso Inspection' });
    other = await makeCa({ organization: 'Somebody Else' });
    [leaf, expired, otherLeaf] = await Promise.all([
      makeServerCert(ca, { hosts: [HOST] }),
      makeServerCert(ca, { hosts: [HOST], notBefore: new Date(Date.now() - 30 * DAY_MS), notAfter: new Date(Date.now() - DAY_MS) }),
      makeServerCert(other, { hosts: [HOST] }),
    ]);
  });
  afterAll(async () => {
    await ca?.dispose();
    await other?.dispose();
  });

  it('installs nothing when the config file names no CA file', () => {
    const session = fakeSession();
    expect(trustExtraCas(session, { extraCaPem: null, configPath: '/etc/or.json' })).toEqual([]);
    expect(session.installed).toEqual([]);
  });

  it('accepts what the CA signed for the host, and answers with Chromium\'s verdict or the hidden reason otherwise', () => {
    const session = fakeSession();
    const warnings: string[] = [];
    expect(trustExtraCas(session, { extraCaPem: ca.certPem, configPath: '/etc/or.json', warn: (m) => void warnings.push(m) })).toEqual([]);
    expect(session.installed).toHaveLength(1);
    const proc = session.installed[0];

    expect(verify(proc, unknownIssuer(leaf.certPem))).toBe(ACCEPT);
    expect(verify(proc, unknownIssuer(otherLeaf.certPem))).toBe(USE_CHROMIUM);
    expect(verify(proc, { ...unknownIssuer(otherLeaf.certPem), verificationResult: 'net::OK', errorCode: 0 })).toBe(USE_CHROMIUM);
    expect(verify(proc, { ...unknownIssuer(leaf.certPem), verificationResult: 'net::ERR_CERT_REVOKED', errorCode: -206 })).toBe(USE_CHROMIUM);
    expect(warnings).toEqual([]);

    expect(verify(proc, unknownIssuer(leaf.certPem, 'elsewhere.example.test'))).toBe(-200); // ERR_CERT_COMMON_NAME_INVALID
    expect(verify(proc, unknownIssuer(expired.certPem))).toBe(-201); // ERR_CERT_DATE_INVALID
    expect(warnings).toEqual([
      expect.stringContaining('certificate for elsewhere.example.test refused: the certificate is not for elsewhere.example.test'),
      expect.stringContaining(`certificate for ${HOST} refused:`),
    ]);
  });

  it('reports a CA file it cannot use on the settings page and keeps the system store alone', () => {
    const session = fakeSession();
    const notices = trustExtraCas(session, { extraCaPem: leaf.certPem, configPath: '/etc/or.json' });
    expect(notices.map((n) => renderPhrase(n))).toEqual([expect.stringMatching(/^Config file \/etc\/or\.json: network\.caFile holds no usable CA certificate .*operating system's certificate store\.$/)]);
    expect(notices.map((n) => renderPhrase(n, createTranslator('de')))).toEqual([expect.stringMatching(/^Konfigurationsdatei \/etc\/or\.json: network\.caFile .*Zertifikatspeicher des Betriebssystems\.$/)]);
    expect(session.installed).toEqual([]);
  });

  it('names the certificates it skipped and trusts the rest', () => {
    const session = fakeSession();
    const notices = trustExtraCas(session, { extraCaPem: `${leaf.certPem}${ca.certPem}`, configPath: '/etc/or.json' });
    expect(notices.map((n) => renderPhrase(n))).toEqual([expect.stringMatching(/^Config file \/etc\/or\.json: network\.caFile: certificate 1 .*is not a CA certificate; ignored\.$/)]);
    expect(verify(session.installed[0], unknownIssuer(leaf.certPem))).toBe(ACCEPT);
  });
});
