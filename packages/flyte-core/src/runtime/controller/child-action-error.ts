import { FlyteTsError } from "../../errors.ts";

/**
 * How a child action ended badly, by phase and error kind (controller contract §6): `user`, `system`
 * and `unknown` are FAILED with that error kind; `timeout` is TIMED_OUT; `aborted` is ABORTED.
 */
export type ChildActionFailureKind = "user" | "system" | "unknown" | "timeout" | "aborted";

/** What a {@link ChildActionError} says about the child. */
export interface ChildActionErrorDetails {
  /** How the child ended. */
  kind: ChildActionFailureKind;
  /** The child action's name (unique within the run). */
  actionName: string;
  /** The full name of the task the child ran. */
  taskName: string;
  /** The error code the child reported (e.g. its error class), "" when it reported none. */
  remoteCode: string;
  /** Where the child's error document is, when known. */
  errorUri?: string;
}

/**
 * Thrown in a parent task when a task it called ran as a child action in the cluster and did not
 * succeed. Uncaught, it fails the parent with a message naming the child.
 */
export class ChildActionError extends FlyteTsError {
  /** How the child ended. */
  readonly kind: ChildActionFailureKind;
  /** The child action's name (unique within the run). */
  readonly actionName: string;
  /** The full name of the task the child ran. */
  readonly taskName: string;
  /** The error code the child reported, "" when it reported none. */
  readonly remoteCode: string;
  /** Where the child's error document is, when known. */
  readonly errorUri: string | undefined;
  /** Where the failure came from, for the parent's own error document. */
  readonly origin: "USER" | "SYSTEM" | "UNKNOWN";

  constructor(message: string, details: ChildActionErrorDetails, options?: { cause?: unknown }) {
    super("CHILD_ACTION", message, options);
    this.name = "ChildActionError";
    this.kind = details.kind;
    this.actionName = details.actionName;
    this.taskName = details.taskName;
    this.remoteCode = details.remoteCode;
    this.errorUri = details.errorUri;
    this.origin = details.kind === "system" ? "SYSTEM" : details.kind === "unknown" ? "UNKNOWN" : "USER";
  }
}
