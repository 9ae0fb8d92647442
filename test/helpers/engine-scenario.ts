import type { Settings } from '../../main/core/contract.js';
import type { AppConfig } from '../../main/core/settings/config.js';
import { settingsToAppConfig } from '../../main/core/settings/settings.js';
import type { LadderResult } from '../../main/core/verdict/connectivity-model.js';
import { runLadder } from '../../main/node/probes/ladder.js';
import { startLoopback } from './loopback.js';

/**
 * One real ladder run against loopback servers that all answer: "this computer's connection is
 * fine", recorded once and replayed by engine tests whose subject is the status sources.
 */
export async function recordAllGoodLadder(serviceId = 'outlook'): Promise<LadderResult> {
  const server = await startLoopback({
    '/ok': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    '/connecttest.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('Microsoft Connect Test'),
  });
  try {
    return await runLadder(
      {
        targets: [
          { id: 'front-door', url: `${server.url}/ok`, role: 'service', serviceId, expectedIssuers: [] },
          { id: 'baseline', url: `${server.url}/ok`, role: 'baseline', serviceId: null, expectedIssuers: [] },
        ],
        captive: [{ id: 'ncsi', url: `${server.url}/connecttest.txt`, expectStatus: 200, expectBody: 'Microsoft Connect Test' }],
      },
      { env: {} },
    );
  } finally {
    await server.close();
  }
}

/** The app's config from its settings, with Microsoft's public status read from `baseUrl` (loopback). */
export function withMicrosoftStatusAt(baseUrl: string): (settings: Settings) => AppConfig {
  return (settings) => {
    const base = settingsToAppConfig(settings);
    return { ...base, sources: [...(base.sources ?? []), { id: 'microsoft-public', url: `${baseUrl}/ms/api/posts/mac` }] };
  };
}
