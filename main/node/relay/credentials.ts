/**
 * The relay's app credential: a client secret (from an environment variable, or a file readable
 * only by its owner) or a certificate (a PEM file with the private key and the certificate, signed
 * into a client assertion). Never from the command line, where every user of the machine could
 * read it in the process list. Errors name the variable or file, never its content.
 */
import { createHash, createPrivateKey, randomUUID, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';

export type Credential =
  | { readonly kind: 'secret'; readonly secret: string }
  | { readonly kind: 'certificate'; readonly key: KeyObject; readonly x5t: string; readonly x5tS256: string };

export type CredentialOutcome = { readonly ok: true; readonly credential: Credential } | { readonly ok: false; readonly error: string };

export type CredentialSource =
  | { readonly kind: 'secret-env'; readonly name: string }
  | { readonly kind: 'secret-file'; readonly path: string }
  | { readonly kind: 'certificate'; readonly path: string };

/** Large enough for any PEM chain, small enough that a wrong path (a log, a disk image) is refused quickly. */
const MAX_CREDENTIAL_FILE_BYTES = 64 * 1024;

/**
 * Refuses a file others may read. On Windows the mode bits say nothing about ACLs, so the check
 * applies to POSIX systems only (the README says to restrict the file's ACL there).
 */
async function readPrivateFile(path: string, what: string, platform: NodeJS.Platform): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    return { ok: false, error: `cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  if (!info.isFile()) return { ok: false, error: `the ${what} ${path} is not a regular file` };
  if (info.size > MAX_CREDENTIAL_FILE_BYTES) return { ok: false, error: `the ${what} ${path} is larger than 64 KiB; is it the right file?` };
  if (platform !== 'win32' && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
    return { ok: false, error: `refusing the ${what} ${path}: other users may read it (mode ${mode}); make it readable by its owner only, e.g. chmod 600 ${path}` };
  }
  try {
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    return { ok: false, error: `cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
}

export async function loadCredential(source: CredentialSource, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<CredentialOutcome> {
  switch (source.kind) {
    case 'secret-env': {
      const secret = env[source.name];
      if (secret === undefined || secret.trim() === '') return { ok: false, error: `the environment variable ${source.name} is not set or empty` };
      return { ok: true, credential: { kind: 'secret', secret: secret.trim() } };
    }
    case 'secret-file': {
      const read = await readPrivateFile(source.path, 'secret file', platform);
      if (!read.ok) return read;
      const secret = read.text.trim();
      if (secret === '') return { ok: false, error: `the secret file ${source.path} is empty` };
      return { ok: true, credential: { kind: 'secret', secret } };
    }
    case 'certificate': {
      const read = await readPrivateFile(source.path, 'certificate file', platform);
      if (!read.ok) return read;
      return certificateFromPem(read.text, source.path);
    }
  }
}

/** The private key and the first certificate of a PEM file, with the thumbprints Entra ID matches. */
export function certificateFromPem(pem: string, path: string): CredentialOutcome {
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (certificate === undefined) return { ok: false, error: `the certificate file ${path} holds no certificate (-----BEGIN CERTIFICATE-----)` };
  let key: KeyObject;
  let x509: X509Certificate;
  try {
    key = createPrivateKey(pem);
  } catch {
    return { ok: false, error: `the certificate file ${path} holds no readable, unencrypted private key` };
  }
  try {
    x509 = new X509Certificate(certificate);
  } catch {
    return { ok: false, error: `the certificate in ${path} cannot be read` };
  }
  if (key.asymmetricKeyType !== 'rsa') return { ok: false, error: `the private key in ${path} is not an RSA key; Entra ID client assertions are signed with RS256` };
  if (!x509.checkPrivateKey(key)) return { ok: false, error: `the private key in ${path} does not belong to its certificate` };
  return {
    ok: true,
    credential: {
      kind: 'certificate',
      key,
      x5t: createHash('sha1').update(x509.raw).digest('base64url'),
      x5tS256: createHash('sha256').update(x509.raw).digest('base64url'),
    },
  };
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A client assertion (RFC 7523) for the token endpoint: RS256, `x5t` naming the certificate,
 * audience the token URL, valid 10 minutes.
 */
export function clientAssertion(credential: Extract<Credential, { kind: 'certificate' }>, clientId: string, tokenUrl: string, nowMs: number, jti: string = randomUUID()): string {
  const now = Math.floor(nowMs / 1000);
  const header = base64url({ alg: 'RS256', typ: 'JWT', x5t: credential.x5t, 'x5t#S256': credential.x5tS256 });
  const payload = base64url({ aud: tokenUrl, iss: clientId, sub: clientId, jti, nbf: now - 60, iat: now, exp: now + 600 });
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), credential.key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}
