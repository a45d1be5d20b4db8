import { Worker } from 'node:worker_threads'

/**
 * Start a TypeScript module in a worker thread. Workers do not inherit tsx's
 * loader, so a one-line bootstrap registers it first.
 */
export function startWorker(moduleUrl: URL, workerData: unknown): Worker {
  const bootstrap = `import('tsx/esm/api').then(api => api.tsImport(${JSON.stringify(moduleUrl.href)}, ${JSON.stringify(import.meta.url)}))`
  return new Worker(bootstrap, { eval: true, workerData })
}

/** Resolve with the first message matching `match`, or reject after `timeoutMs`. */
export function nextMessage<T>(worker: Worker, match: (m: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.off('message', onMessage)
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))
    }, timeoutMs)
    function onMessage(m: T): void {
      if (match(m)) {
        clearTimeout(timer)
        worker.off('message', onMessage)
        resolve(m)
      }
    }
    worker.on('message', onMessage)
  })
}
