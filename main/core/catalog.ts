/**
 * The built-in catalog: what the app watches with zero configuration, and what a user or admin
 * can pick from. Statuspage vendors are addressed by their stable page-id host
 * (`<pageid>.statuspage.io`), which survives vanity-domain moves (sources.md §3.1, §3.5).
 */
import type { SourceType } from './model.js';

export interface SourceDef {
  readonly id: string;
  readonly type: SourceType;
  readonly name: string;
  /** For `statuspage`: the page URL (summary.json is fetched under it) or a direct `.json` URL. */
  readonly url: string;
  readonly pollIntervalSeconds: number | null;
}

/** How a service draws on one source: all of it, or only some components / Microsoft services. */
export interface ServiceSourceRef {
  readonly source: string;
  /** Statuspage component ids or names (case-insensitive). */
  readonly components?: readonly string[];
  /** Microsoft service names as Graph / the org feed / the consumer list name them, e.g. "Exchange Online". */
  readonly msServices?: readonly string[];
}

export interface ServiceDef {
  readonly id: string;
  readonly name: string;
  readonly sources: readonly ServiceSourceRef[];
  /** What a person can use meanwhile ("use another channel"). */
  readonly fallback: string | null;
}

export const ORG_FEED_SOURCE_ID = 'org-feed';
export const MICROSOFT_PUBLIC_SOURCE_ID = 'microsoft-public';

const statuspage = (id: string, name: string, pageId: string): SourceDef => ({
  id,
  type: 'statuspage',
  name,
  url: `https://${pageId}.statuspage.io`,
  pollIntervalSeconds: null,
});

export const CATALOG_SOURCES: readonly SourceDef[] = [
  {
    id: MICROSOFT_PUBLIC_SOURCE_ID,
    type: 'microsoft-public',
    name: 'Microsoft 365 public status',
    url: 'https://status.cloud.microsoft/api/posts/mac',
    pollIntervalSeconds: null,
  },
  {
    id: 'microsoft-consumer',
    type: 'microsoft-public',
    name: 'Microsoft consumer services status',
    url: 'https://status.cloud.microsoft/api/posts/m365Consumer',
    pollIntervalSeconds: null,
  },
  statuspage('zoom', 'Zoom', '14qjgk812kgk'),
  statuspage('github', 'GitHub', 'kctbh9vrtdwd'),
  statuspage('dropbox', 'Dropbox', 't34htyd6jblf'),
  statuspage('box', 'Box', '208q92hckwws'),
  statuspage('cloudflare', 'Cloudflare', 'yh6f0r4529hb'),
  statuspage('jira', 'Jira', '7yh3h3y0c0x1'),
  statuspage('confluence', 'Confluence', '4g2my7tbhjsq'),
  statuspage('trello', 'Trello', 'h5frqhb041yq'),
  statuspage('bitbucket', 'Bitbucket', 'bqlf8qjztdtr'),
  statuspage('duo', 'Duo Security', 'qrxf5mzbrsxw'),
  statuspage('1password', '1Password', 'z5s8xghvb0vf'),
  statuspage('lastpass', 'LastPass', 'ytnz8gj3wjpg'),
  statuspage('asana', 'Asana', 'w58858w0sjxx'),
  statuspage('notion', 'Notion', 'kgl53swp0yg1'),
  statuspage('figma', 'Figma', 'rxpksf93ynw6'),
  statuspage('hubspot', 'HubSpot', '8b9w1wwq3g7d'),
  statuspage('twilio', 'Twilio', 'gpkpyklzq55q'),
  statuspage('discord', 'Discord', 'srhpyqt94yxb'),
];

/** Microsoft 365 services read the public signal and, when configured, the organization's feed. */
const m365 = (id: string, name: string, msServices: readonly string[], fallback: string): ServiceDef => ({
  id,
  name,
  sources: [{ source: MICROSOFT_PUBLIC_SOURCE_ID }, { source: ORG_FEED_SOURCE_ID, msServices }],
  fallback,
});

const vendor = (id: string, name: string, fallback: string | null = null): ServiceDef => ({
  id,
  name,
  sources: [{ source: id }],
  fallback,
});

export const CATALOG_SERVICES: readonly ServiceDef[] = [
  m365('outlook', 'Outlook / Exchange', ['Exchange Online'], 'Outlook on the web (outlook.office.com)'),
  m365('teams', 'Microsoft Teams', ['Microsoft Teams'], 'email or a phone call'),
  m365('sharepoint', 'SharePoint & OneDrive', ['SharePoint Online', 'OneDrive for Business'], 'files synced on this computer'),
  m365('m365', 'Microsoft 365 suite', ['Microsoft 365 suite', 'Identity Service'], 'the desktop apps with files on this computer'),
  {
    id: 'microsoft-consumer',
    name: 'Microsoft consumer services (Outlook.com, OneDrive, Teams Free)',
    sources: [{ source: 'microsoft-consumer' }],
    fallback: null,
  },
  vendor('zoom', 'Zoom', 'Teams or a phone call'),
  vendor('github', 'GitHub'),
  vendor('dropbox', 'Dropbox', 'files synced on this computer'),
  vendor('box', 'Box', 'files synced on this computer'),
  vendor('cloudflare', 'Cloudflare'),
  vendor('jira', 'Jira'),
  vendor('confluence', 'Confluence'),
  vendor('trello', 'Trello'),
  vendor('bitbucket', 'Bitbucket'),
  vendor('duo', 'Duo Security'),
  vendor('1password', '1Password'),
  vendor('lastpass', 'LastPass'),
  vendor('asana', 'Asana'),
  vendor('notion', 'Notion'),
  vendor('figma', 'Figma'),
  vendor('hubspot', 'HubSpot'),
  vendor('twilio', 'Twilio'),
  vendor('discord', 'Discord'),
];

/** Watched when nobody chose otherwise: the services an office worker's day depends on. */
export const DEFAULT_WATCH: readonly string[] = ['outlook', 'teams', 'sharepoint', 'm365'];
