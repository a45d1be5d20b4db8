import type { SocketLike } from '../../room-client/connection'

/**
 * A stand-in for the browser's WebSocket, for room-client unit tests that
 * drive the connection by hand (open, receive, drop) under fake timers. The
 * client is tested against real sockets in tests/integration as well.
 */
export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = []
  readyState = 0
  sent: Array<Record<string, unknown>> = []
  closed = false
  onopen: ((event: unknown) => void) | null = null
  onclose: ((event: unknown) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }

  /** The socket the client made last. */
  static last(): FakeSocket {
    return FakeSocket.all.at(-1)!
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>)
  }

  close(): void {
    this.closed = true
    this.readyState = 3
  }

  open(): void {
    this.readyState = 1
    this.onopen?.({})
  }

  receive(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) })
  }

  drop(): void {
    this.readyState = 3
    this.onclose?.({})
  }

  types(): unknown[] {
    return this.sent.map(m => m.type)
  }

  /** Request ids of the votes sent, in order (resends repeat). */
  votes(): unknown[] {
    return this.sent.filter(m => m.type === 'vote').map(m => m.requestId)
  }
}
