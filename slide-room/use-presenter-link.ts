import { watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { capturePresenterSecret, REFUSED_QUERY, SECRET_QUERY } from './secret'

/**
 * Slidev copies the current query into every navigation, so clearing the
 * address bar alone is not enough: the router would put `?room=` back on the
 * next slide. This takes the secret into storage and drops it from the
 * router's query too. Called once from the global layer, on every page.
 */
export function usePresenterLink(): void {
  const router = useRouter()
  const route = useRoute()
  watch(() => [route.query[SECRET_QUERY], route.query[REFUSED_QUERY]], ([value, refused]) => {
    if (value === undefined && refused === undefined)
      return
    capturePresenterSecret()
    const { [SECRET_QUERY]: _secret, [REFUSED_QUERY]: _refused, ...query } = route.query
    router.replace({ path: route.path, query, hash: route.hash })
  }, { immediate: true })
}
