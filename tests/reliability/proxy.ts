import type { AddressInfo, Server, Socket } from 'node:net'
import { connect, createServer } from 'node:net'

/**
 * A TCP proxy on loopback between phones and the room, to play a flaky
 * Wi-Fi: `cut()` drops every link and refuses new ones (the access point is
 * gone), `stall()` stops forwarding without closing anything (packets go
 * nowhere, TCP keeps retrying), `restore()` brings it back.
 */
export class FlakyProxy {
  private server: Server | null = null
  private readonly links = new Set<{ client: Socket, upstream: Socket }>()
  private mode: 'up' | 'down' | 'stalled' = 'up'
  port = 0

  constructor(private readonly targetPort: number) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      client.on('error', () => {})
      if (this.mode === 'down') {
        client.destroy()
        return
      }
      const upstream = connect(this.targetPort, '127.0.0.1')
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
      const link = { client, upstream }
      this.links.add(link)
      const drop = (): void => {
        this.links.delete(link)
        client.destroy()
        upstream.destroy()
      }
      client.on('close', drop)
      upstream.on('close', drop)
      client.pipe(upstream)
      upstream.pipe(client)
      if (this.mode === 'stalled') {
        client.pause()
        upstream.pause()
      }
    })
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get open(): number {
    return this.links.size
  }

  cut(): void {
    this.mode = 'down'
    for (const { client, upstream } of this.links) {
      client.destroy()
      upstream.destroy()
    }
    this.links.clear()
  }

  stall(): void {
    this.mode = 'stalled'
    for (const { client, upstream } of this.links) {
      client.unpipe(upstream)
      upstream.unpipe(client)
      client.pause()
      upstream.pause()
    }
  }

  restore(): void {
    const wasStalled = this.mode === 'stalled'
    this.mode = 'up'
    if (!wasStalled)
      return
    for (const { client, upstream } of this.links) {
      client.pipe(upstream)
      upstream.pipe(client)
      client.resume()
      upstream.resume()
    }
  }

  async close(): Promise<void> {
    this.cut()
    await new Promise<void>(resolve => this.server?.close(() => resolve()) ?? resolve())
  }
}
