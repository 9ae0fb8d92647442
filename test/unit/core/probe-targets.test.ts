import { describe, expect, it } from 'vitest';
import { buildProbePlan, DEFAULT_BASELINE_URLS, GENERATE_204_CHECK, IDENTITY_URL, NCSI_CHECK, type NcsiOverrides } from '../../../main/core/verdict/probe-targets.js';

const noNcsi: NcsiOverrides = { webProbeHost: null, webProbePath: null, webProbeContent: null, activeProbingEnabled: null, webTimeoutSeconds: null };

describe('buildProbePlan defaults', () => {
  it('probes each watched Microsoft service, the identity endpoint and the baseline', () => {
    const plan = buildProbePlan({ serviceIds: ['outlook', 'teams', 'sharepoint', 'm365'], tenantName: 'contoso' });
    expect(plan.targets.map((t) => [t.id, t.url, t.role, t.serviceId])).toEqual([
      ['outlook', 'https://outlook.office365.com/', 'service', 'outlook'],
      ['teams', 'https://teams.microsoft.com/', 'service', 'teams'],
      ['sharepoint', 'https://contoso.sharepoint.com/', 'service', 'sharepoint'],
      ['identity', IDENTITY_URL, 'identity', 'm365'],
      ['baseline-www.wikipedia.org', 'https://www.wikipedia.org/', 'baseline', null],
      ['baseline-www.apple.com', 'https://www.apple.com/', 'baseline', null],
      ['baseline-www.google.com', 'https://www.google.com/', 'baseline', null],
    ]);
    expect(plan.problems).toEqual([]);
  });

  it('expects Microsoft or DigiCert certificates on Microsoft hosts and checks no issuer on the baseline', () => {
    const plan = buildProbePlan({ serviceIds: ['outlook'] });
    expect(plan.targets.find((t) => t.id === 'outlook')?.expectedIssuers).toEqual(['Microsoft', 'DigiCert']);
    expect(plan.targets.find((t) => t.role === 'baseline')?.expectedIssuers).toEqual([]);
  });

  it('has no SharePoint probe without a tenant name, and refuses a tenant name that is not one DNS label', () => {
    expect(buildProbePlan({ serviceIds: ['sharepoint'] }).targets.map((t) => t.id)).not.toContain('sharepoint');
    const hostile = buildProbePlan({ serviceIds: ['sharepoint'], tenantName: 'evil.example/x?' });
    expect(hostile.targets.map((t) => t.id)).not.toContain('sharepoint');
    expect(hostile.problems.join('\n')).toMatch(/tenantName/);
  });

  it('leaves out Microsoft hosts for people who watch none of them', () => {
    const plan = buildProbePlan({ serviceIds: ['zoom'] });
    expect(plan.targets.every((t) => t.role === 'baseline')).toBe(true);
    expect(plan.targets).toHaveLength(DEFAULT_BASELINE_URLS.length);
  });

  it('checks NCSI and generate_204 for captive portals by default', () => {
    expect(buildProbePlan({ serviceIds: [] }).captive).toEqual([NCSI_CHECK, GENERATE_204_CHECK]);
    expect(NCSI_CHECK).toEqual({ id: 'ncsi', url: 'http://www.msftconnecttest.com/connecttest.txt', expectStatus: 200, expectBody: 'Microsoft Connect Test' });
  });
});

describe('buildProbePlan overrides', () => {
  it('replaces the service targets with the configured ones', () => {
    const plan = buildProbePlan({
      serviceIds: ['outlook', 'teams'],
      overrides: { targets: [{ id: 'mail', url: 'https://mail.contoso.com/', serviceId: 'outlook', expectedIssuers: ['Contoso CA'] }] },
    });
    expect(plan.targets.filter((t) => t.role !== 'baseline')).toEqual([
      { id: 'mail', url: 'https://mail.contoso.com/', role: 'service', serviceId: 'outlook', expectedIssuers: ['Contoso CA'] },
    ]);
  });

  it('lets a company point the baseline at its own hosts', () => {
    const plan = buildProbePlan({ serviceIds: [], overrides: { baseline: ['https://intranet.contoso.com/', 'https://www.contoso.com/health'] } });
    expect(plan.targets.map((t) => t.url)).toEqual(['https://intranet.contoso.com/', 'https://www.contoso.com/health']);
    expect(buildProbePlan({ serviceIds: [], overrides: { baseline: [] } }).targets).toEqual([]);
  });

  it('drops bad entries with a reason and keeps the rest', () => {
    const plan = buildProbePlan({
      serviceIds: [],
      overrides: {
        targets: [
          { id: 'ok', url: 'https://ok.example/' },
          { id: 'plain', url: 'http://plain.example/' },
          { id: 'ok', url: 'https://dup.example/' },
        ],
        baseline: ['not a url'],
        captive: [{ id: 'tls', url: 'https://captive.example/', expectStatus: 204, expectBody: null }],
      },
    });
    expect(plan.targets.map((t) => t.id)).toEqual(['ok']);
    expect(plan.captive).toEqual([]);
    expect(plan.problems).toHaveLength(4);
    expect(plan.problems.join('\n')).toMatch(/plain http/);
    expect(plan.problems.join('\n')).toMatch(/duplicate target id "ok"/);
  });

  it('replaces the NCSI check with what the Windows registry says Windows probes', () => {
    const plan = buildProbePlan({
      serviceIds: [],
      ncsi: { ...noNcsi, webProbeHost: 'ncsi.contoso.com', webProbePath: 'probe/ok.txt', webProbeContent: 'Contoso OK' },
    });
    expect(plan.captive).toEqual([{ id: 'ncsi', url: 'http://ncsi.contoso.com/probe/ok.txt', expectStatus: 200, expectBody: 'Contoso OK' }, GENERATE_204_CHECK]);
  });

  it('keeps Windows defaults for NCSI values that are not set, and refuses a host that smuggles a path', () => {
    expect(buildProbePlan({ serviceIds: [], ncsi: { ...noNcsi, webProbeContent: 'Other text' } }).captive[0]).toEqual({ ...NCSI_CHECK, expectBody: 'Other text' });
    const hostile = buildProbePlan({ serviceIds: [], ncsi: { ...noNcsi, webProbeHost: 'evil.example/x@y' } });
    expect(hostile.captive[0]?.url).toBe(NCSI_CHECK.url);
    expect(hostile.problems.join('\n')).toMatch(/ActiveWebProbeHost/);
  });

  it('gives a configured captive list priority over the registry', () => {
    const own = { id: 'corp', url: 'http://ncsi.corp.example/ok', expectStatus: 200, expectBody: 'ok' };
    const plan = buildProbePlan({ serviceIds: [], overrides: { captive: [own] }, ncsi: { ...noNcsi, webProbeHost: 'ignored.example' } });
    expect(plan.captive).toEqual([own]);
  });
});
