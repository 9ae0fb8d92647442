import { describe, expect, it } from 'vitest';
import { pageUrlOf } from '../../../main/core/engine/links.js';
import type { SourceType } from '../../../main/core/model.js';
import { sourceRequestUrl } from '../../../main/core/sources/source-fetch.js';

const read = (type: SourceType, url: string): string => sourceRequestUrl({ type, url });

describe('which document each source type reads under the configured URL', () => {
  it('adds the API or feed path under a page URL, keeping any path prefix', () => {
    expect(read('statuspage', 'https://host/sp')).toBe('https://host/sp/api/v2/summary.json');
    expect(read('slack', 'https://slack-status.com')).toBe('https://slack-status.com/api/v2.0.0/current');
    expect(read('google-workspace', 'https://www.google.com/appsstatus/dashboard/')).toBe('https://www.google.com/appsstatus/dashboard/incidents.json');
    expect(read('incidentio', 'https://status.openai.com/')).toBe('https://status.openai.com/api/v1/summary');
    expect(read('instatus', 'https://recraft.instatus.com')).toBe('https://recraft.instatus.com/summary.json');
    expect(read('rss', 'https://www.githubstatus.com')).toBe('https://www.githubstatus.com/history.atom');
  });

  it('reads a URL that already names the API or feed document as is', () => {
    for (const [type, url] of [
      ['slack', 'https://slack-status.com/api/v2.0.0/history'],
      ['google-workspace', 'https://status.cloud.google.com/incidents.json'],
      ['incidentio', 'https://status.openai.com/api/v2/summary.json'],
      ['incidentio', 'https://status.openai.com/proxy/status.openai.com'],
      ['instatus', 'https://x.instatus.com/v2/components.json'],
      ['rss', 'https://www.githubstatus.com/history.rss'],
      ['rss', 'https://slack-status.com/feed/rss'],
      ['rss', 'https://www.google.com/appsstatus/dashboard/en/feed.atom'],
      ['statusio', 'https://api.status.io/1.0/status/533c6539221ae15e3f000031'],
      ['microsoft-public', 'https://status.cloud.microsoft/api/posts/mac'],
    ] as const) {
      expect(read(type, url), `${type} ${url}`).toBe(url);
    }
  });

  it('a status page to open: the page the API lives under, never a JSON or feed address', () => {
    const page = (type: SourceType, url: string) => pageUrlOf({ type, url }, null);
    expect(page('slack', 'https://slack-status.com/api/v2.0.0/current')).toBe('https://slack-status.com/');
    expect(page('incidentio', 'https://status.openai.com/api/v1/summary')).toBe('https://status.openai.com/');
    expect(page('instatus', 'https://x.instatus.com/v2/components.json')).toBe('https://x.instatus.com/');
    expect(page('google-workspace', 'https://www.google.com/appsstatus/dashboard/incidents.json')).toBe('https://www.google.com/appsstatus/dashboard/');
    expect(page('rss', 'https://www.githubstatus.com/history.rss')).toBeNull();
    expect(page('statusio', 'https://api.status.io/1.0/status/x')).toBeNull();
  });
});
