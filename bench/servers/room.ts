/**
 * The room server alone in its own process, for the benchmarks:
 *
 *   tsx bench/servers/room.ts '<RoomServerOptions as JSON>' [port]
 *
 * Prints `READY <port>` once listening on 127.0.0.1. Options are explicit
 * (the benchmark raises `newParticipantRate` and `maxPerAddress`: thousands of
 * simulated phones share one loopback address); the defaults in room/ are not touched.
 */
import type { RoomServerOptions } from '../../room/server'
import { createServer } from 'node:http'
import process from 'node:process'
import { buildPhonePage } from '../../phone/build'
import { createRoomServer } from '../../room/server'

const options = JSON.parse(process.argv[2] ?? '{}') as RoomServerOptions
const port = Number(process.argv[3] ?? 0)
const room = createRoomServer({ phonePage: buildPhonePage, ...options })
const server = createServer((req, res) => room.handle(req, res, () => {
  res.statusCode = 404
  res.end()
}))
room.attach(server)
// Thousands of sockets connect at once; the default backlog (511) would refuse some.
server.listen({ port, host: '127.0.0.1', backlog: 8192 }, () => {
  const address = server.address()
  console.log(`READY ${address && typeof address === 'object' ? address.port : port}`)
})

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping)
      process.exit(1)
    stopping = true
    server.close()
    server.closeAllConnections()
    void room.close().then(() => process.exit(0))
  })
}
