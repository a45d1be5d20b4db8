import type { PublicPoll, ServerMessage } from '../core/protocol'

/**
 * Defensive parsing of server frames, small enough for the phone bundle
 * (the valibot schemas would add ~3 KB gzipped). Checks the `type` and the
 * fields the clients actually read; anything else is dropped (`null`).
 */

type Obj = Record<string, unknown>

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x)
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)
const isStr = (x: unknown): x is string => typeof x === 'string'
const isStrArray = (x: unknown): x is string[] => Array.isArray(x) && x.every(isStr)

function isPollDefinition(p: unknown): boolean {
  if (!isObj(p) || !isStr(p.id) || !isStr(p.question))
    return false
  switch (p.kind) {
    case 'choice':
    case 'multi':
      return isStrArray(p.options)
    case 'scale':
      return isNum(p.min) && isNum(p.max) && isStr(p.minLabel) && isStr(p.maxLabel)
    case 'estimate':
      return isNum(p.min) && isNum(p.max) && (p.unit === undefined || isStr(p.unit))
    case 'words':
      return isNum(p.maxWords)
    case 'text':
      return isNum(p.maxLength)
    default:
      return false
  }
}

export function isPublicPoll(x: unknown): x is PublicPoll {
  return isObj(x) && isPollDefinition(x.poll) && isNum(x.round) && (x.status === 'open' || x.status === 'closed')
}

/** The run and its clock, which every exercise view carries. */
function isExercise(x: unknown): boolean {
  if (!isObj(x) || !isNum(x.run) || !isStr(x.exerciseId) || !isNum(x.variant) || !isObj(x.clock))
    return false
  const t = x.clock.timeline
  return isStr(x.clock.phase) && isNum(x.clock.remainingMs) && isObj(t) && isStr(t.phase) && isNum(t.round) && isNum(t.stepIndex) && isNum(t.extraSeconds)
}

const isAnswer = (x: unknown): boolean => x === null || isNum(x) || isStr(x) || (Array.isArray(x) && x.every(i => isNum(i) || isStr(i)))
const isCurrent = (x: unknown): boolean => x === null || isPublicPoll(x)
const isOptionalFlag = (x: unknown): boolean => x === undefined || typeof x === 'boolean'
const isStorageProblem = (x: unknown): boolean => isObj(x) && isStr(x.path) && isStr(x.code) && isStr(x.cause) && isStr(x.advice) && isNum(x.since)
const isIntegrity = (x: unknown): boolean => isObj(x) && Array.isArray(x.crowded) && x.crowded.every(isNum) && isNum(x.crowdedAt) && isNum(x.maxPerAddress) && isNum(x.refusedAddresses)

// A Map, not an object: no inherited keys such as "toString", and no need
// for `Object.hasOwn`, which iOS Safari < 15.4 lacks.
const checks = new Map<string, (m: Obj) => boolean>([
  ['welcome', m => isStr(m.participantId) && (m.token === undefined || isStr(m.token)) && isCurrent(m.current) && isAnswer(m.myAnswer ?? null) && isOptionalFlag(m.answeredBeforeReset)],
  ['poll', m => isCurrent(m.current) && isAnswer(m.myAnswer ?? null) && isOptionalFlag(m.answeredBeforeReset)],
  ['ack', m => isStr(m.requestId)],
  ['error', m => isStr(m.code) && isStr(m.message) && (m.requestId === undefined || isStr(m.requestId))],
  ['results', m => Array.isArray(m.polls) && isNum(m.participants) && (m.integrity === undefined || isIntegrity(m.integrity))],
  ['room', m => isNum(m.participants)],
  ['pong', () => true],
  ['storage', m => m.ok === true || (m.ok === false && isStorageProblem(m.problem))],
  ['slide', m => isNum(m.page) && isNum(m.clicks)],
  ['exercise', m => isNum(m.serverTime) && (m.exercise === null || isExercise(m.exercise))],
  ['exercise-screen', m => isNum(m.serverTime) && (m.exercise === null || (isExercise(m.exercise) && isObj((m.exercise as Obj).counts) && Array.isArray((m.exercise as Obj).tokens)))],
] satisfies Array<[ServerMessage['type'], (m: Obj) => boolean]>)

/** Parse one frame from the server, or `null` for anything unexpected. */
export function parseServerMessage(raw: unknown): ServerMessage | null {
  if (typeof raw !== 'string')
    return null
  let data: unknown
  try {
    data = JSON.parse(raw)
  }
  catch {
    return null
  }
  const check = isObj(data) && isStr(data.type) ? checks.get(data.type) : undefined
  if (!check?.(data as Obj))
    return null
  const message = data as Obj
  if ((message.type === 'welcome' || message.type === 'poll') && message.myAnswer === undefined)
    message.myAnswer = null
  // The checks above cover every field the clients read.
  return message as unknown as ServerMessage
}
