const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * A random token from the protocol's `[\w-]` alphabet: 64 symbols, so each
 * byte maps to one character without bias (6 bits of entropy per character).
 */
export function randomId(length = 16): string {
  const bytes = new Uint8Array(length)
  globalThis.crypto.getRandomValues(bytes)
  let id = ''
  for (const byte of bytes)
    id += ALPHABET[byte & 63]
  return id
}
