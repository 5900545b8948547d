import { randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

export interface LockOptions {
  /**
   * A lock whose file has not been touched for this long is taken over (its holder died without
   * removing it). The holder touches the file every third of this. Default 30 s.
   */
  staleMs?: number;
  /** First wait between attempts; it doubles up to 1 s. Default 25 ms. */
  pollMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, "utf8")) as LockOwner;
    return typeof owner?.token === "string" ? owner : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when the lock at `path` was left by a dead process on this host, or has not been touched for `staleMs`. */
function isStale(path: string, staleMs: number): boolean {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return false; // gone: the next attempt takes it
  }
  const owner = readOwner(path);
  if (owner && owner.host === hostname() && !processAlive(owner.pid)) return true;
  return Date.now() - mtimeMs > staleMs;
}

/**
 * Runs `action` while holding an exclusive lock: a file created with O_EXCL (`wx`), which works across
 * processes and between concurrent calls in one process, on any file system that honours O_EXCL. Node
 * has no flock; a crashed holder's file is detected as stale (dead pid on this host, or no heartbeat)
 * and taken over.
 */
export async function withLockFile<T>(path: string, action: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 30_000;
  let wait = options.pollMs ?? 25;
  const token = randomBytes(8).toString("hex");
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(path, "wx");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), token } satisfies LockOwner));
      } finally {
        closeSync(fd);
      }
      break;
    }
    if (isStale(path, staleMs)) {
      // Renaming first means only one waiter removes a given stale file.
      const aside = `${path}.stale-${token}`;
      try {
        renameSync(path, aside);
        unlinkSync(aside);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
      continue;
    }
    await sleep(wait);
    wait = Math.min(wait * 2, 1000);
  }
  const heartbeat = setInterval(() => {
    const now = new Date();
    try {
      if (readOwner(path)?.token === token) utimesSync(path, now, now);
    } catch {
      // the lock file was removed under us; release() copes
    }
  }, Math.max(1, Math.floor(staleMs / 3)));
  heartbeat.unref();
  try {
    return await action();
  } finally {
    clearInterval(heartbeat);
    if (readOwner(path)?.token === token) unlinkSync(path);
  }
}
