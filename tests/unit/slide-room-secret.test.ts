import type { SecretEnvironment } from '../../slide-room/secret'
import { describe, expect, it } from 'vitest'
import { capturePresenterSecret, forgetPresenterSecret, presenterLinkRefused, SECRET_STORAGE_KEY, splitSecret } from '../../slide-room/secret'

function fakeEnv(href: string) {
  const store = new Map<string, string>()
  const replaced: string[] = []
  const env: SecretEnvironment = {
    location: { href },
    history: {
      state: { router: 'state' },
      replaceState: (_data, _unused, url) => {
        replaced.push(String(url))
        env.location.href = String(url)
      },
    },
    storage: {
      getItem: key => store.get(key) ?? null,
      setItem: (key, value) => void store.set(key, value),
      removeItem: key => void store.delete(key),
    },
  }
  return { env, store, replaced }
}

describe('splitSecret', () => {
  it('takes `room` out of the query and keeps the rest', () => {
    expect(splitSecret('http://10.0.0.2:3030/presenter/?room=s3cret&clicks=2#x')).toEqual({
      secret: 's3cret',
      cleanHref: 'http://10.0.0.2:3030/presenter/?clicks=2#x',
    })
  })

  it('handles hash-mode routes', () => {
    expect(splitSecret('http://h/#/presenter/1?room=abc&clicks=1')).toEqual({ secret: 'abc', cleanHref: 'http://h/#/presenter/1?clicks=1' })
  })

  it('finds nothing in a clean URL and ignores an empty value', () => {
    expect(splitSecret('http://h/3').secret).toBeNull()
    expect(splitSecret('http://h/3?room=').secret).toBeNull()
  })
})

describe('capturePresenterSecret', () => {
  it('stores the secret, removes it from the address bar and keeps the history state', () => {
    const { env, store, replaced } = fakeEnv('http://h/presenter/1?room=abc')
    expect(capturePresenterSecret(env)).toBe('abc')
    expect(store.get(SECRET_STORAGE_KEY)).toBe('abc')
    expect(replaced).toEqual(['http://h/presenter/1'])
    // Later reads (the projector window, the next slide) come from storage.
    expect(capturePresenterSecret(env)).toBe('abc')
    expect(replaced).toHaveLength(1)
  })

  it('lets a new presenter link replace an old secret', () => {
    const { env, store } = fakeEnv('http://h/1?room=new')
    store.set(SECRET_STORAGE_KEY, 'old')
    expect(capturePresenterSecret(env)).toBe('new')
    expect(store.get(SECRET_STORAGE_KEY)).toBe('new')
  })

  it('returns null for an audience browser and can forget', () => {
    const { env, store } = fakeEnv('http://h/1')
    store.set(SECRET_STORAGE_KEY, 'x')
    forgetPresenterSecret(env)
    expect(capturePresenterSecret(env)).toBeNull()
  })

  it('remembers a link the server refused, forgets any stored secret and cleans the address', () => {
    const { env, store, replaced } = fakeEnv('http://h/presenter/3?room-refused=1&clicks=1')
    store.set(SECRET_STORAGE_KEY, 'stale')
    expect(capturePresenterSecret(env)).toBeNull()
    expect(presenterLinkRefused()).toBe(true)
    expect(store.has(SECRET_STORAGE_KEY)).toBe(false)
    expect(replaced).toEqual(['http://h/presenter/3?clicks=1'])
  })
})
