/**
 * `npm run rehearse -- --people 30`: fill a running room with simulated
 * participants so a facilitator can rehearse alone and see every slide with
 * live data. Runs until Ctrl-C, at most --minutes.
 */
import type { PublicPoll } from '../core/protocol'
import type { ExerciseConnection, RoomConnection } from '../room-client/connection'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { createRoomConnection } from '../room-client/connection'
import { NodeSocket } from './lib/ws'
import { hash, mulberry32, NICKNAMES, plausibleAnswer, thinkingTimeMs } from './rehearse/answers'
import { plausibleCommitment, plausibleSubmission } from './rehearse/exercise'

const USAGE = `Usage: npm run rehearse -- [options]

  --url <url>        the running room (the address \`npm start\` printed) (default http://127.0.0.1:3030)
  --people <n>       simulated participants (default 30, at most 500)
  --minutes <n>      stop after this long (default 90)
  --change <0..1>    share of people who change their answer once (default 0.15)
  --seed <n>         same seed, same people and answers (default 1)
  -h, --help

Each simulated phone joins with a nickname, answers every poll the presenter
opens after a human-like pause (choices weighted, scales around the middle,
estimates spread around a believable guess, words about asking for help,
short open texts), and some change their answer. When the presenter starts
the ask/offer exercise they write an ask and offers with topic tags (about one
in ten passes), follow their pairs through the rounds, and save a commitment
when that phase opens (about one in five shares it). Stop with Ctrl-C.

Joining: every simulated phone comes from this machine's address, and the
room lets one address hold only a few phones (4 by default), so start it
with \`npm start -- --max-per-address 0\` to rehearse. It also lets at most
30 new participants in at once from one address, then about 6 a minute:
with more than 28 people the rest join one every 11 s (a room of 60 is full
after about 6 minutes). The room issues each phone its identity, so every
rehearsal joins as new people; the seed fixes their names and answers.`

interface Person {
  name: string
  conn: RoomConnection & ExerciseConnection
  /** Exercise phases this person has already acted in, per run. */
  didExercise: Set<string>
  random: () => number
  answered: Set<string>
  changes: boolean
  timers: Set<ReturnType<typeof setTimeout>>
}

function options() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:3030' },
      people: { type: 'string', default: '30' },
      minutes: { type: 'string', default: '90' },
      change: { type: 'string', default: '0.15' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  const people = Number(values.people)
  const minutes = Number(values.minutes)
  const change = Number(values.change)
  const seed = Number(values.seed)
  if (!Number.isInteger(people) || people < 1 || people > 500)
    throw new Error(`--people must be a whole number from 1 to 500.\n\n${USAGE}`)
  if (!(minutes > 0 && minutes <= 24 * 60))
    throw new Error(`--minutes must be between 0 and 1440.\n\n${USAGE}`)
  if (!(change >= 0 && change <= 1))
    throw new Error(`--change must be between 0 and 1.\n\n${USAGE}`)
  let url: URL
  try {
    url = new URL(values.url)
  }
  catch {
    throw new Error(`--url is not a URL: ${values.url}\n\n${USAGE}`)
  }
  return { help: values.help ?? false, url: url.origin, people, minutes, change, seed: Number.isFinite(seed) ? seed : 1 }
}

