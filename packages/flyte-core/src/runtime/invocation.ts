import { FlyteTsError } from "../errors.ts";
import { DEFAULT_TASK_RESOLVER } from "../serialize/container-args.ts";

/**
 * Everything `a0` learns from its arguments and environment (runtime-contract §1.2, §3.2): the flags
 * `serializeTask` writes (docs/container-args.md), with the environment fallbacks the backend relies on.
 */
export interface RuntimeInvocation {
  /** URI of the `inputs.pb` object. */
  readonly inputs: string;
  /** Prefix under which `outputs.pb` and `error.pb` are written. */
  readonly outputsPath: string;
  readonly version: string;
  readonly runBaseDir: string;
  readonly rawDataPath: string | undefined;
  readonly checkpointPath: string | undefined;
  /** Undefined on the first attempt (the backend passes the two characters `""`). */
  readonly prevCheckpointPath: string | undefined;
  readonly runName: string;
  readonly actionName: string;
  /** The epoch when the backend did not substitute a start time (never "now": child names depend on it). */
  readonly runStartTime: Date;
  readonly project: string;
  readonly domain: string;
  readonly org: string;
  /** 0-based (`FLYTE_ATTEMPT_NUMBER`). */
  readonly attempt: number;
  readonly imageCache: string | undefined;
  readonly bundle: { readonly tgz: string; readonly destination: string } | undefined;
  /** The module (relative to the bundle destination or the working directory) and the task's full name. */
  readonly taskModule: string;
  readonly taskName: string;
}

// Flags that take a value; booleans are listed apart. Unknown flags are rejected rather than ignored so
// that a mismatch between serializer and runtime versions shows up at once.
const VALUE_FLAGS = new Map<string, string>([
  ["--inputs", "inputs"], ["-i", "inputs"],
  ["--outputs-path", "outputsPath"], ["-o", "outputsPath"],
  ["--version", "version"], ["-v", "version"],
  ["--run-base-dir", "runBaseDir"],
  ["--raw-data-path", "rawDataPath"], ["-r", "rawDataPath"],
  ["--checkpoint-path", "checkpointPath"], ["-c", "checkpointPath"],
  ["--prev-checkpoint", "prevCheckpoint"], ["-p", "prevCheckpoint"],
  ["--run-name", "runName"],
  ["--name", "actionName"],
  ["--run-start-time", "runStartTime"],
  ["--project", "project"],
  ["--domain", "domain"],
  ["--org", "org"],
  ["--image-cache", "imageCache"],
  ["--tgz", "tgz"],
  ["--pkl", "pkl"],
  ["--dest", "dest"],
  ["--resolver", "resolver"],
]);
const BOOLEAN_FLAGS = new Set(["--debug", "--interactive-mode"]);

const EPOCH = new Date(0);

/** A malformed command line: the backend never sees a result, so this ends the process non-zero. */
export class InvocationError extends FlyteTsError {
  constructor(message: string) {
    super("INVALID_INVOCATION", message);
    this.name = "InvocationError";
  }
}

/**
 * Parses `a0`'s arguments (without the leading "a0" or node's own argv entries). `env` supplies the
 * values the backend passes only as environment variables, and replaces `{{.runName}}` /
 * `{{.actionName}}`, which the backend never substitutes.
 */
