/**
 * Thrown by a task body to fail without retries: the runtime reports it to the backend as a
 * non-recoverable user error, so the remaining attempts of `retries` are not used. Any other error a
 * body throws is recoverable (retried while attempts remain).
 */
export class NonRecoverableError extends Error {
  /** The error code the backend shows (default "NonRecoverableError"). */
  readonly code: string;
  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "NonRecoverableError";
    this.code = options.code ?? "NonRecoverableError";
  }
}
