/**
 * "Restart Teams" as a sequence of injected steps: it asks first, never forces, and where a step
 * is not possible it says how to do it by hand instead. The OS steps are recorded per platform to
 * prove the graceful commands (no `/F`, no SIGKILL).
 */
import { describe, expect, it } from 'vitest';
import { createRestartOsSteps, type Launch, type RestartOsSteps } from '../../main/node/client-restart-os.js';
import { confirmWithDialog, createClientRestarter, RESTART_WAIT_MS, restartClient, type RestartSteps } from '../../main/shell/client-restart.js';

const TEAMS = { name: 'Teams', service: 'teams', pid: 4242, startedAt: '2021-04-27T11:02:00Z' };
const LAUNCH: Launch = { kind: 'executable', file: '/usr/bin/teams', args: [] };

function recordingSteps(overrides: Partial<RestartSteps> = {}): { steps: RestartSteps; calls: string[] } {
  const calls: string[] = [];
  const steps: RestartSteps = {
    platform: 'win32',
    confirm: async () => (calls.push('confirm'), true),
    locate: async () => (calls.push('locate'), LAUNCH),
    quit: async () => (calls.push('quit'), { ok: true }),
    waitForExit: async (_pid, ms) => (calls.push(`wait ${ms}`), true),
    start: async () => (calls.push('start'), { ok: true }),
    ...overrides,
  };
  return { steps, calls };
}

describe('restartClient', () => {
  it('asks, quits, waits up to 10 s and starts it again, in that order', async () => {
    const { steps, calls } = recordingSteps();
    await expect(restartClient(TEAMS, steps)).resolves.toEqual({ pid: 4242, outcome: 'restarted', text: 'Teams was restarted.' });
    expect(calls).toEqual(['confirm', 'locate', 'quit', `wait ${RESTART_WAIT_MS}`, 'start']);
    expect(RESTART_WAIT_MS).toBe(10_000);
  });

  it('does nothing at all when the person says Cancel', async () => {
    const { steps, calls } = recordingSteps({ confirm: async () => false });
    await expect(restartClient(TEAMS, steps)).resolves.toMatchObject({ outcome: 'cancelled' });
    expect(calls).toEqual([]);
  });

  it('leaves a client that does not close within the wait running, and says how to restart it by hand', async () => {
    const { steps, calls } = recordingSteps({ waitForExit: async () => false });
    const result = await restartClient(TEAMS, steps);
    expect(result.outcome).toBe('manual');
    expect(result.text).toContain('still running after 10 s');
    expect(result.text).toContain('Close Teams from its tray icon');
    expect(result.text).toContain('start it again');
    expect(calls).toEqual(['confirm', 'locate', 'quit']);
  });

  it('does not quit a client it could not start again, and gives the manual way', async () => {
    const { steps, calls } = recordingSteps({ locate: async () => null, platform: 'darwin' });
    const result = await restartClient(TEAMS, steps);
    expect(result).toMatchObject({ outcome: 'manual' });
    expect(result.text).toContain('Quit Teams');
    expect(calls).toEqual(['confirm']);
  });

  it('answers in words when a step throws, and on a system without restart steps', async () => {
    const { steps } = recordingSteps({ quit: async () => Promise.reject(new Error('boom')) });
    await expect(restartClient(TEAMS, steps)).resolves.toMatchObject({ outcome: 'manual' });
    const restarter = createClientRestarter(null, async () => true);
    await expect(restarter(TEAMS)).resolves.toMatchObject({ outcome: 'manual', text: expect.stringContaining('Quit Teams') });
  });

  it('asks with Restart and Cancel, Cancel being the default', async () => {
    const asked: unknown[] = [];
    const confirm = confirmWithDialog(async (options) => (asked.push(options), { response: 1 }));
    await expect(confirm(TEAMS)).resolves.toBe(false);
    expect(asked).toEqual([
      expect.objectContaining({ message: 'Restart Teams?', detail: 'Unsent work in Teams may be lost if it does not close by itself.', buttons: ['Restart', 'Cancel'], defaultId: 1, cancelId: 1 }),
    ]);
    await expect(confirmWithDialog(async () => ({ response: 0 }))(TEAMS)).resolves.toBe(true);
  });
});