export function parseInvocation(args: readonly string[], env: NodeJS.ProcessEnv = process.env): RuntimeInvocation {
  const flags: Record<string, string> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (positionals.length > 0 || !arg.startsWith("-")) {
      positionals.push(arg);
      continue;
    }
    if (BOOLEAN_FLAGS.has(arg)) continue;
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const key = VALUE_FLAGS.get(flag);
    if (!key) throw new InvocationError(`unknown option ${flag}; a0 accepts ${[...VALUE_FLAGS.keys()].filter((f) => f.startsWith("--")).join(", ")}, --debug, --interactive-mode`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw new InvocationError(`option ${flag} needs a value`);
    flags[key] = value;
  }

  if (flags.pkl !== undefined) {
    throw new InvocationError("--pkl bundles hold pickled Python tasks; a TypeScript task needs --tgz and a resolver");
  }
  const required = (key: string, flag: string, envName?: string): string => {
    const value = flags[key] ?? (envName ? env[envName] : undefined);
    if (!value) throw new InvocationError(`${flag} is required${envName ? ` (or the environment variable ${envName})` : ""}`);
    return value;
  };
  const fromTemplate = (key: string, flag: string, envName: string): string => {
    const value = flags[key];
    // The backend leaves {{.runName}} / {{.actionName}} as they are and sets the environment instead.
    if (value !== undefined && !value.startsWith("{{")) return value;
    const fromEnv = env[envName];
    if (!fromEnv) throw new InvocationError(`${flag} is required (or the environment variable ${envName})`);
    return fromEnv;
  };

  const resolver = flags.resolver;
  if (resolver !== undefined && resolver !== DEFAULT_TASK_RESOLVER) {
    throw new InvocationError(`unknown resolver ${JSON.stringify(resolver)}; a0 knows ${DEFAULT_TASK_RESOLVER}`);
  }
  const attempt = Number(env.FLYTE_ATTEMPT_NUMBER ?? "0");
  // The outputs path first: without it nothing can be reported.
  const outputsPath = required("outputsPath", "--outputs-path");
  const inputs = required("inputs", "--inputs");
  const version = required("version", "--version");
  const { taskModule, taskName } = loaderArgs(positionals);

  return {
    inputs,
    outputsPath,
    version,
    runBaseDir: required("runBaseDir", "--run-base-dir", "_U_RUN_BASE"),
    rawDataPath: unlessTemplate(flags.rawDataPath),
    checkpointPath: unlessTemplate(flags.checkpointPath),
    prevCheckpointPath: previousCheckpoint(flags.prevCheckpoint),
    runName: fromTemplate("runName", "--run-name", "RUN_NAME"),
    actionName: fromTemplate("actionName", "--name", "ACTION_NAME"),
    runStartTime: parseRunStartTime(flags.runStartTime),
    project: required("project", "--project", "FLYTE_INTERNAL_EXECUTION_PROJECT"),
    domain: required("domain", "--domain", "FLYTE_INTERNAL_EXECUTION_DOMAIN"),
    org: required("org", "--org", "_U_ORG_NAME"),
    attempt: Number.isInteger(attempt) && attempt >= 0 ? attempt : 0,
    imageCache: flags.imageCache,
    bundle: flags.tgz ? { tgz: flags.tgz, destination: flags.dest ?? "." } : undefined,
    taskModule,
    taskName,
  };
}

function loaderArgs(positionals: readonly string[]): { taskModule: string; taskName: string } {
  if (positionals.length !== 4 || positionals[0] !== "mod" || positionals[2] !== "task") {
    throw new InvocationError(
      `the resolver arguments must be "mod <module> task <task name>" (docs/container-args.md), got ${JSON.stringify(positionals.join(" ")) || "nothing"}`,
    );
  }
  return { taskModule: positionals[1]!, taskName: positionals[3]! };
}

function unlessTemplate(value: string | undefined): string | undefined {
  return value === undefined || value === "" || value.startsWith("{{") ? undefined : value;
}

/** `""` (two quote characters) or blank means no previous attempt. */
function previousCheckpoint(value: string | undefined): string | undefined {
  const cleaned = value?.trim().replace(/^"+|"+$/g, "").trim();
  return unlessTemplate(cleaned);
}

/**
 * RFC 3339 when the backend substituted it; otherwise (template left as is, missing, unparsable) the
 * epoch, as the reference does. A time without a zone is taken as UTC.
 */
export function parseRunStartTime(value: string | undefined): Date {
  if (!value || value.startsWith("{{")) return EPOCH;
  const text = /(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`;
  const time = Date.parse(text);
  return Number.isNaN(time) ? EPOCH : new Date(time);
}
