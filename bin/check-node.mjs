// Stops a command at once, with one line, when Node is older than the
// project's floor ("engines" in package.json). Plain JavaScript with no
// imports from node_modules, so it runs on any Node a facilitator might have,
// before anything that would crash on an old one is loaded.
import { readFileSync } from 'node:fs'
import process from 'node:process'
import { pathToFileURL } from 'node:url'

/** `[major, minor, patch]` of "v24.1.0" or "24.1.0". */
export function parseVersion(text) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim())
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i])
      return a[i] - b[i]
  }
  return 0
}

/**
 * Whether `version` meets `range`, a `||` list of `^X.Y.Z` (same major, at
 * least X.Y.Z) and `>=X.Y.Z` terms: the only forms package.json uses here.
 */
export function satisfies(version, range) {
  const found = parseVersion(version)
  if (!found)
    return false
  return range.split('||').some((term) => {
    const text = term.trim()
    const floor = parseVersion(text.replace(/^(\^|>=)/, ''))
    if (!floor)
      throw new Error(`Unsupported engines range: ${text}`)
    if (text.startsWith('^'))
      return found[0] === floor[0] && compare(found, floor) >= 0
    if (text.startsWith('>='))
      return compare(found, floor) >= 0
    return compare(found, floor) === 0
  })
}

/** "^22.22.2 || >=26.0.0" as a person says it: "22.22.2 or a later 22.x, or 26.0.0 or later". */
export function describeRange(range) {
  const terms = range.split('||').map(term => term.trim()).map(term => term.startsWith('^')
    ? `${term.slice(1)} or a later ${term.slice(1).split('.')[0]}.x`
    : term.startsWith('>=') ? `${term.slice(2)} or later` : term)
  return terms.length > 1 ? `${terms.slice(0, -1).join(', ')}, or ${terms.at(-1)}` : terms[0]
}

/** One line for a Node that does not meet `range`, or null when it does. */
export function nodeVersionProblem(version, range) {
  if (satisfies(version, range))
    return null
  return `This workshop kit needs Node ${describeRange(range)}; this is Node ${version.replace(/^v/, '')}. Install Node 24 LTS from nodejs.org, or run \`source bin/pinned-node.sh\` in this shell.`
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  const problem = nodeVersionProblem(process.version, engines.node)
  if (problem) {
    console.error(problem)
    process.exit(1)
  }
}
