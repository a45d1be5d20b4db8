/** Messages between the benchmark's main thread and its load-generator threads. */
export interface WorkerSetup {
  url: string
  secret: string
  pollId: string
  /** Global participant indices this thread simulates. */
  indices: number[]
  workers: number
  joinPerSecond: number
}

export interface NaiveSetup {
  port: number
  runId: string
  pollId: string
  indices: number[]
  workers: number
  joinPerSecond: number
}

export type ToWorker
  = | { type: 'join' }
    | { type: 'vote', startAt: number, spreadMs: number, total: number, timeoutMs: number }
    | { type: 'close' }

export type FromWorker
  = | { type: 'ready' }
    | { type: 'joined', count: number }
    /** Shared-clock times at which each phone first saw the open poll. */
    | { type: 'fanout', at: number[] }
    | {
      type: 'votes'
      ackMs: number[]
      tallyMs: number[]
      sent: number
      acked: number[]
      failed: string[]
      notInTally: number
      pendingAtEnd: number
    }
    | {
      type: 'naive-votes'
      tallyMs: number[]
      postMs: number[]
      sent: number
      posted: number
      cancelled: number
      postFailed: number
      neverSeen: number
      inFinalState: number
      timedOut: boolean
    }
    | { type: 'closed' }
