import { describe, expect, it } from 'vitest';
import schema from '../../../schema/config.schema.json' with { type: 'json' };
import { POLICY_KEYS, policyByName, policyNameOf } from '../../../main/core/policy/policy-names.js';

describe('policy names, derived from the settings schema', () => {
  it('names each policy by its key path in PascalCase', () => {
    const names = new Map(POLICY_KEYS.map((p) => [p.key, p.name]));
    expect(names.get('pollIntervalSeconds')).toBe('PollIntervalSeconds');
    expect(names.get('orgFeedUrl')).toBe('OrgFeedUrl');
    expect(names.get('watch')).toBe('Watch');
    expect(names.get('sources')).toBe('Sources');
    expect(names.get('network.proxy')).toBe('NetworkProxy');
    expect(names.get('helpdesk.ticketUrl')).toBe('HelpdeskTicketUrl');
    expect(names.get('app.allowQuit')).toBe('AppAllowQuit');
    expect(names.get('updates.mode')).toBe('UpdatesMode');
    expect(names.get('connectivity.baseline')).toBe('ConnectivityBaseline');
    expect(policyNameOf(['quietHours', 'start'])).toBe('QuietHoursStart');
  });

  it('covers every top-level setting of the schema, and no name twice', () => {
    const top = Object.keys(schema.properties).filter((k) => k !== '$schema' && k !== 'version');
    for (const key of top) expect(POLICY_KEYS.some((p) => p.path[0] === key), key).toBe(true);
    expect(new Set(POLICY_KEYS.map((p) => p.name.toLowerCase())).size).toBe(POLICY_KEYS.length);
  });

  it('knows each value kind, and finds a policy by name in any case', () => {
    expect(policyByName('watch')).toMatchObject({ kind: 'list', listOfStrings: true });
    expect(policyByName('Sources')).toMatchObject({ kind: 'list', listOfStrings: false });
    expect(policyByName('PollIntervalSeconds')).toMatchObject({ kind: 'integer', minimum: 60, maximum: 3600 });
    expect(policyByName('UpdatesMode')).toMatchObject({ kind: 'enum', values: ['none', 'manual', 'auto'] });
    expect(policyByName('OrgFeedUrl')).toMatchObject({ kind: 'string', nullable: true });
    expect(policyByName('NotificationsEnabled')).toMatchObject({ kind: 'boolean' });
    expect(policyByName('StatusSources')).toBeNull();
  });
});
