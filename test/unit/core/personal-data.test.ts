/**
 * The report's personal data: user name, host name, home folder paths, e-mail and IP addresses are
 * removed wherever they occur in a text, in every spelling, and kept only for the kinds the
 * organization allows.
 */
import { describe, expect, it } from 'vitest';
import { personalDataRedactor, REPORT_INCLUDE_KINDS, type PersonalFacts } from '../../../main/core/helpdesk/personal-data.js';

const WINDOWS: PersonalFacts = { userName: 'jdoe', homeDir: 'C:\\Users\\jdoe', hostName: 'JDOE-LAPTOP' };
const POSIX: PersonalFacts = { userName: 'jdoe', homeDir: '/home/jdoe', hostName: 'jdoe-laptop.corp.contoso.com' };

const redact = (text: string, facts: PersonalFacts = WINDOWS, keep: Parameters<typeof personalDataRedactor>[1] = []): string => personalDataRedactor(facts, keep)(text);

describe('user name', () => {
  it('is removed as a whole word in any case, and only as a whole word', () => {
    expect(redact('JDoe signed in as CONTOSO\\jdoe; jdoe2 and ajdoe are other people')).toBe('[user name] signed in as CONTOSO\\[user name]; jdoe2 and ajdoe are other people');
  });

  it('is removed inside probe errors and pasted text, next to punctuation', () => {
    expect(redact('EACCES: permission denied, user "jdoe" (jdoe).')).toBe('EACCES: permission denied, user "[user name]" ([user name]).');
  });

  it('with spaces and dots in it (Windows display-style names)', () => {
    const facts = { userName: 'John Smith', homeDir: 'C:\\Users\\John Smith', hostName: null };
    expect(redact('C:\\Users\\John Smith\\Desktop\\x.txt opened by john smith', facts)).toBe('[home folder path] opened by [user name]');
    expect(redact('hello john.doe.', { userName: 'john.doe', homeDir: null, hostName: null })).toBe('hello [user name].');
  });
});

describe('home folder paths', () => {
  it('are removed in every Windows spelling, with everything under them', () => {
    const cases = [
      'C:\\Users\\jdoe\\AppData\\Roaming\\Outage Radar\\config.json',
      'c:/users/JDOE/Documents/report.txt',
      'C:\\\\Users\\\\jdoe\\\\AppData\\\\x.json',
      '/c/Users/jdoe/projects',
      'file:///C:/Users/jdoe/Desktop/x.html',
      'C:%5CUsers%5Cjdoe%5Cx',
      'C:\\Users\\jdoe',
    ];
    for (const path of cases) {
      const out = redact(`config at ${path} failed`);
      expect(out, path).not.toMatch(/jdoe|Users%5C|AppData|Documents|Desktop|projects/i);
      expect(out, path).toContain('[home folder path]');
      expect(out, path).toMatch(/^config at .*\[home folder path\] failed$/);
    }
  });

  it('are removed in POSIX form, in JSON and in URLs, but not a neighbour folder', () => {
    expect(redact('{"file":"/home/jdoe/.config/outage-radar/config.json"}', POSIX)).toBe('{"file":"[home folder path]"}');
    expect(redact('cd /home/jdoe; ls /home/jdoe2/x', POSIX)).toBe('cd [home folder path]; ls /home/jdoe2/x');
  });

  it('keeps the path whole when allowed; the user name elsewhere is still removed', () => {
    expect(redact('/home/jdoe/.config/x by jdoe', POSIX, ['homePaths'])).toBe('/home/jdoe/.config/x by [user name]');
    expect(redact('/home/jdoe/.config/x by jdoe', POSIX, ['userName'])).toBe('[home folder path] by jdoe');
  });

  it('a home at the root is no home: paths stay', () => {
    expect(redact('/etc/hosts and /var/log', { userName: null, homeDir: '/', hostName: null })).toBe('/etc/hosts and /var/log');
  });
});

