/**
 * The app's ladder runner with the real ladder against an HTTPS server on 127.0.0.1 whose
 * certificate only the config file's CA vouches for: the TLS step trusts that CA as the CLI's does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../main/core/settings/config.js';
import { createLadderRunner } from '../../main/shell/ladder-runner.js';
import { makeCa, makeServerCert, startHttpsLoopback, type CertificateAuthority, type HttpsLoopback } from '../helpers/tls.js';

describe('app ladder runner and the CA file', () => {
  let ca: CertificateAuthority;
  let https: HttpsLoopback;
  let config: AppConfig;

  beforeAll(async () => {
    ca = await makeCa({ organization: 'Contoso Inspection' });
    https = await startHttpsLoopback(await makeServerCert(ca, { hosts: ['127.0.0.1'] }), (_req, res) => void res.writeHead(204).end());
    // Only the loopback target: no default services, comparison sites or sign-in checks.
    config = { connectivity: { targets: [{ id: 'status', url: `${https.url}/`, role: 'service' }], baseline: [], captive: [] } };
  });
  afterAll(async () => {
    await https?.close();
    await ca?.dispose();
  });

  const runnerWith = (extraCaPem: string | null) =>
    createLadderRunner({ isOnline: () => true, resolveProxy: () => Promise.resolve('DIRECT'), readNcsi: () => Promise.resolve(null), extraCaPem });

  const tlsOutcome = async (extraCaPem: string | null): Promise<unknown> => {
    const result = await runnerWith(extraCaPem)({ serviceIds: [], config });
    expect(result.targets.map((t) => t.target.id)).toEqual(['status']);
    return result.targets[0]?.steps.find((step) => step.step === 'tls')?.outcome;
  };

  it('trusts the CA file in the TLS step', async () => {
    expect(await tlsOutcome(ca.certPem)).toBe('ok');
  });

  it('does not trust that certificate without the CA file', async () => {
    expect(await tlsOutcome(null)).not.toBe('ok');
  });
});
