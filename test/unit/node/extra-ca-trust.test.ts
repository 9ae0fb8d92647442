/**
 * The app's decision to trust the config file's extra CAs where Chromium does not know the issuer,
 * with real certificates made by openssl: only an unknown-issuer verdict is overruled, and only for
 * a chain that is signed up to an extra CA, in date and for the host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPhrase } from '../../../main/core/i18n/phrase.js';
import { createTranslator } from '../../../main/core/i18n/translate.js';
import { ERR_CERT_AUTHORITY_INVALID, loadExtraCas, type CertificateVerifyRequest, type ExtraCaTrust, type PresentedCertificate } from '../../../main/node/extra-ca-trust.js';
import { makeCa, makeServerCert, type CertificateAuthority, type ServerCertificate } from '../../helpers/tls.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOST = 'status.example.test';
const ERR_CERT_DATE_INVALID = -201;

/** The chain as Electron presents it: each certificate links to the next one the server sent. */
function presented(...pems: string[]): PresentedCertificate {
  const [first, ...rest] = pems;
  if (first === undefined) throw new Error('empty chain');
  return rest.length === 0 ? { data: first } : { data: first, issuerCert: presented(...rest) };
}

function unknownIssuer(certificate: PresentedCertificate, hostname = HOST): CertificateVerifyRequest {
  return { hostname, certificate, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID', errorCode: ERR_CERT_AUTHORITY_INVALID };
}

function trustOf(pem: string): ExtraCaTrust {
  const loaded = loadExtraCas(pem);
  if (!loaded.ok) throw new Error(renderPhrase(loaded.reason));
  return loaded.trust;
}

describe('extra CA trust for the app (network.caFile)', () => {
  let proxyCa: CertificateAuthority;
  let impostorCa: CertificateAuthority;
  let issuing: CertificateAuthority;
  let leaf: ServerCertificate;
  let expired: ServerCertificate;
  let impostorLeaf: ServerCertificate;
  let viaIntermediate: ServerCertificate;
  let trust: ExtraCaTrust;

  beforeAll(async () => {
    proxyCa = await makeCa({ commonName: 'Contoso Inspection CA', organization: 'Contoso' });
    // Same names as the trusted CA, different key: only the signature tells them apart.
    impostorCa = await makeCa({ commonName: 'Contoso Inspection CA', organization: 'Contoso' });
    issuing = await makeCa({ commonName: 'Contoso Issuing CA', organization: 'Contoso', issuer: proxyCa });
    [leaf, expired, impostorLeaf, viaIntermediate] = await Promise.all([
      makeServerCert(proxyCa, { hosts: [HOST, '127.0.0.1'] }),
      makeServerCert(proxyCa, { hosts: [HOST], notBefore: new Date(Date.now() - 30 * DAY_MS), notAfter: new Date(Date.now() - DAY_MS) }),
      makeServerCert(impostorCa, { hosts: [HOST] }),
      makeServerCert(issuing, { hosts: [HOST] }),
    ]);
    trust = trustOf(proxyCa.certPem);
  });
  afterAll(async () => {
    await impostorCa?.dispose();
    await proxyCa?.dispose();
  });

  it('accepts a certificate signed by the extra CA for the right host when Chromium only lacks the issuer', () => {
    expect(trust.count).toBe(1);
    expect(trust.decide(unknownIssuer(presented(leaf.certPem)))).toEqual({ verdict: 'accept' });
    expect(trust.decide(unknownIssuer(presented(leaf.certPem), '127.0.0.1'))).toEqual({ verdict: 'accept' });
    // A server may send the root along; the chain still ends at the extra CA.
    expect(trust.decide(unknownIssuer(presented(leaf.certPem, proxyCa.certPem)))).toEqual({ verdict: 'accept' });
  });

  it('follows the presented intermediates up to the extra CA, checking every signature', () => {
    expect(trust.decide(unknownIssuer(presented(viaIntermediate.certPem, issuing.certPem)))).toEqual({ verdict: 'accept' });
    // Without the intermediate the leaf cannot be tied to the extra CA.
    expect(trust.decide(unknownIssuer(presented(viaIntermediate.certPem)))).toEqual({ verdict: 'chromium' });
  });

  it('refuses the extra CA\'s certificate for another host, naming the reason Chromium hid', () => {
    expect(trust.decide(unknownIssuer(presented(leaf.certPem), 'outlook.office.com'))).toMatchObject({ verdict: 'reject', reason: 'name' });
    expect(trust.decide(unknownIssuer(presented(leaf.certPem), '127.0.0.2'))).toMatchObject({ verdict: 'reject', reason: 'name' });
    // A name that is only in the common name does not count, as in Chromium.
    expect(trust.decide(unknownIssuer(presented(leaf.certPem), 'Contoso Inspection CA'))).toMatchObject({ verdict: 'reject', reason: 'name' });
  });

  it('refuses an expired certificate from the extra CA, and any certificate once the CA itself is out of date', () => {
    expect(trust.decide(unknownIssuer(presented(expired.certPem)))).toMatchObject({ verdict: 'reject', reason: 'date' });
    const inTwentyYears = new Date(Date.now() + 20 * 365 * DAY_MS);
    expect(trust.decide(unknownIssuer(presented(leaf.certPem)), inTwentyYears)).toMatchObject({ verdict: 'reject', reason: 'date' });
  });

  it('leaves Chromium\'s rejection standing for a chain from another CA, even one with the same name', () => {
    expect(trust.decide(unknownIssuer(presented(impostorLeaf.certPem)))).toEqual({ verdict: 'chromium' });
    expect(trust.decide(unknownIssuer(presented(impostorLeaf.certPem, impostorCa.certPem)))).toEqual({ verdict: 'chromium' });
    // A forged link: the impostor's leaf presented as if the trusted CA had issued it.
    expect(trust.decide(unknownIssuer(presented(impostorLeaf.certPem, proxyCa.certPem)))).toEqual({ verdict: 'chromium' });
  });

  it('never overrules any other verdict of Chromium, nor its acceptance', () => {
    const dateInvalid = { ...unknownIssuer(presented(leaf.certPem)), verificationResult: 'net::ERR_CERT_DATE_INVALID', errorCode: ERR_CERT_DATE_INVALID };
    expect(trust.decide(dateInvalid)).toEqual({ verdict: 'chromium' });
    const revoked = { ...unknownIssuer(presented(leaf.certPem)), verificationResult: 'net::ERR_CERT_REVOKED', errorCode: -206 };
    expect(trust.decide(revoked)).toEqual({ verdict: 'chromium' });
    const ok = { ...unknownIssuer(presented(impostorLeaf.certPem)), verificationResult: 'net::OK', errorCode: 0 };
    expect(trust.decide(ok)).toEqual({ verdict: 'chromium' });
  });

  it('leaves the rejection standing, without throwing, when a presented certificate cannot be read', () => {
    expect(trust.decide(unknownIssuer({ data: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' }))).toEqual({ verdict: 'chromium' });
    expect(trust.decide(unknownIssuer(presented(leaf.certPem, 'not a certificate')))).toEqual({ verdict: 'chromium' });
  });

  it('loads only the CA certificates of the file and says what it skipped', () => {
    const mixed = loadExtraCas(`${leaf.certPem}\n-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n${proxyCa.certPem}${impostorCa.certPem}`);
    expect(mixed.ok).toBe(true);
    if (!mixed.ok) return;
    expect(mixed.trust.count).toBe(2);
    expect(mixed.problems.map((p) => renderPhrase(p))).toEqual([expect.stringMatching(/^certificate 1 .*is not a CA certificate; ignored$/), 'certificate 2 is not a readable X.509 certificate; ignored']);
    // Both CAs are trusted, so the look-alike's certificates are accepted too: that is what the file asks for.
    expect(mixed.trust.decide(unknownIssuer(presented(impostorLeaf.certPem)))).toEqual({ verdict: 'accept' });

    const none = loadExtraCas('no certificates here');
    expect(none.ok ? 'ok' : renderPhrase(none.reason)).toBe('holds no PEM certificate');
    expect(none.ok ? 'ok' : renderPhrase(none.reason, createTranslator('de'))).toBe('enthält kein PEM-Zertifikat');
    const leafOnly = loadExtraCas(leaf.certPem);
    expect(leafOnly.ok ? 'ok' : renderPhrase(leafOnly.reason)).toMatch(/^holds no usable CA certificate \(certificate 1 \(.*\) is not a CA certificate; ignored\)$/);
  });
});