describe('host name', () => {
  it('is removed in any case, as the full name and as its first label', () => {
    expect(redact('connect from jdoe-laptop.corp.contoso.com and JDOE-LAPTOP failed', POSIX)).toBe('connect from [host name] and [host name] failed');
    expect(redact('jdoe-laptop2 is another machine', { ...POSIX, userName: null })).toBe('jdoe-laptop2 is another machine');
  });

  it('"localhost" is everyone\'s and stays', () => {
    expect(redact('localhost refused', { userName: null, homeDir: null, hostName: 'localhost' })).toBe('localhost refused');
  });
});

describe('e-mail addresses', () => {
  it('are removed in any case, also percent-encoded in a URL', () => {
    expect(redact('Write to Jane.Doe+IT@Contoso.co.uk or https://x.example/u?m=jane%40contoso.com now')).toBe(
      'Write to [e-mail address] or https://x.example/u?m=[e-mail address] now',
    );
  });

  it('a very long local part is removed too', () => {
    const address = `${'a'.repeat(100)}@contoso.com`;
    expect(redact(`mail ${address}.`)).toBe('mail [e-mail address].');
  });
});

describe('IP addresses', () => {
  it('private and server addresses are removed, v4 and v6', () => {
    expect(redact('from 10.1.2.3 via 192.168.0.10:8080 to 52.96.0.1')).toBe('from [IP address] via [IP address]:8080 to [IP address]');
    expect(redact('gw fe80::1%eth0, [2001:db8::42]:443, 2001:DB8:0:0:0:0:0:1, ::ffff:10.0.0.1')).toBe('gw [IP address], [[IP address]]:443, [IP address], [IP address]');
  });

  it('the public resolvers and loopback stay, in any v6 spelling', () => {
    const kept = 'dns 1.1.1.1 8.8.8.8 9.9.9.9 208.67.222.222 2606:4700:4700::1111 2001:4860:4860:0:0:0:0:8888 2620:FE::FE 127.0.0.1 ::1';
    expect(redact(kept)).toBe(kept);
  });

  it('times, versions and MAC addresses are not addresses', () => {
    const text = 'at 10:02:00 (UTC+01:00) version 1.2.3 build 10.0.22631 mac aa:bb:cc:dd:ee:ff std::string';
    expect(redact(text)).toBe(text);
  });
});

describe('the redactor', () => {
  it('keeps each kind the organization allows, and only that kind', () => {
    const text = 'jdoe on JDOE-LAPTOP, C:\\Users\\jdoe\\x, jane@contoso.com, 10.0.0.7';
    const everything = redact(text, WINDOWS, REPORT_INCLUDE_KINDS);
    expect(everything).toBe(text);
    expect(redact(text, WINDOWS, ['emailAddresses'])).toBe('[user name] on [host name], [home folder path], jane@contoso.com, [IP address]');
    expect(redact(text, WINDOWS, ['ipAddresses', 'hostName'])).toBe('[user name] on JDOE-LAPTOP, [home folder path], [e-mail address], 10.0.0.7');
    expect(redact('mail jdoe@contoso.com', WINDOWS, ['emailAddresses'])).toBe('mail jdoe@contoso.com');
    expect(redact('mail jdoe@contoso.com', WINDOWS, ['userName'])).toBe('mail [e-mail address]');
  });

  it('counts what it removed, by kind', () => {
    const redactor = personalDataRedactor(WINDOWS, ['ipAddresses']);
    redactor('jdoe and JDOE at 10.0.0.1');
    expect(redactor.found).toEqual({ userName: 2 });
  });

  it('is idempotent, even for a user called "host" or "name"', () => {
    for (const userName of ['host', 'name', 'address', 'user']) {
      const redactor = personalDataRedactor({ userName, homeDir: null, hostName: 'ws-042' }, []);
      const once = redactor(`${userName} on WS-042 at 10.0.0.1 mail a@b.example`);
      expect(once, userName).toBe('[user name] on [host name] at [IP address] mail [e-mail address]');
      expect(redactor(once), userName).toBe(once);
    }
  });

  it('takes linear time on hostile input', () => {
    const hostile = `${'a.'.repeat(50_000)}${'1:'.repeat(20_000)}${'9.'.repeat(30_000)}`;
    expect(redact(hostile).length).toBeGreaterThan(0);
  });
});
