import { describe, expect, it } from 'vitest';
import { parseNcsiRegistry, parseRegQuery, readNcsiRegistry } from '../../../main/node/probes/ncsi-registry.js';

// Shape of `reg query ... /reg:64` output as enterprise.md A3 describes it (CRLF, 4-space columns).
const stock = [
  '',
  'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\NlaSvc\\Parameters\\Internet',
  '    ActiveDnsProbeContent    REG_SZ    131.107.255.255',
  '    ActiveDnsProbeContentV6    REG_SZ    fd3e:4f5a:5b81::1',
  '    ActiveDnsProbeHost    REG_SZ    dns.msftncsi.com',
  '    ActiveWebProbeContent    REG_SZ    Microsoft Connect Test',
  '    ActiveWebProbeHost    REG_SZ    www.msftconnecttest.com',
  '    ActiveWebProbePath    REG_SZ    connecttest.txt',
  '    EnableActiveProbing    REG_DWORD    0x1',
  '    PassivePollPeriod    REG_DWORD    0xf',
  '    StaleThreshold    REG_DWORD    0x1e',
  '    WebTimeout    REG_DWORD    0x23',
  '',
].join('\r\n');

describe('NCSI registry parser', () => {
  it('reads the web probe values of a stock Windows 11', () => {
    expect(parseNcsiRegistry(stock)).toEqual({
      webProbeHost: 'www.msftconnecttest.com',
      webProbePath: 'connecttest.txt',
      webProbeContent: 'Microsoft Connect Test',
      activeProbingEnabled: true,
      webTimeoutSeconds: 35,
    });
  });

  it('reads an enterprise override and a disabled active probe', () => {
    const custom = stock
      .replace('www.msftconnecttest.com', 'ncsi.contoso.com')
      .replace('Microsoft Connect Test', 'Contoso NCSI OK')
      .replace('EnableActiveProbing    REG_DWORD    0x1', 'EnableActiveProbing    REG_DWORD    0x0');
    expect(parseNcsiRegistry(custom)).toMatchObject({ webProbeHost: 'ncsi.contoso.com', webProbeContent: 'Contoso NCSI OK', activeProbingEnabled: false });
  });

  it('keeps spaces inside values and names, and treats an empty string as not set', () => {
    const values = parseRegQuery('HKEY_X\n    Some Name    REG_SZ    a  b    c\n    Empty    REG_SZ    \n');
    expect(values.get('some name')).toEqual({ type: 'REG_SZ', data: 'a  b    c' });
    expect(parseNcsiRegistry('HKEY_X\r\n    ActiveWebProbeHost    REG_SZ    \r\n    ActiveWebProbePath    REG_SZ    x.txt\r\n')).toMatchObject({ webProbeHost: null, webProbePath: 'x.txt' });
  });

  it('returns null for an error, an empty key, and garbage', () => {
    expect(parseNcsiRegistry('ERROR: The system was unable to find the specified registry key or value.\r\n')).toBeNull();
    expect(parseNcsiRegistry('ERROR: Registry editing has been disabled by your administrator.\r\n')).toBeNull();
    expect(parseNcsiRegistry('HKEY_LOCAL_MACHINE\\SYSTEM\\X\r\n')).toBeNull();
    expect(parseNcsiRegistry('\u0000\u0001 not reg output at all __proto__ REG_SZ')).toBeNull();
  });

  it('ignores values of the wrong type instead of misreading them', () => {
    expect(parseNcsiRegistry('HKEY_X\n    ActiveWebProbeHost    REG_DWORD    0x1\n    WebTimeout    REG_SZ    35\n')).toBeNull();
  });
});

describe('NCSI registry reader', () => {
  it('does nothing and returns null off Windows', async () => {
    expect(await readNcsiRegistry({ platform: 'linux' })).toBeNull();
    if (process.platform !== 'win32') expect(await readNcsiRegistry()).toBeNull();
  });
});
