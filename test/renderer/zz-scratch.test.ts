import { it } from 'vitest';
import * as S from './scenarios.js';
it('prints', () => {
  for (const [name, fn] of Object.entries({ ok: S.okState, outage: S.outageState, degraded: S.degradedState, maint: S.maintenanceState, helpdesk: S.helpdeskState, captive: S.captiveState, dns: S.dnsFailureState, stale: S.staleState, hostile: S.hostileState })) {
    const s = (fn as () => any)();
    console.log(name, s.tray, s.overall, JSON.stringify(s.report.verdict.title), '|', s.report.verdict.kind, '|', s.report.services.map((x: any) => `${x.id}:${x.health}:${x.incidents.length}`).join(','), 'msgs', s.report.messages.length, 'bytes', JSON.stringify(s).length);
  }
});
