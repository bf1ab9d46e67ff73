/**
 * Is a process on this host still running? Used to recover, at start, jobs left `running` by a
 * worker that died on this same host without waiting for their lease to expire.
 * EPERM means it exists but belongs to someone else: alive. Errs towards "alive" (the safe side:
 * the lease still expires).
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
