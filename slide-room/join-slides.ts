import { shallowRef } from 'vue'

/**
 * Slide numbers that show the big join QR code. The corner badge in the
 * global layer stays away from those slides: one invitation per screen.
 */
export const joinSlides = shallowRef<ReadonlySet<number>>(new Set())

const owners = new Map<number, number>()

/** Register one `JoinRoom` on slide `no`; returns the undo. */
export function markJoinSlide(no: number): () => void {
  owners.set(no, (owners.get(no) ?? 0) + 1)
  joinSlides.value = new Set(owners.keys())
  return () => {
    const left = (owners.get(no) ?? 1) - 1
    if (left > 0)
      owners.set(no, left)
    else
      owners.delete(no)
    joinSlides.value = new Set(owners.keys())
  }
}

/**
 * Set by `npm run export` (kit/export-slides.ts): the deck is being printed to
 * hand out or send ahead, and its own room is a throwaway on a loopback port.
 */
export const isKitExport = import.meta.env.VITE_WORKSHOP_EXPORT === '1'

/** The link given with `npm run export -- --host`, or null: the printed slide then says where it will appear. */
export const exportJoinUrl: string | null = isKitExport && typeof import.meta.env.VITE_WORKSHOP_JOIN_URL === 'string' && import.meta.env.VITE_WORKSHOP_JOIN_URL
  ? import.meta.env.VITE_WORKSHOP_JOIN_URL
  : null

/** A link on this machine's loopback reaches no phone; it must never be printed. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase()
    return host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '::1' || host === '0.0.0.0'
  }
  catch {
    return true
  }
}

/**
 * The join link a slide may show. On screen, the room's own. In print, the one
 * given to the export; a browser printing a live room's deck keeps the room's
 * link unless it is loopback.
 */
export function printableJoinUrl(roomUrl: string | null, printing: boolean): string | null {
  if (!printing)
    return roomUrl
  if (isKitExport)
    return exportJoinUrl
  return roomUrl && !isLoopbackUrl(roomUrl) ? roomUrl : null
}