async function main(): Promise<void> {
  const o = options()
  if (o.help) {
    console.log(USAGE)
    return
  }
  const health = await fetch(`${o.url}/api/health`).catch(() => null)
  if (!health?.ok)
    throw new Error(`No room answers at ${o.url}. Start the workshop first (npm start) and pass the address it prints with --url.`)

  const crowd: Person[] = []
  let warnedCap = false
  const later = (person: Person, fn: () => void, ms: number): void => {
    const t = setTimeout(() => {
      person.timers.delete(t)
      fn()
    }, ms)
    person.timers.add(t)
  }

  function answer(person: Person, current: PublicPoll): void {
    const key = `${current.poll.id}#${current.round}`
    if (person.answered.has(key))
      return
    person.answered.add(key)
    later(person, () => {
      const now = person.conn.state.current
      if (now?.poll.id !== current.poll.id || now.status !== 'open')
        return
      person.conn.vote(current.poll.id, plausibleAnswer(current.poll, person.random))
      if (person.changes) {
        later(person, () => {
          const still = person.conn.state.current
          if (still?.poll.id === current.poll.id && still.status === 'open')
            person.conn.vote(current.poll.id, plausibleAnswer(current.poll, person.random))
        }, 5000 + person.random() * 15_000)
      }
    }, thinkingTimeMs(person.random))
  }

  function join(i: number): void {
    const random = mulberry32(hash(`${o.seed}:${i}`))
    const name = `${NICKNAMES[i % NICKNAMES.length]}${i >= NICKNAMES.length ? ` ${Math.floor(i / NICKNAMES.length) + 1}` : ''}`
    const conn = createRoomConnection({
      url: o.url,
      WebSocket: NodeSocket,
      // No identity: the room issues one on the first welcome and the connection keeps it for reconnects.
      role: { kind: 'participant', nickname: name },
    })
    const person: Person = { name, conn, random, answered: new Set(), didExercise: new Set(), changes: random() < o.change, timers: new Set() }
    conn.on('poll', ({ current, myAnswer }) => {
      if (current?.status === 'open' && myAnswer === null)
        answer(person, current)
    })
    conn.on('exercise', (view) => {
      if (!view)
        return
      const key = `${view.run}:${view.clock.phase}`
      if (view.clock.phase === 'prepare' && view.editable && !view.submission && !person.didExercise.has(key)) {
        person.didExercise.add(key)
        later(person, () => conn.submitExercise(plausibleSubmission(random)), 5000 + random() * 40_000)
      }
      if (view.clock.phase === 'commitment' && !view.commitment && !person.didExercise.has(key)) {
        person.didExercise.add(key)
        const { commitment, shared } = plausibleCommitment(random)
        later(person, () => conn.commitExercise(commitment, shared), 5000 + random() * 30_000)
      }
    })
    conn.on('error', (error) => {
      if (error.code === 'rate-limited' && error.requestId === undefined)
        console.log(`  ${name}: the room is holding back new joiners; retrying`)
      if (error.code === 'too-many-phones' && !warnedCap) {
        warnedCap = true
        console.log(`  The room refuses more phones from this machine's address. Restart it with \`npm start -- --max-per-address 0\` to rehearse with ${o.people} people; retrying meanwhile.`)
      }
    })
    crowd.push(person)
  }

  console.log(`Rehearsing with ${o.people} people at ${o.url} for up to ${o.minutes} minutes. Ctrl-C to stop.`)
  // The first 28 trickle in over ~10 s (under the room's burst of 30 new ids), the rest one per 11 s.
  const schedule: Array<ReturnType<typeof setTimeout>> = []
  for (let i = 0; i < o.people; i++) {
    const at = i < 28 ? i * 350 : 28 * 350 + (i - 27) * 11_000
    schedule.push(setTimeout(join, at, i))
  }
  if (o.people > 28)
    console.log(`  Joining is staggered: everyone is in after about ${Math.ceil((28 * 350 + (o.people - 27) * 11_000) / 60_000)} minutes.`)

  const status = setInterval(() => {
    const online = crowd.filter(p => p.conn.state.status === 'open').length
    const current = crowd[0]?.conn.state.current
    const answeredNow = current ? crowd.filter(p => p.conn.state.myAnswer !== null).length : 0
    console.log(`  ${online}/${o.people} connected${current ? `; "${current.poll.question.slice(0, 50)}" (${current.status}): ${answeredNow} answered` : '; no poll yet'}`)
  }, 30_000)

  let stopped = false
  const stop = (why: string): void => {
    if (stopped)
      process.exit(1)
    stopped = true
    console.log(`\n${why}; closing ${crowd.length} connections.`)
    clearInterval(status)
    schedule.forEach(clearTimeout)
    for (const person of crowd) {
      person.timers.forEach(clearTimeout)
      person.conn.close()
    }
    setTimeout(() => process.exit(0), 500)
  }
  process.on('SIGINT', () => stop('Stopped'))
  process.on('SIGTERM', () => stop('Stopped'))
  setTimeout(stop, o.minutes * 60_000, `${o.minutes} minutes are up`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
