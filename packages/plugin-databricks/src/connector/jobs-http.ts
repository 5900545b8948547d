import { FlyteTsError, redactSecrets } from "@flyte-ts/core";

export interface RetryPolicy {
  /** Attempts per call, the first included (default 5). */
  readonly maxAttempts: number;
  /** Wait before the first retry; doubled after each (default 1000 ms). */
  readonly backoffMs: number;
  /** Longest wait between attempts, Retry-After included (default 30 000 ms). */
  readonly maxBackoffMs: number;
  /** Time limit of one request, body included (default 30 000 ms). */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, backoffMs: 1000, maxBackoffMs: 30_000, requestTimeoutMs: 30_000 };

export interface JobsHttpOptions extends Partial<RetryPolicy> {
  /** "https://myorg.cloud.databricks.com" (or any base URL, e.g. a local test server). */
  readonly baseUrl: string;
  readonly token: string;
  readonly fetch?: typeof fetch;
  /** Waits between attempts (tests pass a fast one). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told about each retry (the reason never contains the token). */
  readonly onRetry?: (retry: { call: string; attempt: number; reason: string; delayMs: number }) => void;
}

export interface JobsResponse {
  readonly status: number;
  /** The body as text: ids are int64 and are read from it without losing precision. */
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/** A Jobs API call that failed; `status` and `errorCode` are Databricks' when it answered. */
export class DatabricksApiError extends FlyteTsError {
  readonly status: number | undefined;
  readonly errorCode: string | undefined;
  constructor(message: string, status?: number, errorCode?: string) {
    super("EXECUTION", message);
    this.name = "DatabricksApiError";
    this.status = status;
    this.errorCode = errorCode;
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Filled in by {@link callJobsApi}: whether the request may have reached Databricks and taken effect. */
export interface CallTrace {
  /**
   * True once an attempt ended without a definite answer (interrupted or timed out in flight, a network
   * error, a 5xx): Databricks may have acted on it. 429 and other 4xx answers are definite refusals.
   */
  mayHaveTakenEffect: boolean;
}

/** Waits `ms`, or less when `signal` aborts first. */
function interruptibleSleep(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => resolve();
    signal.addEventListener("abort", onAbort, { once: true });
    sleep(ms).then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Retry-After in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); a date in the past
 * means no wait. Undefined when absent or unreadable.
 */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^[0-9]+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

type Attempt = { ok: JobsResponse } | { retry: string; retryAfterMs?: number; ambiguous: boolean } | { fail: DatabricksApiError; ambiguous?: boolean };

/**
 * Sends one Jobs API request, retrying 429, 5xx, network errors, timeouts and malformed JSON with
 * exponential backoff (honouring Retry-After, in seconds or as an HTTP date), and failing at once on other
 * 4xx answers. `signal` interrupts a request in flight and a wait between attempts at once.
 */
export async function callJobsApi(
  options: JobsHttpOptions, method: "GET" | "POST", path: string, body?: string, signal?: AbortSignal, trace?: CallTrace,
): Promise<JobsResponse> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...definedOnly(options) };
  const sleep = options.sleep ?? realSleep;
  const call = `${method} ${path.split("?")[0]}`;
  let reason = "";
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new DatabricksApiError(`Databricks ${call} was interrupted`);
    const result = await attemptOnce(options, policy, method, path, body, signal);
    if ("ok" in result) return result.ok;
    if (trace && result.ambiguous) trace.mayHaveTakenEffect = true;
    if ("fail" in result) throw result.fail;
    reason = redactSecrets(result.retry, [options.token]);
    if (attempt >= policy.maxAttempts) {
      throw new DatabricksApiError(`Databricks ${call} failed after ${attempt} attempts: ${reason}`);
    }
    const backoff = Math.min(policy.backoffMs * 2 ** (attempt - 1), policy.maxBackoffMs);
    const delayMs = Math.min(Math.max(backoff, result.retryAfterMs ?? 0), policy.maxBackoffMs);
    options.onRetry?.({ call, attempt, reason, delayMs });
    // Ctrl-C must not wait out a long Retry-After.
    await interruptibleSleep(sleep, delayMs, signal);
  }
}

async function attemptOnce(
  options: JobsHttpOptions, policy: RetryPolicy, method: string, path: string, body: string | undefined, signal: AbortSignal | undefined,
): Promise<Attempt> {
  const timeout = AbortSignal.timeout(policy.requestTimeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const response = await (options.fetch ?? fetch)(`${options.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${options.token}`, "Content-Type": "application/json" },
      body,
      signal: combined,
    });
    status = response.status;
    retryAfter = response.headers.get("retry-after");
    text = await response.text();
  } catch (err) {
    if (signal?.aborted) return { fail: new DatabricksApiError(`Databricks ${method} ${path.split("?")[0]} was interrupted`), ambiguous: true };
    if (timeout.aborted) return { retry: `no answer within ${policy.requestTimeoutMs} ms`, ambiguous: true };
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { retry: `network error: ${cause?.code ?? cause?.message ?? (err as Error).message}`, ambiguous: true };
  }
  if (status === 429 || status >= 500) {
    return { retry: `HTTP ${status}${describeError(text)}`, retryAfterMs: retryAfterMs(retryAfter), ambiguous: status !== 429 };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (status >= 200 && status < 300) return { retry: `malformed JSON in an HTTP ${status} answer`, ambiguous: true };
    json = undefined;
  }
  if (status < 200 || status >= 300) {
    const error = (json ?? {}) as { error_code?: string; message?: string };
    const message = redactSecrets(`Databricks ${method} ${path.split("?")[0]} failed with HTTP ${status}${describeError(text)}`, [options.token]);
    return { fail: new DatabricksApiError(message, status, typeof error.error_code === "string" ? error.error_code : undefined) };
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) return { retry: `an HTTP ${status} answer that is not a JSON object`, ambiguous: true };
  return { ok: { status, text, json: json as Record<string, unknown> } };
}

// Databricks answers errors with {"error_code", "message"}; anything else is shown briefly.
function describeError(text: string): string {
  try {
    const error = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    if (error && (error.error_code || error.message)) return `: ${[error.error_code, error.message].filter(Boolean).join(": ")}`;
  } catch {
    // not JSON
  }
  const short = text.trim().slice(0, 200);
  return short ? `: ${short}` : "";
}

function definedOnly(options: Partial<RetryPolicy>): Partial<RetryPolicy> {
  const out: Partial<Record<keyof RetryPolicy, number>> = {};
  for (const key of ["maxAttempts", "backoffMs", "maxBackoffMs", "requestTimeoutMs"] as const) {
    if (options[key] !== undefined) out[key] = options[key];
  }
  return out;
}
