// Runs inside the test's network namespace: a participant's laptop on the same
// Wi-Fi, with no secret. It carries out a plan of HTTP requests and WebSocket
// sessions against one base URL and prints what came back as JSON, for the test
// on the host to judge. Plain JavaScript so it runs with bare `node`.
import { Buffer } from 'node:buffer'
import { request } from 'node:http'
import { createRequire } from 'node:module'
import process from 'node:process'

const [base, planJson, projectRoot] = process.argv.slice(2)
const plan = JSON.parse(planJson)
const WebSocket = createRequire(`${projectRoot}/package.json`)('ws')

function http(step) {
  return new Promise((resolve) => {
    const url = new URL(step.path, base)
    const headers = { ...step.headers }
    let body = null
    if (step.body !== undefined)
      body = Buffer.from(step.body)
    if (step.bodyBytes !== undefined)
      headers['content-length'] = String(step.bodyBytes)
    else if (body)
      headers['content-length'] = String(body.length)
    const req = request({ host: url.hostname, port: url.port, method: step.method ?? 'GET', path: step.rawPath ?? `${url.pathname}${url.search}`, headers, timeout: 15_000 }, (res) => {
      const chunks = []
      let size = 0
      res.on('data', (chunk) => {
        if (size < 4096)
          chunks.push(chunk.subarray(0, 4096 - size))
        size += chunk.length
      })
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('latin1').slice(0, 4096), bytes: size }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', error => resolve({ status: 0, error: error.message }))
    if (step.bodyBytes !== undefined) {
      // A large body sent in 1 MB pieces, stopping as soon as the server answers or hangs up.
      const piece = Buffer.alloc(1024 * 1024, 97)
      let sent = 0
      const pump = () => {
        while (sent < step.bodyBytes) {
          sent += piece.length
          if (!req.write(piece))
            return req.once('drain', pump)
        }
        req.end()
      }
      req.on('response', () => req.destroy())
      pump()
    }
    else {
      req.end(body ?? undefined)
    }
  })
}

function socket(step) {
  return new Promise((resolve) => {
    const url = new URL(step.path ?? '/api/ws', base.replace(/^http/, 'ws'))
    const ws = new WebSocket(url, { headers: step.headers ?? {} })
    const received = []
    let status = null
    const finish = () => {
      try {
        ws.terminate()
      }
      catch {}
      resolve({ opened: status === 101, status, received })
    }
    ws.on('upgrade', res => status = res.statusCode)
    ws.on('unexpected-response', (_req, res) => {
      status = res.statusCode
      finish()
    })
    ws.on('error', () => finish())
    ws.on('message', data => received.push(JSON.parse(String(data))))
    ws.on('open', async () => {
      for (const message of step.send ?? []) {
        ws.send(JSON.stringify(message))
        await new Promise(r => setTimeout(r, step.gapMs ?? 150))
      }
      setTimeout(finish, step.waitMs ?? 500)
    })
  })
}

/** Many phones at once from this one address: each says hello and keeps its socket open until all have answered. */
async function crowd(step) {
  const sockets = []
  const replies = await Promise.all(Array.from({ length: step.count }, (_, i) => new Promise((resolve) => {
    const ws = new WebSocket(new URL('/api/ws', base.replace(/^http/, 'ws')))
    sockets.push(ws)
    ws.on('error', () => resolve({ type: 'socket-error' }))
    ws.on('open', () => setTimeout(() => ws.send(JSON.stringify({ type: 'hello' })), i * 50))
    ws.on('message', (data) => {
      const message = JSON.parse(String(data))
      if (message.type === 'welcome' || message.type === 'error')
        resolve(message)
    })
  })))
  for (const ws of sockets)
    ws.terminate()
  return replies
}

async function main() {
  const results = []
  for (const step of plan)
    results.push(step.kind === 'ws' ? await socket(step) : step.kind === 'crowd' ? await crowd(step) : await http(step))
  process.stdout.write(JSON.stringify(results))
}

main()
