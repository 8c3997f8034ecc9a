import type { ReplicationKeeper } from "../tuning/cached-runner.js";
import { ReplicationStore } from "../tuning/replication-store.js";

/**
 * Lends `use` the replication store at `path` (`--cache`), closed when `use` is done, or
 * nothing when no path was given.
 */
export async function withReplicationCache<T>(
  path: string | undefined,
  checkInvariants: boolean | undefined,
  use: (keeper: ReplicationKeeper | undefined) => Promise<T>,
): Promise<T> {
  if (path === undefined) return use(undefined);
  const store = ReplicationStore.open(path, checkInvariants === true);
  try {
    return await use(store);
  } finally {
    store.close();
  }
}
