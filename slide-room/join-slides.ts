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
