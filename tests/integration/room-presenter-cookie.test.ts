import type { TestRoom } from '../../room/testing'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRESENTER_COOKIE } from '../../room/auth'
import { startTestRoom, TEST_SECRET, TestClient } from '../../room/testing'

/** The presenter link is swapped for an HttpOnly cookie, so the deck's script never holds the secret. */

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number, headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
    }).on('error', reject).end()
  })
}

let room: TestRoom

beforeAll(async () => {
  room = await startTestRoom()
})

afterAll(async () => {
  await room?.dispose()
})

describe('the presenter link', () => {
  it('redirects to the address without the secret and sets an HttpOnly, SameSite=Strict cookie that is not the secret', async () => {
    const res = await get(`${room.baseUrl}/presenter/3?room=${TEST_SECRET}&clicks=1`, { 'sec-fetch-dest': 'document' })
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe('/presenter/3?clicks=1')
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(new RegExp(`^${PRESENTER_COOKIE}=[\\w-]{20,}; Path=/; HttpOnly; SameSite=Strict$`))
    expect(cookie).not.toContain(TEST_SECRET)
  })

  it('sends a wrong secret back as room-refused and ends an old cookie', async () => {
    const res = await get(`${room.baseUrl}/presenter/?room=guess`)
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe('/presenter/?room-refused=1')
    expect(String(res.headers['set-cookie'])).toContain('Max-Age=0')
  })

  it('leaves sub-resources and the API alone', async () => {
    expect((await get(`${room.baseUrl}/assets/x.js?room=${TEST_SECRET}`, { 'sec-fetch-dest': 'script' })).status).not.toBe(303)
    expect((await get(`${room.baseUrl}/api/room?room=${TEST_SECRET}`)).status).toBe(200)
  })
})

describe('a socket that carries the cookie', () => {
  it('is the presenter without sending the secret; a forged cookie is not', async () => {
    const res = await get(`${room.baseUrl}/presenter/?room=${TEST_SECRET}`)
    const cookie = String(res.headers['set-cookie']).split(';')[0]!
    const presenter = await TestClient.connect(room.wsUrl, { headers: { cookie } })
    presenter.send({ type: 'watch', requestId: 'w' })
    expect(await presenter.next(m => m.type === 'results')).toMatchObject({ authorized: true })
    expect(await presenter.request({ type: 'control', secret: '', action: { kind: 'open', poll: { id: 'cookie', kind: 'choice', question: 'Q?', options: ['a', 'b'] } } })).toMatchObject({ type: 'ack' })
    await presenter.close()

    const forger = await TestClient.connect(room.wsUrl, { headers: { cookie: `${PRESENTER_COOKIE}=${TEST_SECRET}` } })
    forger.send({ type: 'watch', requestId: 'w' })
    expect(await forger.next(m => m.type === 'results')).toMatchObject({ authorized: false })
    expect(await forger.request({ type: 'control', secret: '', action: { kind: 'close', pollId: 'cookie' } })).toMatchObject({ type: 'error', code: 'unauthorized' })
    await forger.close()
  })
})
