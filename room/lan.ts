import type { NetworkInterfaceInfo } from 'node:os'

export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>

// Bridges and tunnels that phones on the room's Wi-Fi cannot reach.
const VIRTUAL = /^(?:docker|br-|veth|virbr|vmnet|vboxnet|utun|tun|tap|zt|tailscale|wg|lo)/i

function isPrivate(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number)
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)
}

/**
 * Every IPv4 address phones on the local network might reach, best first:
 * private ranges on physical-looking interfaces, then other private ones,
 * then the rest. Loopback and link-local (169.254/16) are left out.
 * Pass `os.networkInterfaces()`.
 */
export function lanAddresses(interfaces: Interfaces): string[] {
  const found: Array<{ ip: string, score: number, order: number }> = []
  let order = 0
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      // Node 18.0-18.3 reported family as a number.
      const family = info.family as string | number
      if ((family !== 'IPv4' && family !== 4) || info.internal || info.address.startsWith('169.254.'))
        continue
      const score = (isPrivate(info.address) ? 2 : 0) + (VIRTUAL.test(name) ? 0 : 1)
      found.push({ ip: info.address, score, order: order++ })
    }
  }
  return found.sort((a, b) => b.score - a.score || a.order - b.order).map(f => f.ip)
}

/** The best LAN IPv4 address, or null when the machine has none (offline, loopback only). */
export function lanAddress(interfaces: Interfaces): string | null {
  return lanAddresses(interfaces)[0] ?? null
}
