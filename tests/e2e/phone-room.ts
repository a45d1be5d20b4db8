import type { Browser, BrowserContext, Page } from 'playwright-chromium'
import type { ControlAction } from '../../core/protocol'
import type { RoomConnection } from '../../room-client/connection'
import type { RoomServer, RoomServerOptions } from '../../room/server'
import { expect } from 'vitest'
import { WebSocket } from 'ws'
import { buildPhonePage } from '../../phone/build'
import { createRoomConnection } from '../../room-client/connection'
import { startTestRoom } from '../../room/testing'

/** The room and phones the phone-page tests share: a real server, the real page, real Chromium. */

export const SECRET = 'e2e-secret'

export interface PhoneRoom {
  origin: string
  room: RoomServer
  /** What the presenter's laptop does: a control message with the secret, over the socket. */
  control: (action: ControlAction) => Promise<void>
  votes: (pollId: string, round?: number) => Array<{ participantId: string, value: string }>
  stop: () => Promise<void>
}

/** A real room server with the real phone page, on a random port and a fresh SQLite file. */
export async function startRoom(options: Partial<RoomServerOptions> = {}): Promise<PhoneRoom> {
  // Every phone (browser context) comes from 127.0.0.1; the default cap is 4 live identities per address.
  const test = await startTestRoom({ secret: SECRET, phonePage: buildPhonePage, maxPerAddress: 0, ...options })
  const { server: room, baseUrl: origin } = test
  const screen: RoomConnection = createRoomConnection({ url: origin, role: { kind: 'screen', secret: SECRET }, WebSocket })

  async function control(action: ControlAction): Promise<void> {
    if (screen.state.status !== 'open')
      await new Promise<void>(resolve => screen.on('status', s => s === 'open' && resolve()))
    const requestId = screen.control(action)
    expect(requestId).not.toBeNull()
    await new Promise<void>((resolve, reject) => {
      screen.on('ack', a => a.requestId === requestId && resolve())
      screen.on('error', e => e.requestId === requestId && reject(new Error(e.message)))
    })
  }

  return {
    origin,
    room,
    control,
    votes: (pollId, round = 1) => room.storage.roundVotes(room.room.session, pollId, round).map(v => ({ participantId: v.participantId, value: v.value })),
    async stop() {
      screen.close()
      await test.dispose()
    },
  }
}

/** A phone: its own browser context (own storage, own identity), 390 x 844 unless told. */
export async function newPhone(browser: Browser, viewport = { width: 390, height: 844 }): Promise<{ context: BrowserContext, page: Page }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  return { context, page }
}

/** The element that has focus, described for an assertion message: tag, text and classes. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement
    if (!el || el === document.body)
      return 'body'
    return `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}: ${(el.textContent ?? '').trim().slice(0, 60)}`
  })
}
