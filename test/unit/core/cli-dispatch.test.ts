/**
 * The installed executable is the tray app and the CLI: what a person or a script typing
 * `outage-radar <command>` gets, in a packaged app and in a development run.
 */
import { describe, expect, it } from 'vitest';
import { launchModeOf, userArguments } from '../../../main/core/cli-dispatch.js';
import { COMMANDS } from '../../../main/cli/usage.js';

const EXE = '/opt/Outage Radar/outage-radar';
const packaged = (...args: string[]) => launchModeOf([EXE, ...args], false);

describe('launchModeOf, packaged app', () => {
  it('starts the tray when started without arguments (autostart, Start menu, Finder)', () => {
    expect(packaged()).toEqual({ kind: 'tray' });
  });

  it.each([...COMMANDS])('runs `%s` headless with every argument', (command) => {
    expect(packaged(command, '--json')).toEqual({ kind: 'cli', args: [command, '--json'] });
  });

  it('runs every command the issue names headless', () => {
    for (const command of ['check', 'diagnose', 'explain', 'report', 'policy', 'relay', 'catalog', 'add-source']) {
      expect(packaged(command).kind, command).toBe('cli');
    }
  });

  it('answers --help and --version as the CLI does', () => {
    for (const flag of ['--help', '-h', '--version', '-v']) expect(packaged(flag)).toEqual({ kind: 'cli', args: [flag] });
  });

  it('keeps explain text and relay options as they were typed', () => {
    expect(packaged('explain', '0x80190001', '--offline')).toEqual({ kind: 'cli', args: ['explain', '0x80190001', '--offline'] });
    expect(packaged('relay', '--tenant', 'contoso.onmicrosoft.com', '--once')).toEqual({ kind: 'cli', args: ['relay', '--tenant', 'contoso.onmicrosoft.com', '--once'] });
  });

  it('starts the tray for the switches the tray itself takes or the OS adds', () => {
    expect(packaged('--config', '/etc/outage-radar/config.json')).toEqual({ kind: 'tray' });
    expect(packaged('--no-sandbox')).toEqual({ kind: 'tray' });
    expect(packaged('-psn_0_1234567')).toEqual({ kind: 'tray' });
    expect(packaged('--user-data-dir=/tmp/x', 'check')).toEqual({ kind: 'tray' });
  });

  it('sends a mistyped command to the CLI, which says so, instead of opening a tray', () => {
    expect(packaged('chek')).toEqual({ kind: 'cli', args: ['chek'] });
  });

  it("serves the CLI's DNS lookup worker, started as `<exe> <command> __lookup-worker`", () => {
    expect(packaged('check', '__lookup-worker')).toEqual({ kind: 'lookup-worker' });
    expect(packaged('__lookup-worker')).toEqual({ kind: 'lookup-worker' });
  });
});

describe('launchModeOf, development run (electron <app> ...)', () => {
  it('skips the switches before the app path and the app path itself', () => {
    expect(userArguments(['/x/electron', '--inspect=0', '--remote-debugging-port=0', 'out/main/main.js', 'check'], true)).toEqual(['check']);
    expect(launchModeOf(['/x/electron', 'out/main/main.js', 'check', '--json'], true)).toEqual({ kind: 'cli', args: ['check', '--json'] });
  });

  it('starts the tray as the end-to-end tests launch it', () => {
    expect(launchModeOf(['/x/electron', '--inspect=0', '--remote-debugging-port=0', '/w/out/main/main.js', '--user-data-dir=/tmp/u', '--no-sandbox'], true)).toEqual({ kind: 'tray' });
    expect(launchModeOf(['/x/electron', '.'], true)).toEqual({ kind: 'tray' });
  });

  it('serves the lookup worker started as `electron <app> __lookup-worker`', () => {
    expect(launchModeOf(['/x/electron', '/w/out/main/main.js', '__lookup-worker'], true)).toEqual({ kind: 'lookup-worker' });
  });
});
