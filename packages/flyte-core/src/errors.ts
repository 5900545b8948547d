/** Every error this SDK throws on purpose carries one of these codes. */
export type FlyteTsErrorCode =
  | "INVALID_CONFIG"
  | "PLUGIN_NOT_FOUND"
  | "PLUGIN_CONFLICT"
  | "PLUGIN_INCOMPATIBLE"
  | "SERIALIZATION"
  | "INVALID_INPUT"
  | "INVALID_OUTPUT"
  | "MODULE_LOAD"
  | "TASK_NOT_FOUND"
  | "EXECUTION"
  | "INVALID_INVOCATION"
  | "CODE_BUNDLE"
  | "STORAGE"
  | "TIMEOUT"
  | "INTERRUPTED"
  | "OUTPUT_DIR"
  // The remote client (`@flyte-ts/core/remote`):
  | "REMOTE_CONFIG"
  | "AUTH"
  | "ENDPOINT"
  | "NOT_FOUND"
  | "UPLOAD"
  | "REMOTE"
  | "RUN_FAILED"
  // A task called from a running task, as a child action in the cluster:
  | "CHILD_ACTION";

export type IssuePath = ReadonlyArray<string | number>;

/** One problem found in user configuration, located by its field path. */
export interface ConfigIssue {
  readonly path: IssuePath;
  readonly message: string;
}

export class FlyteTsError extends Error {
  readonly code: FlyteTsErrorCode;
  constructor(code: FlyteTsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FlyteTsError";
    this.code = code;
  }
}

/** `a.b[0].c` from ["a", "b", 0, "c"]; "(root)" for the empty path. */
export function formatPath(path: IssuePath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === "" ? "(root)" : out;
}

function describe(subject: string, issues: readonly ConfigIssue[]): string {
  const lines = issues.map((issue) => `  - ${formatPath(issue.path)}: ${issue.message}`);
  const noun = issues.length === 1 ? "problem" : "problems";
  return `Invalid ${subject} (${issues.length} ${noun}):\n${lines.join("\n")}`;
}

/**
 * Invalid user configuration. Lists every problem found, each with its field path, so that one run
 * shows everything to fix.
 */
export class ConfigError extends FlyteTsError {
  readonly issues: readonly ConfigIssue[];
  readonly subject: string;
  constructor(subject: string, issues: readonly ConfigIssue[], code: FlyteTsErrorCode = "INVALID_CONFIG") {
    super(code, describe(subject, issues));
    this.name = "ConfigError";
    this.subject = subject;
    this.issues = issues;
  }

  /** The same issues, located under `prefix` (used when a value is validated as part of a larger one). */
  prefixed(prefix: IssuePath, subject = this.subject): ConfigError {
    return new ConfigError(
      subject,
      this.issues.map((issue) => ({ path: [...prefix, ...issue.path], message: issue.message })),
      this.code,
    );
  }
}
