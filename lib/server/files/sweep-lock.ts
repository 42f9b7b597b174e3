import 'server-only';
import type { Db } from '../db/app-db';

/**
 * [Note: sweep lock] Every app server sweeps (lib/server/files/sweeper.ts), so
 * with more than one on a PostgreSQL database two sweeps could claim the same
 * rows and delete the same objects at once. A session-level advisory lock on
 * one connection of the pool lets exactly one sweep run cluster-wide; the
 * others skip instead of waiting, since the next create-upload retries soon
 * enough. Session-level, not pg_try_advisory_xact_lock: the sweep's queries
 * run on other pool connections and must not sit inside one long transaction
 * while storage is called. PGlite lives inside one process, so there an
 * in-process guard is the whole lock.
 */
export const SWEEP_LOCK_KEY = 0x74776f66; // "twof": any fixed bigint, the same in every instance

/** The part of pg's Pool (drizzle's $client) this module needs. */
interface PoolLike {
  connect(): Promise<{ query(sql: string, values: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>; release(destroy?: boolean): void }>;
  totalCount: number;
}

function poolOf(db: Db): PoolLike | undefined {
  const client = (db as { $client?: unknown }).$client;
  // PGlite has no pool; pg's Pool is recognised by shape so a second copy of
  // the pg module (bundling) cannot make the lock silently disappear.
  if (client && typeof (client as PoolLike).connect === 'function' && typeof (client as PoolLike).totalCount === 'number') return client as PoolLike;
  return undefined;
}

// Per database handle, not per module: tests run two "instances" in one process.
const running = new WeakSet<object>();

export type Locked<T> = { ran: true; value: T } | { ran: false };

/** Runs `task` unless another sweep holds the lock anywhere (then `{ ran: false }`). */
export async function withSweepLock<T>(db: Db, task: () => Promise<T>): Promise<Locked<T>> {
  if (running.has(db)) return { ran: false };
  running.add(db);
  try {
    const pool = poolOf(db);
    if (!pool) return { ran: true, value: await task() };
    const client = await pool.connect();
    let broken = false;
    try {
      const { rows } = await client.query('SELECT pg_try_advisory_lock($1) AS locked', [SWEEP_LOCK_KEY]);
      if (rows[0]?.locked !== true) return { ran: false };
      try {
        return { ran: true, value: await task() };
      } finally {
        // If the unlock fails the connection is destroyed, which ends the session and its lock.
        await client.query('SELECT pg_advisory_unlock($1)', [SWEEP_LOCK_KEY]).catch(() => (broken = true));
      }
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      client.release(broken);
    }
  } finally {
    running.delete(db);
  }
}
