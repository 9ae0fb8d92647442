/**
 * Ladder step 0: does this computer have a network at all? The Electron shell injects
 * `net.isOnline()` (Chromium's view; `false` is a strong signal, `true` is inconclusive). Without
 * it we look at the interfaces: an interface other than loopback with a routable address.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { LinkState } from '../../core/verdict/connectivity-model.js';
import { probeWords, said } from './step.js';

export interface LinkProbeOptions {
  /** Electron's `net.isOnline`; wins over the interface list when given. */
  readonly isOnline?: () => boolean;
  /** Defaults to os.networkInterfaces (a parameter so that callers can pass a snapshot they already took). */
  readonly interfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
}

/** Reads the link state. Never throws: an unreadable state is `online: null`. */
export function probeLink(options: LinkProbeOptions = {}): LinkState {
  if (options.isOnline) {
    try {
      return options.isOnline()
        ? { online: true, ...said(probeWords('probe.detail.linkSystemUp')) }
        : { online: false, ...said(probeWords('probe.detail.linkSystemDown')) };
    } catch (error) {
      return { online: null, ...said(probeWords('probe.detail.linkAskFailed', { error: error instanceof Error ? error.message : String(error) })) };
    }
  }
  let table: NodeJS.Dict<NetworkInterfaceInfo[]>;
  try {
    table = (options.interfaces ?? networkInterfaces)();
  } catch (error) {
    return { online: null, ...said(probeWords('probe.detail.linkListFailed', { error: error instanceof Error ? error.message : String(error) })) };
  }
  const usable = Object.entries(table)
    .filter(([, addresses]) => (addresses ?? []).some(isUsable))
    .map(([name]) => name);
  if (usable.length === 0) return { online: false, ...said(probeWords('probe.detail.linkNone')) };
  return { online: true, ...said(probeWords('probe.detail.linkThrough', { interfaces: usable.join(', ') })) };
}

// Link-local addresses (169.254/16 when DHCP gave nothing, fe80::/10) exist on unconnected links too.
function isUsable(info: NetworkInterfaceInfo): boolean {
  if (info.internal) return false;
  if (info.family === 'IPv4') return !info.address.startsWith('169.254.');
  return !/^fe[89ab]/i.test(info.address);
}