describe('the OS steps quit gracefully', () => {
  function recordOs(platform: NodeJS.Platform, stdout: string): { os: RestartOsSteps; commands: string[][]; signals: (string | number)[]; launched: string[][] } {
    const commands: string[][] = [];
    const signals: (string | number)[] = [];
    const launched: string[][] = [];
    let alive = true;
    const os = createRestartOsSteps({
      platform,
      systemRoot: 'C:\\Windows',
      run: async (file, args) => (commands.push([file, ...args]), { ok: true, stdout }),
      kill: (_pid, signal) => {
        signals.push(signal);
        if (signal === 0 && !alive) throw Object.assign(new Error('gone'), { code: 'ESRCH' });
        if (signal === 'SIGTERM') alive = false;
      },
      launch: (file, args) => (launched.push([file, ...args]), { ok: true }),
    });
    if (os === null) throw new Error('no steps');
    return { os, commands, signals, launched };
  }
  const yes = { confirm: async () => true };

  it('Windows: taskkill /PID without /F, then the executable the process list named', async () => {
    const { os, commands, launched } = recordOs('win32', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\r\n');
    // taskkill only asks; this fake process "exits" at once because nothing here keeps it alive.
    const result = await restartClient({ ...TEAMS, name: 'Outlook (classic)' }, { ...os, ...yes, waitForExit: async () => true });
    expect(result.outcome).toBe('restarted');
    const taskkill = commands.find((c) => c[0]?.endsWith('taskkill.exe'));
    expect(taskkill).toEqual(['C:\\Windows\\System32\\taskkill.exe', '/PID', '4242']);
    expect(commands.flat().map((a) => a.toUpperCase())).not.toContain('/F');
    expect(launched).toEqual([['C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE']]);
  });

  it('Windows: new Teams, a packaged app, is started again by its app id', async () => {
    const { os, launched } = recordOs('win32', 'C:\\Program Files\\WindowsApps\\MSTeams_24004.1403.2634.2418_x64__8wekyb3d8bbwe\\ms-teams.exe\r\n');
    await restartClient(TEAMS, { ...os, ...yes, waitForExit: async () => true });
    expect(launched).toEqual([['C:\\Windows\\explorer.exe', 'shell:AppsFolder\\MSTeams_8wekyb3d8bbwe!MSTeams']]);
  });

  it('macOS: asks the app to quit with AppleScript and opens it again by name', async () => {
    const { os, commands } = recordOs('darwin', '/Applications/Microsoft Teams.app/Contents/MacOS/MSTeams\n');
    await expect(restartClient(TEAMS, { ...os, ...yes, waitForExit: async () => true })).resolves.toMatchObject({ outcome: 'restarted' });
    expect(commands.slice(1)).toEqual([
      ['/usr/bin/osascript', '-e', 'tell application "Microsoft Teams" to quit'],
      ['/usr/bin/open', '-a', 'Microsoft Teams'],
    ]);
  });

  it('macOS: a process outside an app bundle, or a name that would break the script, is left to the person', async () => {
    for (const path of ['/usr/local/bin/teams\n', '/Applications/Evil" to quit\ndo shell script "x.app/Contents/MacOS/x\n']) {
      const { os, commands } = recordOs('darwin', path);
      await expect(restartClient(TEAMS, { ...os, ...yes })).resolves.toMatchObject({ outcome: 'manual' });
      expect(commands.some((c) => c[0] === '/usr/bin/osascript')).toBe(false);
    }
  });

  it('Linux: SIGTERM, never SIGKILL, and a pid that stays after the wait is not forced', async () => {
    const { os, signals } = recordOs('linux', '');
    expect(await os.quit(TEAMS, LAUNCH)).toEqual({ ok: true });
    expect(await os.waitForExit(TEAMS.pid, 1000)).toBe(true);
    expect(signals).toEqual(['SIGTERM', 0]);
    const stubborn = createRestartOsSteps({ platform: 'linux', kill: (_pid, signal) => void signals.push(signal) });
    expect(await stubborn?.waitForExit(TEAMS.pid, 300)).toBe(false);
    expect(signals).not.toContain('SIGKILL');
    expect(signals.filter((s) => s !== 0)).toEqual(['SIGTERM']);
  });
});
