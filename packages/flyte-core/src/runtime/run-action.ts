import { resolve } from "node:path";
import { FlyteTsError } from "../errors.ts";
import { loadTasks } from "../module/load-tasks.ts";
import { makeTaskContext } from "../run/context.ts";
import { attemptOnce, parseOutput, parseTaskInputs } from "../run/execute.ts";
import type { AnyTask } from "../task/task.ts";
import { extractCodeBundle } from "../bundle/extract.ts";
import { type RuntimeInvocation, InvocationError, parseInvocation } from "./invocation.ts";
import { errorDocument, readInputs, writeOutputs } from "./action-io.ts";
import { type ObjectStorage, joinUri, storageFor } from "./storage/index.ts";
import { type FailureStage, type TaskFailure, classifyFailure } from "./task-failure.ts";
import { ProcessGuard, interruptionFailure } from "./process-guard.ts";
import { retryPolicyFromEnv } from "./storage/retry.ts";
import { secretValues } from "./storage/redact.ts";
import { redactSecrets } from "../redact.ts";

export interface RunActionOptions {
  /** Environment the backend gave the container (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Working directory that a relative `--dest` and module paths resolve against (default: process.cwd()). */
  cwd?: string;
  /** Progress lines (default: stderr). Never given secrets: only URIs, names and error messages. */
  log?: (line: string) => void;
  /** Storage for a URI (default: the built-in schemes; tests pass fakes). */
  storageFor?: (uri: string, env: NodeJS.ProcessEnv) => Promise<ObjectStorage>;
  /**
   * Watch the whole process (the `a0` executable sets this): a body that can never settle, an unhandled
   * rejection, a throw in a callback, `process.exit` from user code and SIGTERM / SIGINT each end the
   * action with `error.pb`. Off for in-process callers, whose process is not the action's.
   */
  guardProcess?: boolean;
}

/** Exit codes of `a0`. The backend reads `error.pb` only after exit 0 (runtime-contract §1.5). */
export const A0_EXIT = Object.freeze({
  /** Succeeded, or failed with `error.pb` written. */
  DONE: 0,
  /** `error.pb` could not be written: the backend reports a container failure instead. */
  UNREPORTED_FAILURE: 1,
  /** The command line is malformed: no outputs path to report to. */
  BAD_INVOCATION: 2,
});

