import { ConfigError, type ConfigIssue } from "../../errors.ts";
import { describeOperation } from "./classify.ts";
import { StorageError, type StorageOperation } from "./storage-error.ts";

/** Longest wait between two tries, whatever the base backoff (as in the reference runtime). */
export const MAX_BACKOFF_SECONDS = 16;
export const DEFAULT_STORAGE_RETRIES = 3;
export const DEFAULT_STORAGE_BACKOFF_SECONDS = 5;

export interface RetryPolicy {
  /** Retries after the first try (FLYTE_STORAGE_RETRIES). */
  readonly retries: number;
  /** Wait before the first retry, doubled for each further one (FLYTE_STORAGE_BACKOFF_SECONDS). */
  readonly backoffSeconds: number;
}

/** Told before each retry (e.g. to log it). */
export interface RetryNotice {
  readonly uri: string;
  readonly operation: StorageOperation;
  /** 1 for the first retry. */
  readonly retry: number;
  /** The wait before this retry. */
  readonly delayMs: number;
  /** The failure that is being retried. */
  readonly error: StorageError;
}

/** Waits `ms` milliseconds. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The retry policy set by FLYTE_STORAGE_RETRIES and FLYTE_STORAGE_BACKOFF_SECONDS; invalid values are a ConfigError. */
export function retryPolicyFromEnv(env: NodeJS.ProcessEnv): RetryPolicy {
  const issues: ConfigIssue[] = [];
  const read = (name: string, fallback: number, integer: boolean): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
      issues.push({ path: [name], message: `${name} must be ${integer ? "a whole number" : "a number of seconds"} >= 0, got ${JSON.stringify(raw)}` });
      return fallback;
    }
    return value;
  };
  const retries = read("FLYTE_STORAGE_RETRIES", DEFAULT_STORAGE_RETRIES, true);
  const backoffSeconds = read("FLYTE_STORAGE_BACKOFF_SECONDS", DEFAULT_STORAGE_BACKOFF_SECONDS, false);
  if (issues.length > 0) throw new ConfigError("storage settings", issues);
  return { retries, backoffSeconds };
}

/** Wait before retry number `retry` (1-based): the base doubled each time, at most MAX_BACKOFF_SECONDS. */
export function backoffDelayMs(policy: RetryPolicy, retry: number): number {
  return Math.round(Math.min(policy.backoffSeconds * 2 ** (retry - 1), MAX_BACKOFF_SECONDS) * 1000);
}

export interface RetryOptions {
  readonly policy: RetryPolicy;
  readonly sleep: Sleep;
  readonly onRetry?: ((notice: RetryNotice) => void) | undefined;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable StorageError, or the retries are used up;
 * then throws the last error, its message saying how many tries were made.
 */
export async function withRetries<T>(
  options: RetryOptions,
  context: { uri: string; operation: StorageOperation; localPath?: string },
  attempt: () => Promise<T>,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof StorageError) || !err.retryable) throw err;
      if (retry >= options.policy.retries) {
        if (retry === 0) throw err;
        const prefix = `Could not ${describeOperation(context)}`;
        const reason = err.message.startsWith(prefix) ? err.message.slice(prefix.length).replace(/^: /, "") : err.message;
        throw new StorageError({
          uri: err.uri,
          operation: err.operation,
          failure: err.failure,
          retryable: true,
          ...(err.status !== undefined ? { status: err.status } : {}),
          attempts: retry + 1,
          message: `${prefix} after ${retry + 1} attempts (FLYTE_STORAGE_RETRIES=${options.policy.retries}): ${reason}`,
        });
      }
      const delayMs = backoffDelayMs(options.policy, retry + 1);
      options.onRetry?.({ uri: context.uri, operation: context.operation, retry: retry + 1, delayMs, error: err });
      await options.sleep(delayMs);
    }
  }
}
