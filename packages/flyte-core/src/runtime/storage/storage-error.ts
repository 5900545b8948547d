import { FlyteTsError } from "../../errors.ts";

/** What was being done when storage failed. */
export type StorageOperation = "parse" | "open" | "read" | "write" | "exists" | "download" | "upload";

/**
 * Why storage failed. Only "throttled" and "unavailable" (network errors, HTTP 408 and 5xx) are worth
 * retrying; the others fail the same way every time.
 */
export type StorageFailure =
  | "not-found"
  | "access-denied"
  | "throttled"
  | "unavailable"
  | "invalid-uri"
  | "unsupported-scheme"
  | "missing-sdk"
  | "failed";

/** What a StorageError is made of. */
export interface StorageErrorInit {
  readonly uri: string;
  readonly operation: StorageOperation;
  readonly failure: StorageFailure;
  /** Names the URI and the operation, never a credential. */
  readonly message: string;
  readonly retryable?: boolean;
  /** HTTP status of the storage service's answer, when there was one. */
  readonly status?: number;
  /** How many times the operation was tried (1 when it was not retried). */
  readonly attempts?: number;
}

/**
 * A failed storage operation. The message names the URI and the operation, never a credential. The
 * SDK's own error is not attached as `cause`: SDK errors carry request objects (headers, signed URLs)
 * that must not end up in logs; what matters from it (status, code, message) is in the message.
 */
export class StorageError extends FlyteTsError {
  /** The URI (or local path) the operation was on. */
  readonly uri: string;
  readonly operation: StorageOperation;
  /** Why it failed. */
  readonly failure: StorageFailure;
  /** Whether trying again may succeed (network errors, throttling, HTTP 408 and 5xx). */
  readonly retryable: boolean;
  /** HTTP status of the storage service's answer, when there was one. */
  readonly status: number | undefined;
  /** How many times the operation was tried. */
  readonly attempts: number;
  constructor(init: StorageErrorInit) {
    super("STORAGE", init.message);
    this.name = "StorageError";
    this.uri = init.uri;
    this.operation = init.operation;
    this.failure = init.failure;
    this.retryable = init.retryable ?? false;
    this.status = init.status;
    this.attempts = init.attempts ?? 1;
  }
}
