import { describe, expect, it } from 'vitest';
import { verdictAdvice, verdictTitle } from '../../../main/core/words/advice-words.js';
import { exitCodeFor } from '../../../main/core/verdict/exit-code.js';
import { VERDICT_KINDS, type LadderResult, type Verdict, type VerdictKind } from '../../../main/core/verdict/connectivity-model.js';
import { ALL_HEALTH, type Health } from '../../../main/core/health.js';
import { TRAY_STATES } from '../../../main/core/tray/tray-icons.js';
import { isLocalProblem } from '../../../main/core/verdict/local-problem.js';
import { trayStateFor } from '../../../main/core/tray/tray-state.js';
import { decideVerdict } from '../../../main/core/verdict/verdict.js';
import type { StatusSignal } from '../../../main/core/verdict/verdict-facts.js';

const verdict = (kind: VerdictKind): Verdict => ({ kind, title: kind, summary: kind, advice: '', evidence: [], flags: [], serviceIds: [] });
const LOCAL: VerdictKind[] = ['no-network', 'captive-portal', 'dns-failure', 'proxy-auth-required', 'proxy-unreachable', 'blocked', 'clock-skew'];

describe('trayStateFor', () => {
  it('shows your own connection problems as local whatever the status pages say', () => {
    for (const kind of LOCAL) {
      expect(isLocalProblem(kind)).toBe(true);
      for (const overall of ALL_HEALTH) expect(trayStateFor(verdict(kind), overall)).toBe('local');
    }
  });

  it('is green only for an all-good verdict over an operational roll-up', () => {
    for (const kind of VERDICT_KINDS) {
      for (const overall of ALL_HEALTH) {
        const green = trayStateFor(verdict(kind), overall) === 'ok';
        expect(green, `${kind} / ${overall}`).toBe(kind === 'all-good' && overall === 'operational');
      }
    }
  });

  it('never shows an unknown roll-up as green', () => {
    expect(trayStateFor(verdict('all-good'), 'unknown')).toBe('unknown');
  });

  it('takes a provider problem color from the roll-up, and is never calm about it', () => {
    expect(trayStateFor(verdict('provider-incident'), 'outage')).toBe('outage');
    expect(trayStateFor(verdict('provider-incident'), 'maintenance')).toBe('maintenance');
    expect(trayStateFor(verdict('provider-unconfirmed'), 'operational')).toBe('degraded');
    expect(trayStateFor(verdict('provider-unconfirmed'), 'unknown')).toBe('degraded');
  });

  it('shows a slow network as local only when nothing else is wrong', () => {
    expect(trayStateFor(verdict('slow-network'), 'operational')).toBe('local');
    expect(trayStateFor(verdict('slow-network'), 'degraded')).toBe('degraded');
  });

  it('stays grey when the verdict cannot tell, even if a stale roll-up says outage', () => {
    expect(trayStateFor(verdict('unknown'), 'outage')).toBe('unknown');
  });

  it('gives local, not outage, when the status page fails during a local outage', () => {
    const dead: LadderResult = {
      startedAt: '2026-01-20T09:00:00Z',
      durationMs: 3000,
      timedOut: false,
      link: { online: false, detail: 'no interface up' },
      proxy: { mode: 'DIRECT', source: 'none' },
      captive: [],
      targets: [],
    };
    const page: StatusSignal = {
      sourceId: 'microsoft-public',
      sourceName: 'Microsoft 365',
      health: 'outage',
      fetchedAt: null,
      error: 'getaddrinfo EAI_AGAIN',
      reachedServer: false,
      incidents: [],
      serviceIds: ['outlook'],
    };
    const shown = trayStateFor(decideVerdict({ statuses: [page], ladder: dead }), 'outage');
    expect(shown).toBe('local');
    expect(exitCodeFor(shown)).toBe(2);
  });
});

describe('exitCodeFor', () => {
  it('follows the monitoring-plugin convention', () => {
    const codes = Object.fromEntries(TRAY_STATES.map((s) => [s, exitCodeFor(s)]));
    expect(codes).toEqual({ ok: 0, maintenance: 1, degraded: 1, outage: 2, local: 2, unknown: 3 });
  });

  it('exits 3 when probes are skipped and the status is unknown', () => {
    const overall: Health = 'unknown';
    const v = decideVerdict({
      statuses: [{ sourceId: 's', sourceName: 'S', health: overall, fetchedAt: null, error: 'HTTP 500', reachedServer: true, incidents: [], serviceIds: [] }],
      ladder: null,
    });
    expect(exitCodeFor(trayStateFor(v, overall))).toBe(3);
  });
});

describe('plain-language texts', () => {
  it('gives every verdict a one-line headline and advice free of jargon codes', () => {
    for (const kind of VERDICT_KINDS) {
      for (const text of [verdictTitle(kind), verdictAdvice(kind)]) {
        expect(text.length).toBeGreaterThan(10);
        expect(text).not.toMatch(/\n|E[A-Z]{4,}|ERR_|HTTP \d/);
      }
    }
  });

  it('names the provider, and leaves other channels to the advice, which checks that they work', () => {
    expect(verdictAdvice('provider-incident', { provider: 'Zoom' })).toContain('wait for Zoom to fix it');
    expect(verdictAdvice('provider-incident', { provider: 'Zoom' })).not.toMatch(/Meanwhile/);
    expect(verdictTitle('provider-incident', { provider: 'Microsoft 365' })).toBe('Microsoft 365 has an incident: it is not you');
  });
});
