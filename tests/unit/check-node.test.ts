import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { describeRange, nodeVersionProblem, satisfies } from '../../bin/check-node.mjs'

const engines = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } }).engines.node

describe('the Node version check', () => {
  it('accepts the Node lines the kit supports and refuses the rest', () => {
    for (const ok of ['v22.22.2', 'v22.23.5', 'v24.15.0', 'v24.22.3', 'v26.0.0'])
      expect(satisfies(ok, engines), ok).toBe(true)
    for (const old of ['v20.20.2', 'v22.12.0', 'v22.22.1', 'v24.11.0', 'v25.1.0', 'v18.20.8', 'garbage'])
      expect(satisfies(old, engines), old).toBe(false)
  })

  it('reads ^ as "the same major, at least" and >= as "at least"', () => {
    expect(satisfies('v23.0.0', '^22.0.0')).toBe(false)
    expect(satisfies('v22.0.1', '^22.0.0')).toBe(true)
    expect(satisfies('v30.1.0', '>=26.0.0')).toBe(true)
    expect(() => satisfies('v22.0.0', '~22.0.0')).toThrow(/Unsupported/)
  })

  it('says in one line which Node was found, which is needed and how to get it', () => {
    const problem = nodeVersionProblem('v20.20.2', engines)!
    expect(problem).not.toContain('\n')
    expect(problem).toContain('this is Node 20.20.2')
    expect(problem).toContain(describeRange(engines))
    expect(problem).toContain('source bin/pinned-node.sh')
    expect(nodeVersionProblem('v24.22.3', engines)).toBeNull()
  })

  it('describes a range the way a person says it', () => {
    expect(describeRange('^22.22.2 || ^24.15.0 || >=26.0.0')).toBe('22.22.2 or a later 22.x, 24.15.0 or a later 24.x, or 26.0.0 or later')
    expect(describeRange('>=24.0.0')).toBe('24.0.0 or later')
  })
})

describe('the pinned Node for old machines', () => {
  it('meets the floor it is there to provide', () => {
    const script = readFileSync(new URL('../../bin/pinned-node.sh', import.meta.url), 'utf8')
    const pinned = /^pinned_node_default=(\S+)$/m.exec(script)?.[1]
    expect(pinned).toMatch(/^24\.\d+\.\d+$/)
    expect(satisfies(`v${pinned}`, engines)).toBe(true)
  })
})
