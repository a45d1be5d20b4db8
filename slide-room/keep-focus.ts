import type { Ref } from 'vue'
import { onBeforeUnmount, onMounted } from 'vue'

/**
 * A presenter control keeps the keyboard even when Vue or Slidev draws its
 * component again (the room reconnecting for a moment, the presenter view
 * remounting the slide): otherwise focus falls to <body> and the next Space
 * advances the deck instead of acting on the control. The control that had
 * focus when its component went away gets it back when the same component
 * (same key) comes back within a moment, unless focus has gone elsewhere.
 */

/** Long enough for a reconnect or a remount, short enough never to steal a later focus. */
const KEEP_MS = 3000
const CONTROLS = 'button, summary, [tabindex="0"]'

let held: { key: string, index: number, at: number } | null = null

export function useKeptFocus(root: Readonly<Ref<HTMLElement | null>>, key: () => string): void {
  onBeforeUnmount(() => {
    const el = root.value
    const active = document.activeElement
    if (!el || !(active instanceof HTMLElement) || !el.contains(active))
      return
    held = { key: key(), index: [...el.querySelectorAll(CONTROLS)].indexOf(active), at: Date.now() }
  })
  onMounted(() => {
    const kept = held
    if (!kept || kept.key !== key() || Date.now() - kept.at > KEEP_MS)
      return
    held = null
    const active = document.activeElement
    if (active && active !== document.body)
      return
    const controls = root.value ? [...root.value.querySelectorAll<HTMLElement>(CONTROLS)] : []
    ;(controls[kept.index] ?? controls[0])?.focus()
  })
}
