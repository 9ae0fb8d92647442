/**
 * Matching a person's text to knowledge-base entries: forgiving about how a code is written and
 * what surrounds it, strict about ranking (exact codes above phrases; a bare enhanced code means
 * the common reply code; the reply code decides when present).
 */
import { describe, expect, it } from 'vitest';
import { codesIn, matchKnowledge, suggestKnowledge } from '../../../main/core/knowledge/match.js';

const ids = (text: string): string[] => matchKnowledge(text).map((m) => m.entry.id);
const best = (text: string): string | undefined => ids(text)[0];

/** An Exchange Online non-delivery report as Outlook shows it, pasted whole. */
const BOUNCE_451 = `Delivery has failed to these recipients or groups:

anna.berg@fabrikam.example
The recipient's mailbox is temporarily unavailable. Microsoft Exchange will try to deliver the message again later.

Diagnostic information for administrators:

Generating server: AM6PR04MB5591.eurprd04.prod.outlook.com
Receiving server: 10.4.3.2

Remote Server returned '451 4.3.2 Temporary server error. Please try again later. ATTR5 [AM6PR04MB5591.eurprd04.prod.outlook.com 2026-01-22T14:03:11.000Z 08DE5A1C]'

Original message headers:
Received: from AM6PR04MB5591.eurprd04.prod.outlook.com (2603:10a6:20b:cd::12) by
 AM6PR04MB5591.eurprd04.prod.outlook.com with HTTPS; Thu, 22 Jan 2026 14:02:58 +0000
MIME-Version: 1.0`;

const BOUNCE_5110 = `Your message to sales@contoso.example couldn't be delivered.
sales wasn't found at contoso.example.
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'`;

describe('matching codes however they are written', () => {
  for (const text of ['451 4.3.2', '4.3.2', '451-4.3.2', '"451 4.3.2."', "'451 4.3.2 Temporary server error'", '(4.3.2)', 'Error: 451  4.3.2!', BOUNCE_451]) {
    it(`reads ${JSON.stringify(text.slice(0, 40))} as 451 4.3.2`, () => {
      expect(best(text)).toBe('exo-451-4.3.2');
    });
  }

  for (const text of ['caa70004', 'CAA70004', '0xcaa70004', '0xCAA70004', '"0xCAA70004"', 'Error code: caa70004.', 'We are sorry—we have run into an issue. 0xcaa70004']) {
    it(`reads ${JSON.stringify(text)} as Teams 0xCAA70004`, () => {
      expect(best(text)).toBe('teams-0xcaa70004-proxy');
    });
  }

  it('reads a whole pasted recipient-not-found bounce', () => {
    expect(best(BOUNCE_5110)).toBe('exo-5.1.1-recipient-not-found');
  });

  it('does not read IP addresses or version numbers as enhanced codes', () => {
    expect(codesIn('Receiving server: 10.4.3.2 running 5.1.1.2')).toEqual([]);
    expect(codesIn('451 4.3.2 from 10.4.3.2')).toEqual([{ kind: 'smtp', reply: '451', enhanced: '4.3.2' }]);
  });

  it('finds nothing in text without a known code or phrase', () => {
    expect(ids('the printer on floor 3 is jammed')).toEqual([]);
    expect(ids('')).toEqual([]);
    expect(ids('4.9.9')).toEqual([]);
  });
});

describe('matching phrases forgivingly', () => {
  for (const text of ['Trying to connect…', 'trying to connect', '"Trying to connect..."', 'TRYING TO CONNECT', 'Outlook keeps saying trying to connect!']) {
    it(`reads ${JSON.stringify(text)} as Outlook's "Trying to connect"`, () => {
      expect(best(text)).toBe('outlook-trying-to-connect');
    });
  }

  it('reads symptoms in plain words, with or without apostrophes', () => {
    expect(best("I can't join a meeting")).toBe('symptom-cannot-join-meeting');
    expect(best('cant join a meeting')).toBe('symptom-cannot-join-meeting');
    expect(best("my files won't sync")).toBe('symptom-files-not-syncing');
    expect(best('My emails are stuck in the outbox')).toBe('symptom-outbox-stuck');
    expect(best('Mail is not arriving since this morning')).toBe('symptom-mail-not-arriving');
  });
});

describe('ranking', () => {
  it('puts an exact code above a phrase match, even when the phrase is longer', () => {
    // "trying to connect" is a phrase of another entry; the code decides.
    expect(ids('0xCAA82EE7 while Teams was trying to connect').slice(0, 2)).toEqual(['teams-0xcaa82ee7-dns', 'outlook-trying-to-connect']);
    expect(ids('5.1.8 access denied').slice(0, 2)).toEqual(['exo-5.1.8-bad-sender', 'sharepoint-access-denied']);
  });

  it('ranks 451 4.3.2 first for a bare 4.3.2; 432 4.3.2 wins only when the reply code 432 is present', () => {
    expect(ids('4.3.2').slice(0, 2)).toEqual(['exo-451-4.3.2', 'exo-432-4.3.2']);
    expect(best('432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded')).toBe('exo-432-4.3.2');
    expect(best('432-4.3.2')).toBe('exo-432-4.3.2');
    // The reply code 451 rules the 432 entry out.
    expect(ids('451 4.3.2')).not.toContain('exo-432-4.3.2');
  });

  it('ranks an exact code above a range that also covers it', () => {
    expect(ids('451 4.7.500 Server busy').slice(0, 2)).toEqual(['exo-451-4.7.500', 'exo-4.7.5xx-restricted']);
    expect(best('4.7.650 Access denied, please try again later')).toBe('exo-4.7.5xx-restricted');
    expect(best('4.7.870')).toBe('exo-4.7.5xx-restricted');
    expect(ids('4.7.700')).toEqual([]);
  });
});

describe('suggestions when nothing matched', () => {
  it('offers entries that share words or a code family', () => {
    expect(suggestKnowledge('outlook keeps freezing').map((e) => e.service)).toContain('outlook');
    expect(suggestKnowledge('4.3.9').map((e) => e.id)).toEqual(expect.arrayContaining(['exo-451-4.3.2', 'exo-432-4.3.2']));
  });

  it('falls back to the most common symptoms', () => {
    const suggestions = suggestKnowledge('xyzzy');
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.map((e) => e.id)).toContain('symptom-mail-not-arriving');
  });
});
