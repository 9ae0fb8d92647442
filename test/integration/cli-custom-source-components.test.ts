/**
 * A page added in the window with only some of its components picked, through the built CLI
 * (`check --config` reads the same document as the window's settings) against a loopback server
 * serving Twilio's recorded summary (SMS short codes degraded, voice fine): the service reads only
 * the picked components, so a person watching Voice sees no SMS incident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeConfig } from '../helpers/cli.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';

interface JsonReport {
  sources: Array<{ id: string; type: string; health: string }>;
  services: Array<{ id: string; name: string; health: string; incidents: Array<{ id: string }> }>;
}

let server: Loopback;

beforeAll(async () => {
  server = await startLoopback({ '/twilio/api/v2/summary.json': serveFixture('statuspage/twilio-summary-2020-06-16-degraded-2-incidents-groups.json') });
});

afterAll(async () => {
  await server?.close();
});

async function check(customSources: unknown[]): Promise<JsonReport> {
  const run = await runCli(['check', '--json', '--no-probes', '--config', writeConfig({ watch: [], customSources })]);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as JsonReport;
}

describe('outage-radar check: custom pages narrowed to the picked components', () => {
  it('a page watched for Voice components only is operational while SMS short codes are degraded', async () => {
    const url = `${server.url}/twilio`;
    const report = await check([
      // PSTN (by id) and SIP Interface (by name): both operational on this day.
      { id: 'custom-twilio-voice', name: 'Twilio Voice', url, type: 'statuspage', components: ['g2dt752kwqs0', 'SIP Interface'] },
      { id: 'custom-twilio-sms', name: 'Twilio SMS', url, type: 'statuspage', components: ['SMS Short Code, North America'] },
      { id: 'custom-twilio', name: 'Twilio', url },
    ]);
    const byId = new Map(report.services.map((s) => [s.id, s]));
    expect(byId.get('custom-twilio-voice')).toMatchObject({ name: 'Twilio Voice', health: 'operational', incidents: [] });
    expect(byId.get('custom-twilio-sms')).toMatchObject({ health: 'degraded' });
    expect(byId.get('custom-twilio-sms')?.incidents).toHaveLength(1);
    // The whole page, as before components existed.
    expect(byId.get('custom-twilio')).toMatchObject({ health: 'degraded' });
    expect(byId.get('custom-twilio')?.incidents).toHaveLength(2);
  });
});