class StageError extends Error {
  constructor(readonly stage: FailureStage, readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

async function stage<T>(name: FailureStage, step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw error instanceof StageError ? error : new StageError(name, error);
  }
}

/**
 * What `a0` does (runtime-contract §1.4): unpack the code bundle, load the task named by the resolver
 * arguments, read and convert `inputs.pb`, run plugin `pre` → body → plugin `post` in remote mode, and
 * write `outputs.pb` (always, even when empty) or `error.pb`. Returns the process exit code.
 */
export async function runAction(args: readonly string[], options: RunActionOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  // Messages may quote URLs with credentials, or errors that echo a token: nothing printed or written to
  // error.pb keeps them.
  const secrets = secretValues(env);
  const write = options.log ?? ((line: string) => process.stderr.write(`[a0] ${line}\n`));
  const log = (line: string) => write(redactSecrets(line, secrets));
  const openStorage = oneStoragePerScheme(options.storageFor ?? storageFor);

  let invocation: RuntimeInvocation;
  try {
    invocation = parseInvocation(args, env);
  } catch (error) {
    log(`error: ${(error as Error).message}`);
    return error instanceof InvocationError ? A0_EXIT.BAD_INVOCATION : A0_EXIT.UNREPORTED_FAILURE;
  }
  const inv = invocation;
  const outputsUri = joinUri(inv.outputsPath, "outputs.pb");
  const errorUri = joinUri(inv.outputsPath, "error.pb");

  // A bad storage setting must not also stop the error from being reported: error.pb is then written
  // with the default retry policy, and the setting is the reported failure.
  let storageEnv = env;
  let configFailure: TaskFailure | undefined;
  try {
    retryPolicyFromEnv(env);
  } catch (error) {
    storageEnv = { ...env, FLYTE_STORAGE_RETRIES: undefined, FLYTE_STORAGE_BACKOFF_SECONDS: undefined };
    configFailure = { code: "INVALID_CONFIG", message: (error as Error).message, kind: "NON_RECOVERABLE", origin: "USER" };
  }
  const reportFailure = (failure: TaskFailure) =>
    writeErrorDocument({ ...failure, message: redactSecrets(failure.message, secrets) }, errorUri, storageEnv, openStorage, log);
  if (configFailure) {
    log(`storage settings: ${configFailure.message}`);
    return reportFailure(configFailure);
  }

  const guard = options.guardProcess ? new ProcessGuard({ signals: ["SIGTERM", "SIGINT"], log }) : undefined;
  let current: { stage: FailureStage; taskName?: string } = { stage: "load" };
  const track = <T>(name: FailureStage, step: () => Promise<T> | T): Promise<T> => {
    current = { ...current, stage: name };
    return stage(name, step);
  };

  let children: Awaited<ReturnType<typeof startChildActionsIfRemote>> | undefined;
  const perform = async (): Promise<TaskFailure | undefined> => {
    try {
      const moduleRoot = await track("load", async () => {
        if (!inv.bundle) return cwd;
        const destination = resolve(cwd, inv.bundle.destination);
        log(`code bundle ${inv.bundle.tgz} → ${destination}`);
        const bundleStorage = await openStorage(inv.bundle.tgz, env);
        await extractCodeBundle({ uri: inv.bundle.tgz, destination, fetchTo: (uri, path) => bundleStorage.downloadFile(uri, path) });
        return destination;
      });
      const task = await track("load", () => loadTask(resolve(moduleRoot, inv.taskModule), inv.taskName, inv.bundle !== undefined));
      current = { ...current, taskName: task.settings.name };

      const inputStorage = await track("storage", () => openStorage(inv.inputs, env));
      const inputBytes = await track("storage", () => inputStorage.read(inv.inputs));
      // Bytes that do not parse were cut short or damaged on the way: a storage fault, worth a retry.
      const { values, context: customContext } = await track("inputs", () => readInputs(inputBytes, task.settings, inv.inputs))
        .catch((error: unknown) => {
          const original = error instanceof StageError ? error.original : error;
          throw (original as { code?: unknown })?.code === "STORAGE" ? new StageError("storage", original) : error;
        });
      const inputs = await track("inputs", () => parseTaskInputs(task.settings, values));

      const base = {
        mode: "remote" as const,
        runName: inv.runName,
        actionName: inv.actionName,
        taskName: task.settings.name,
        attempt: inv.attempt,
        checkpointPath: inv.checkpointPath,
        prevCheckpointPath: inv.prevCheckpointPath,
        // As --dest gave it (relative to the working directory): plugins pass it on to other nodes.
        codeBundle: inv.bundle ? { tgz: inv.bundle.tgz, destination: inv.bundle.destination } : undefined,
        remote: {
          project: inv.project, domain: inv.domain, org: inv.org, version: inv.version, runStartTime: inv.runStartTime,
          runBaseDir: inv.runBaseDir, inputPath: inv.inputs, outputPath: inv.outputsPath, rawDataPath: inv.rawDataPath,
          customContext: Object.freeze({ ...customContext }),
        },
      };
      log(`running ${task.settings.name} (run ${inv.runName}, action ${inv.actionName}, attempt ${inv.attempt})`);
      // With a control plane to talk to, calls of other tasks from the body become child actions.
      children = await track("load", () => startChildActionsIfRemote(inv, moduleRoot, env, customContext, openStorage, log));
      let output: unknown;
      try {
        output = await track("body", () => attemptOnce(task, inputs, base, false));
      } catch (error) {
        await children?.abortRunning(`parent action ${inv.actionName} failed`);
        throw error;
      } finally {
        children?.close();
      }
      guard?.taskReturned();
      const outputBytes = await track("outputs", () => writeOutputs(parseOutput(task, output), task.settings));

      const outputStorage = await track("storage", () => openStorage(outputsUri, env));
      await track("storage", () => outputStorage.write(outputsUri, outputBytes, { contentType: "application/octet-stream" }));
      log(`wrote ${outputsUri} (${outputBytes.length} bytes)`);
      return undefined;
    } catch (error) {
      const { stage: failedStage, original } = error instanceof StageError ? error : { stage: "body" as const, original: error };
      const failure = classifyFailure(original, failedStage);
      log(`${failedStage} failed: ${failure.code}: ${failure.message}`);
      return failure;
    }
  };

  try {
    const failure = guard
      ? await Promise.race([perform(), guard.interrupted.then(async (interruption) => {
        // Children of an interrupted parent must not run on unobserved. The watch stops first, so the
        // body does not see them end and report an aborted child instead of the interruption.
        children?.close();
        await children?.abortRunning(`parent action ${inv.actionName} was interrupted`);
        const failure = interruptionFailure(interruption, current.stage, { taskName: current.taskName ?? inv.taskName, modulePath: inv.taskModule });
        log(`${current.stage} interrupted: ${failure.code}: ${failure.message}`);
        return failure;
      })])
      : await perform();
    const code = failure ? await reportFailure(failure) : A0_EXIT.DONE;
    guard?.finish(code);
    return code;
  } catch (error) {
    guard?.finish(A0_EXIT.UNREPORTED_FAILURE);
    throw error;
  }
}

async function writeErrorDocument(
  failure: TaskFailure,
  errorUri: string,
  env: NodeJS.ProcessEnv,
  openStorage: NonNullable<RunActionOptions["storageFor"]>,
  log: (line: string) => void,
): Promise<number> {
  try {
    const storage = await openStorage(errorUri, env);
    await storage.write(errorUri, await errorDocument(failure), { contentType: "application/octet-stream" });
    log(`wrote ${errorUri}`);
    return A0_EXIT.DONE;
  } catch (error) {
    log(`could not write ${errorUri}: ${(error as Error)?.message ?? String(error)}`);
    return A0_EXIT.UNREPORTED_FAILURE;
  }
}

/**
 * The bundle, inputs, outputs and error document usually share a scheme: open its storage (an SDK
 * client with its credentials) once per action, not once per object. A failed open is not kept.
 */
export function oneStoragePerScheme(open: NonNullable<RunActionOptions["storageFor"]>): NonNullable<RunActionOptions["storageFor"]> {
  const opened = new Map<string, Promise<ObjectStorage>>();
  return (uri, env) => {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(uri)?.[1]?.toLowerCase() ?? "file";
    let storage = opened.get(scheme);
    if (!storage) {
      storage = open(uri, env);
      opened.set(scheme, storage);
      storage.catch(() => opened.delete(scheme));
    }
    return storage;
  };
}

/** Loads the child-action controller (and Connect) only when `_U_EP_OVERRIDE` names a control plane. */
async function startChildActionsIfRemote(
  inv: RuntimeInvocation,
  moduleRoot: string,
  env: NodeJS.ProcessEnv,
  customContext: Record<string, string>,
  openStorage: NonNullable<RunActionOptions["storageFor"]>,
  log: (line: string) => void,
) {
  if (!env._U_EP_OVERRIDE?.trim()) return undefined;
  const [{ startChildActions }, { SerializationContext }] = await Promise.all([import("./controller/index.ts"), import("../serialize/context.ts")]);
  return startChildActions({
    env,
    parent: {
      org: inv.org, project: inv.project, domain: inv.domain, runName: inv.runName, actionName: inv.actionName,
      runBaseDir: inv.runBaseDir, version: inv.version, customContext: Object.freeze({ ...customContext }),
    },
    serialization: new SerializationContext({
      version: inv.version, project: inv.project, domain: inv.domain, org: inv.org, rootDir: moduleRoot,
      ...(inv.bundle ? { codeBundle: { tgz: inv.bundle.tgz, destination: inv.bundle.destination, computedVersion: inv.version } } : {}),
      ...(inv.imageCache ? { imageCache: { serializedForm: inv.imageCache } } : {}),
    }),
    storageFor: (uri) => openStorage(uri, env),
    log,
  });
}

/**
 * The task with exactly this full name among those the module's environments declare. A module unpacked
 * from a code bundle is imported as the bundle's compiled JavaScript when it has it.
 */
async function loadTask(modulePath: string, taskName: string, fromBundle: boolean): Promise<AnyTask> {
  const tasks = await loadTasks(modulePath, { precompiled: fromBundle });
  const task = tasks.find((t) => t.taskName === taskName);
  if (!task) {
    throw new FlyteTsError("TASK_NOT_FOUND", `${modulePath} declares no task named "${taskName}"; it declares: ${tasks.map((t) => t.taskName).join(", ") || "(none)"}`);
  }
  return task;
}
