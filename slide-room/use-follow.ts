import type { Room } from './use-room'
import { useNav } from '@slidev/client'
import { watch } from 'vue'

/** True in the static build `npm start -- --screens` makes for audience screens on other devices. */
export const isScreensBuild = import.meta.env.VITE_WORKSHOP_SCREEN === '1'

/**
 * The presenter view tells the room where it is, so screens on other devices
 * can follow. Only a browser whose secret the room accepted sends; the server
 * checks the secret on every message anyway.
 */
export function useAnnounceSlide(room: Room): void {
  const nav = useNav()
  watch(() => [nav.isPresenter.value && room.authorized.value, nav.currentSlideNo.value, nav.clicks.value] as const, ([presenting, page, clicks]) => {
    if (presenting)
      room.presentSlide(page, clicks)
  }, { immediate: true })
}

/** A screens build goes wherever the presenter goes. */
export function useFollowPresenter(room: Room): void {
  const nav = useNav()
  watch(room.presenterSlide, (position) => {
    if (position && (position.page !== nav.currentSlideNo.value || position.clicks !== nav.clicks.value))
      void nav.go(position.page, position.clicks)
  }, { immediate: true })
}
