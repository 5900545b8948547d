import { NonRecoverableError } from "./non-recoverable-error.ts";

/** What `error.pb` says about a failed action (`flyteidl2.core.ContainerError`, runtime-contract §2.6). */
export interface TaskFailure {
  readonly code: string;
  readonly message: string;
  /** RECOVERABLE lets the backend retry while attempts remain. */
  readonly kind: "RECOVERABLE" | "NON_RECOVERABLE";
  readonly origin: "USER" | "SYSTEM" | "UNKNOWN";
}

/** The step of `a0` an error came from; it decides who is to blame. */
export type FailureStage = "load" | "inputs" | "body" | "outputs" | "storage";

/**
 * Classifies an error for `error.pb`:
 * - the task body (and its plugin's hooks): user error, code = the error's typed code (an upper-case
 *   `code` such as "EXECUTION" or "ECONNREFUSED") or else its class name, recoverable — unless it is a
 *   NonRecoverableError;
 * - inputs that do not match the interface: user "DataValidationError", not recoverable (the same
 *   inputs fail the same way on every attempt; the reference would retry them — docs/runtime.md);
 * - an output that does not match the interface: user "DataValidationError", recoverable (as the reference);
 * - loading the task (bundle, module import, unknown task): unknown origin, recoverable (as the reference);
 * - reading or writing storage: system error, recoverable.
 */
export function classifyFailure(error: unknown, stage: FailureStage): TaskFailure {
  const message = messageOf(error);
  if (isNonRecoverable(error)) return { code: error.code, message, kind: "NON_RECOVERABLE", origin: "USER" };
  switch (stage) {
    case "inputs":
      return { code: "DataValidationError", message, kind: "NON_RECOVERABLE", origin: "USER" };
    case "outputs":
      return { code: "DataValidationError", message, kind: "RECOVERABLE", origin: "USER" };
    case "storage":
      return { code: codeOf(error, "StorageError"), message, kind: "RECOVERABLE", origin: "SYSTEM" };
    case "load":
      return { code: codeOf(error, "TaskLoadError"), message, kind: "RECOVERABLE", origin: "UNKNOWN" };
    case "body":
      return { code: codeOf(error, "NonErrorThrown"), message, kind: "RECOVERABLE", origin: childActionOrigin(error) ?? "USER" };
  }
}

// By name too: the task's module may have loaded another copy of core than the runtime's.
function isNonRecoverable(error: unknown): error is NonRecoverableError {
  return error instanceof NonRecoverableError
    || (error instanceof Error && error.name === "NonRecoverableError" && typeof (error as { code?: unknown }).code === "string");
}

// A child action's failure keeps the child's origin (a system failure of the child is not the parent's user error).
function childActionOrigin(error: unknown): TaskFailure["origin"] | undefined {
  if (!(error instanceof Error) || error.name !== "ChildActionError") return undefined;
  const origin = (error as { origin?: unknown }).origin;
  return origin === "USER" || origin === "SYSTEM" || origin === "UNKNOWN" ? origin : undefined;
}

// A FlyteTsError's typed code says more than its class name ("MODULE_LOAD" rather than "FlyteTsError").
function codeOf(error: unknown, fallback: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === "string" && /^[A-Z_]+$/.test(code)) return code;
  return error instanceof Error ? nameOf(error) : fallback;
}

function nameOf(error: unknown): string {
  if (error instanceof Error) return error.name && error.name !== "Error" ? error.name : error.constructor?.name || "Error";
  return "NonErrorThrown";
}

/** The message alone, as the reference writes str(e): no stack trace. */
function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return typeof error === "string" ? error : JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
