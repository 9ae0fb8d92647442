import { describe, expect, it } from 'vitest';
import type { Verdict, VerdictKind } from '../../../main/core/verdict/connectivity-model.js';
import { applyHysteresis, INITIAL_HYSTERESIS, type HysteresisState } from '../../../main/core/engine/hysteresis.js';

const verdict = (kind: VerdictKind, summary: string = kind): Verdict => ({ kind, title: kind, summary, advice: '', evidence: [], flags: [], serviceIds: [] });

/** Feeds runs in order; returns the kind shown after each run and whether it changed. */
function replay(kinds: readonly VerdictKind[], start: HysteresisState = INITIAL_HYSTERESIS): { shown: VerdictKind[]; changed: boolean[] } {
  let state = start;
  const shown: VerdictKind[] = [];
  const changed: boolean[] = [];
  for (const kind of kinds) {
    const step = applyHysteresis(state, verdict(kind));
    state = step.state;
    shown.push(step.shown.kind);
    changed.push(step.changed);
  }
  return { shown, changed };
}

describe('applyHysteresis', () => {
  it('shows the very first verdict at once', () => {
    expect(replay(['provider-incident'])).toEqual({ shown: ['provider-incident'], changed: [true] });
  });

  it('switches on the second agreeing run', () => {
    expect(replay(['all-good', 'blocked', 'blocked'])).toEqual({
      shown: ['all-good', 'all-good', 'blocked'],
      changed: [true, false, true],
    });
  });

  it('ignores a one-run blip, and a blip does not count towards the next change', () => {
    expect(replay(['all-good', 'dns-failure', 'all-good', 'dns-failure', 'all-good']).shown).toEqual([
      'all-good',
      'all-good',
      'all-good',
      'all-good',
      'all-good',
    ]);
  });

  it('needs the two runs to agree with each other, not just differ from what is shown', () => {
    expect(replay(['all-good', 'blocked', 'dns-failure', 'dns-failure']).shown).toEqual(['all-good', 'all-good', 'all-good', 'dns-failure']);
  });

  it('shows no-network and captive-portal at once, but leaves them only after two agreeing runs', () => {
    expect(replay(['all-good', 'no-network', 'all-good', 'all-good'])).toEqual({
      shown: ['all-good', 'no-network', 'no-network', 'all-good'],
      changed: [true, true, false, true],
    });
    expect(replay(['provider-incident', 'captive-portal']).shown).toEqual(['provider-incident', 'captive-portal']);
  });

  it('shows a provider incident at once: a posted incident is proof, not a measurement', () => {
    expect(replay(['all-good', 'provider-incident'])).toEqual({ shown: ['all-good', 'provider-incident'], changed: [true, true] });
    // Leaving it still takes two agreeing runs.
    expect(replay(['all-good', 'provider-incident', 'all-good', 'all-good']).shown).toEqual(['all-good', 'provider-incident', 'provider-incident', 'all-good']);
  });

  it('refreshes the summary of an unchanged verdict without reporting a change', () => {
    const first = applyHysteresis(INITIAL_HYSTERESIS, verdict('dns-failure', 'DNS failed for 2 of 3 hosts'));
    const again = applyHysteresis(first.state, verdict('dns-failure', 'DNS failed for 3 of 3 hosts'));
    expect(again.changed).toBe(false);
    expect(again.shown.summary).toBe('DNS failed for 3 of 3 hosts');
  });

  it('does not modify the state it was given', () => {
    const state: HysteresisState = Object.freeze({ shown: verdict('all-good'), pending: null });
    const step = applyHysteresis(state, verdict('blocked'));
    expect(state.pending).toBeNull();
    expect(step.state.pending?.kind).toBe('blocked');
  });
});
