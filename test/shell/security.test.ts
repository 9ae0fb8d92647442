import { describe, expect, it } from 'vitest';
import type { LinkTarget } from '../../main/core/contract.js';
import { createLinkOpener, externalUrlProblem, installSecurity } from '../../main/shell/security.js';
import { FakeApp, FakeSession, FakeWebContents } from '../fakes/electron.js';
import { MemoryLog } from '../fakes/log.js';

function secured() {
  const app = new FakeApp();
  const session = new FakeSession();
  const log = new MemoryLog();
  installSecurity({ app, session, log });
  const contents = new FakeWebContents();
  app.emit('web-contents-created', {}, contents);
  return { app, session, log, contents };
}

describe('security handlers', () => {
  it('denies window.open in every WebContents the app creates', () => {
    const { contents, log } = secured();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    expect(log.has('denied window.open(https://evil.example)')).toBe(true);
  });

  it('prevents navigation, redirects and webviews', () => {
    const { contents } = secured();
    expect(contents.attempt('will-navigate', 'https://evil.example')).toBe(true);
    expect(contents.attempt('will-navigate', 'app://renderer/other.html')).toBe(true);
    expect(contents.attempt('will-redirect', 'https://evil.example')).toBe(true);
    expect(contents.attempt('will-attach-webview', 'https://evil.example')).toBe(true);
  });

  it('denies every permission request and check, and cancels downloads', () => {
    const { session } = secured();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      let granted: boolean | null = null;
      session.permissionRequestHandler?.({}, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
      expect(session.permissionCheckHandler?.({}, permission), permission).toBe(false);
    }
    let prevented = false;
    session.emit('will-download', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('opening links', () => {
  const INCIDENT: LinkTarget = { kind: 'incident', sourceId: 'github', incidentId: 'abc' };

  function opener(known: string | null) {
    const opened: string[] = [];
    const log = new MemoryLog();
    const open = createLinkOpener({ findLink: () => known, openExternal: async (url) => void opened.push(url), log });
    return { open, opened, log };
  }

  it('opens the https URL the engine knows for a named link', async () => {
    const { open, opened } = opener('https://www.githubstatus.com/incidents/abc');
    await expect(open(INCIDENT)).resolves.toBe(true);
    expect(opened).toEqual(['https://www.githubstatus.com/incidents/abc']);
  });

  it('opens nothing for an unknown link or one that is not https', async () => {
    for (const known of [null, 'http://status.example/incidents/1', 'file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:network', 'https://user:pw@status.example/']) {
      const { open, opened } = opener(known);
      await expect(open(INCIDENT), String(known)).resolves.toBe(false);
      expect(opened).toEqual([]);
    }
  });

  it('answers false when the browser cannot be started', async () => {
    const log = new MemoryLog();
    const open = createLinkOpener({
      findLink: () => 'https://status.example/',
      openExternal: async () => {
        throw new Error('no browser');
      },
      log,
    });
    await expect(open({ kind: 'helpdesk' })).resolves.toBe(false);
    expect(log.has('no browser')).toBe(true);
  });

  it('explains why a URL is refused', () => {
    expect(externalUrlProblem('https://status.example/')).toBeNull();
    expect(externalUrlProblem('http://status.example/')).toContain('only https');
    expect(externalUrlProblem('::')).toBe('not a valid URL');
  });
});
