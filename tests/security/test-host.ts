import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import process from 'node:process'

/**
 * A second host for attack tests: a network namespace joined to this machine
 * by a veth pair with private test addresses. Traffic from it reaches only
 * this machine's end of the pair; nothing is routed anywhere else.
 */
export interface TestHost {
  /** This machine's address on the pair: where the attacker aims. */
  hostAddress: string
  /** The attacker's own address. */
  guestAddress: string
  /** Runs a command inside the namespace, returning its stdout. */
  run: (command: string, args: string[], timeoutMs?: number) => string
  remove: () => void
}

/** Namespaces need root and iproute2; CI runs as root. */
export function canMakeTestHosts(): boolean {
  return process.getuid?.() === 0 && ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].some(path => existsSync(path))
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] })
}

export function createTestHost(): TestHost {
  const id = process.pid % 10_000
  const name = `wsatk${id}`
  const outside = `wsh${id}`
  const inside = `wsg${id}`
  // 10.213.0.0/16 is ours for these tests; a /30 per run keeps parallel runs apart.
  const third = Math.floor(id / 64) % 256
  const fourth = (id % 64) * 4
  const hostAddress = `10.213.${third}.${fourth + 1}`
  const guestAddress = `10.213.${third}.${fourth + 2}`
  const remove = () => {
    try {
      ip('netns', 'delete', name)
    }
    catch {}
    try {
      ip('link', 'delete', outside)
    }
    catch {}
  }
  remove()
  try {
    ip('netns', 'add', name)
    ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', inside)
    ip('link', 'set', inside, 'netns', name)
    ip('addr', 'add', `${hostAddress}/30`, 'dev', outside)
    ip('link', 'set', outside, 'up')
    ip('netns', 'exec', name, 'ip', 'addr', 'add', `${guestAddress}/30`, 'dev', inside)
    ip('netns', 'exec', name, 'ip', 'link', 'set', inside, 'up')
    ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up')
  }
  catch (error) {
    remove()
    throw error
  }
  return {
    hostAddress,
    guestAddress,
    run(command, args, timeoutMs = 60_000) {
      return execFileSync('ip', ['netns', 'exec', name, command, ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 })
    },
    remove,
  }
}
