import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { statementCache } from '../../room/storage-open'

/** The storage adapters' statement cache, on a real (in-memory) SQLite database. */

let db: Database.Database | undefined

afterEach(() => {
  db?.close()
})

describe('statementCache', () => {
  it('prepares each SQL text once', () => {
    db = new Database(':memory:')
    const stmt = statementCache(db)
    expect(stmt('SELECT ? AS v')).toBe(stmt('SELECT ? AS v'))
    expect(stmt('SELECT ? AS v').get(7)).toEqual({ v: 7 })
  })

  it('refuses a sorted or max() statement that compares with a bare ?, naming the fix', () => {
    db = new Database(':memory:')
    db.exec('CREATE TABLE t (a TEXT NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b))')
    const stmt = statementCache(db)
    expect(() => stmt('SELECT b FROM t WHERE a = ? ORDER BY b DESC LIMIT 1')).toThrow(/write = \+\?/)
    expect(() => stmt('SELECT max(b) AS b FROM t WHERE a = ?')).toThrow(/write = \+\?/)
    db.prepare('INSERT INTO t VALUES (?, ?)').run('x', 3)
    expect(stmt('SELECT b FROM t WHERE a = +? ORDER BY b DESC LIMIT 1').get('x')).toEqual({ b: 3 })
    expect(stmt('SELECT b FROM t WHERE a = ?').get('x')).toEqual({ b: 3 })
  })
})
