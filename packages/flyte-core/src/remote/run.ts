import { create, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { resolve } from "node:path";
import type { z } from "zod";
import { ActionPhase } from "../gen/flyteidl2/common/phase_pb.ts";
import { ActionIdentifierSchema, ProjectIdentifierSchema, RunIdentifierSchema, type RunIdentifier } from "../gen/flyteidl2/common/identifier_pb.ts";
import { InputsSchema, NamedLiteralSchema, OutputsSchema, type Inputs, type Outputs } from "../gen/flyteidl2/task/common_pb.ts";
import { TaskIdentifierSchema, type TaskIdentifier, type TaskSpec } from "../gen/flyteidl2/task/task_definition_pb.ts";
import type { OffloadedInputData } from "../gen/flyteidl2/common/run_pb.ts";
import { RunSpecSchema } from "../gen/flyteidl2/task/run_pb.ts";
import { ActionDetailsSchema, ErrorInfo_Kind, RunSource, type ActionDetails } from "../gen/flyteidl2/workflow/run_definition_pb.ts";
import { decodeOutputs } from "../runtime/literal-io.ts";
import { valueToLiteral } from "../runtime/literals.ts";
import { conversionError } from "../runtime/conversion-error.ts";
import { ConfigError } from "../errors.ts";
import type { AnyTask } from "../task/task.ts";
import { FlyteRemote, SelectClusterRequest_Operation, type FlyteRemoteOptions } from "./client.ts";
import { consoleUrl, requireScope } from "./config.ts";
import { prepareCode } from "./deploy.ts";
import { RemoteError, codeName, isTransient, toRemoteError } from "./errors.ts";
import type { UploadProgress } from "./upload.ts";

/** A phase as a word: QUEUED, WAITING_FOR_RESOURCES, INITIALIZING, RUNNING, SUCCEEDED, FAILED, ABORTED, TIMED_OUT, PAUSED. */
export type RunPhase = "UNSPECIFIED" | "QUEUED" | "WAITING_FOR_RESOURCES" | "INITIALIZING" | "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED" | "TIMED_OUT" | "PAUSED";

const TERMINAL: ReadonlySet<RunPhase> = new Set(["SUCCEEDED", "FAILED", "ABORTED", "TIMED_OUT"]);

export function phaseName(phase: ActionPhase): RunPhase {
  return ((ActionPhase[phase] as string | undefined) ?? "UNSPECIFIED") as RunPhase;
}

export function isTerminal(phase: RunPhase): boolean {
  return TERMINAL.has(phase);
}

/** One state of a run's root action, as the watch stream reports it. */
export interface RunState {
  readonly phase: RunPhase;
  /** Attempts started so far. */
  readonly attempts: number;
  /** Set when the run failed, timed out or was aborted. */
  readonly error?: { readonly kind: "USER" | "SYSTEM" | "UNSPECIFIED" | "ABORT"; readonly message: string };
}

export function runStateOf(details: ActionDetails): RunState {
  const phase = phaseName(details.status?.phase ?? ActionPhase.UNSPECIFIED);
  const attempts = details.status?.attempts ?? details.attempts.length;
  if (details.result.case === "errorInfo") {
    const kind = (ErrorInfo_Kind[details.result.value.kind] ?? "UNSPECIFIED").replace(/^KIND_/, "") as "USER" | "SYSTEM" | "UNSPECIFIED";
    return { phase, attempts, error: { kind, message: details.result.value.message } };
  }
  if (details.result.case === "abortInfo") return { phase, attempts, error: { kind: "ABORT", message: details.result.value.reason || "aborted" } };
  return { phase, attempts };
}

/**
 * Whether the attempt with the highest number has ended. The OSS server closes a watch as soon as it has, which
 * can be before the action's own phase (its status) is updated: the phase lags the attempt's events.
 */
function latestAttemptEnded(details: ActionDetails): boolean {
  let latest: ActionDetails["attempts"][number] | undefined;
  for (const attempt of details.attempts) if (!latest || attempt.attempt > latest.attempt) latest = attempt;
  return latest !== undefined && isTerminal(phaseName(latest.phase));
}

export interface WatchOptions {
  /**
   * Consecutive failed (re)connections before giving up (a message resets the count).
   *
   * Validation: a positive integer.
   *
   * @defaultValue `5`
   */
  maxFailures?: number;
  /**
   * First reconnect delay in ms, doubled up to 10 s.
   *
   * Validation: a non-negative number.
   *
   * @defaultValue `500`
   */
  backoffMs?: number;
  /**
   * Stops watching.
   *
   * Validation: an AbortSignal.
   *
   * @defaultValue `undefined`
   */
  signal?: AbortSignal;
  /**
   * Told when the stream dropped and is being re-opened.
   *
   * Validation: a function.
   *
   * @defaultValue `undefined`
   */
  onReconnect?: (reason: string) => void;
}

/**
 * Follows a run's root action (`a0`) with WatchActionDetails until a terminal phase, yielding each change of
 * phase or attempt count. Re-subscribes when the stream ends before a terminal phase; reconnects after
 * transient errors with backoff (a message resets the count).
 */
export async function* watchRun(remote: FlyteRemote, runId: RunIdentifier, options: WatchOptions = {}): AsyncGenerator<RunState> {
  const maxFailures = options.maxFailures ?? 5;
  const backoff = options.backoffMs ?? 500;
  const actionId = create(ActionIdentifierSchema, { run: runId, name: "a0" });
  let failures = 0;
  let settling = 0;
  let last: RunState | undefined;
  for (;;) {
    let attemptEnded = false;
    try {
      for await (const message of remote.runs.watchActionDetails({ actionId }, options.signal ? { signal: options.signal } : {})) {
        failures = 0;
        if (!message.details) continue;
        const state = runStateOf(message.details);
        attemptEnded = latestAttemptEnded(message.details);
        if (!last || state.phase !== last.phase || state.attempts !== last.attempts) {
          last = state;
          settling = 0;
          yield state;
        }
        if (isTerminal(state.phase)) return;
      }
      if (attemptEnded) {
        // The server closed the stream because the attempt ended, before the action's phase caught up (or before
        // the next attempt started): not a failure. Ask again, at once the first time, then with backoff.
        settling++;
        if (settling > 1) await sleep(Math.min(backoff * 2 ** (settling - 2), 10_000), options.signal);
        continue;
      }
      // Ended cleanly before a terminal phase: subscribe again (counted, so a server that always hangs up stops us).
      failures++;
      if (failures >= maxFailures) throw new RemoteError("REMOTE", `the watch of run ${runId.name} kept ending before the run finished (${failures} times); check it with \`flyte-ts runs get ${runId.name}\``);
      options.onReconnect?.("the stream ended before the run finished");
    } catch (err) {
      if (err instanceof RemoteError) throw err;
      if (options.signal?.aborted) throw err;
      const transient = isTransient(err) || (err instanceof ConnectError && (err.code === Code.Internal || err.code === Code.DeadlineExceeded || err.code === Code.Canceled));
      failures++;
      if (!transient || failures >= maxFailures) {
        throw toRemoteError(err, { endpoint: remote.endpoint, rpc: "flyteidl2.workflow.RunService/WatchActionDetails", doing: `watching run ${runId.name}` });
      }
      options.onReconnect?.((err as Error).message);
    }
    await sleep(Math.min(backoff * 2 ** Math.max(0, failures - 1), 10_000), options.signal);
  }
}

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolvePromise) => {
    if (signal?.aborted) return resolvePromise();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolvePromise();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** A run on the control plane. `O` is the task's output type. */
export interface RunHandle<O = unknown> {
  /** The run's name (the server picks it unless given). */
  readonly name: string;
  readonly id: { readonly org: string; readonly project: string; readonly domain: string; readonly name: string };
  /** The console page of the run. */
  readonly url: string;
  /** Phase changes until the run ends. */
  phases(options?: WatchOptions): AsyncIterable<RunState>;
  /** Follows the run to its end and returns its last state (it does not throw when the run failed). */
  wait(options?: WatchOptions & { onPhase?: (state: RunState) => void }): Promise<RunState>;
  /** The outputs of a run that SUCCEEDED, typed by the task's output schema (raw literals when the task is unknown). */
  outputs(): Promise<O>;
  /**
   * Log lines of an attempt (the latest when not given) until the server ends the stream. Logs that are not there
   * (NOT_FOUND: the attempt has not started, or has no log context) are asked for again 5 times, `retryDelayMs`
   * (default 2000) apart, telling `onWaiting` before each wait; then a NOT_FOUND RemoteError says so. `onRequest` is
   * told when the log stream is asked for.
   */
  logs(options?: { attempt?: number; signal?: AbortSignal; retryDelayMs?: number; onWaiting?: (ms: number) => void; onRequest?: () => void }): AsyncIterable<string>;
  /** Aborts the run. */
  abort(reason?: string): Promise<void>;
}

/** A handle on an existing run by name (for `runs get/logs/abort`). */
export function runHandle<O = unknown>(remote: FlyteRemote, run: { org?: string; project: string; domain: string; name: string }, task?: AnyTask): RunHandle<O> {
  const id = create(RunIdentifierSchema, { org: run.org ?? remote.config.org, project: run.project, domain: run.domain, name: run.name });
  const actionId = create(ActionIdentifierSchema, { run: id, name: "a0" });
  const scope = { org: id.org, project: id.project, domain: id.domain };
  const details = () =>
    remote.call({ rpc: "flyteidl2.workflow.RunService/GetRunDetails", doing: `reading run ${id.name}` }, (call) => remote.runs.getRunDetails({ runId: id }, call));
  const handle: RunHandle<O> = {
    name: id.name,
    id: { org: id.org, project: id.project, domain: id.domain, name: id.name },
    url: consoleUrl(remote.config, id),
    phases: (options) => watchRun(remote, id, options),
    async wait(options = {}) {
      let last: RunState | undefined;
      for await (const state of watchRun(remote, id, options)) {
        last = state;
        options.onPhase?.(state);
      }
      if (!last) {
        const response = await details();
        last = runStateOf(response.details!.action!);
      }
      return last;
    },
    async outputs() {
      const response = await details();
      const state = runStateOf(response.details?.action ?? create(ActionDetailsSchema, {}));
      if (state.phase !== "SUCCEEDED") {
        throw new RemoteError("RUN_FAILED", `run ${id.name} has no outputs: it is ${state.phase}${state.error ? ` (${state.error.kind}: ${state.error.message})` : ""}`);
      }
      const { client, endpoint } = await remote.dataProxyFor(SelectClusterRequest_Operation.GET_ACTION_DATA, scope);
      const data = await remote.call({ rpc: "flyteidl2.dataproxy.DataProxyService/GetActionData", endpoint, doing: `reading the outputs of run ${id.name}` }, (call) =>
        client.getActionData({ actionId }, call),
      );
      return decodeRunOutputs(data.outputs, task) as O;
    },
    async *logs(options = {}) {
      const attempt = options.attempt ?? Math.max(1, runStateOf((await details()).details!.action!).attempts);
      const { client, endpoint } = await remote.dataProxyFor(SelectClusterRequest_Operation.TAIL_LOGS, scope);
      // Logs appear a little after the attempt starts: NOT_FOUND is retried 5 × 2 s, as the reference does.
      const retryDelayMs = options.retryDelayMs ?? 2000;
      for (let tries = 1; ; tries++) {
        try {
          options.onRequest?.();
          for await (const response of client.tailLogs({ actionId, attempt }, options.signal ? { signal: options.signal } : {})) {
            for (const batch of response.logs) for (const line of batch.lines) yield line.message;
          }
          return;
        } catch (err) {
          const notFound = err instanceof ConnectError && err.code === Code.NotFound && !options.signal?.aborted;
          if (notFound && tries < 5) {
            options.onWaiting?.(retryDelayMs);
            await sleep(retryDelayMs, options.signal);
            continue;
          }
          if (notFound) {
            // The OSS server answers this for an attempt without events yet ("no event found") or without a log
            // context ("no log context found"): not a wrong name, so say what it means.
            throw new RemoteError(
              "NOT_FOUND",
              `run ${id.name} has no logs for attempt ${attempt} (server said: ${(err as ConnectError).rawMessage}; asked ${tries} times, ${retryDelayMs} ms apart): ` +
                `the attempt has not started on a cluster yet, or the control plane keeps no log context for it. Check its phase with \`flyte-ts runs get ${id.name}\`.`,
              { rpc: "flyteidl2.dataproxy.DataProxyService/TailLogs", status: "not_found", cause: err },
            );
          }
          throw toRemoteError(err, { endpoint, rpc: "flyteidl2.dataproxy.DataProxyService/TailLogs", doing: `reading the logs of run ${id.name}` });
        }
      }
    },
    async abort(reason = "aborted by flyte-ts") {
      await remote.call({ rpc: "flyteidl2.workflow.RunService/AbortRun", doing: `aborting run ${id.name}` }, (call) => remote.runs.abortRun({ runId: id, reason }, call));
    },
  };
  return handle;
}

/** Outputs by the task's schema, or (unknown task) the literals as proto JSON by name. */
export function decodeRunOutputs(outputs: Outputs | undefined, task: AnyTask | undefined): unknown {
  const message = outputs ?? create(OutputsSchema, {});
  if (task) return decodeOutputs(toBinary(OutputsSchema, message), task.settings);
  return Object.fromEntries(message.literals.map((l) => [l.name, l.value]));
}

/** The task's inputs as `flyteidl2.task.Inputs`: checked by its zod schema (defaults applied), then converted. */
export function encodeRunInputs(task: AnyTask, inputs: Record<string, unknown>): Inputs {
  const schema = task.settings.inputs as z.ZodObject | undefined;
  if (!schema) {
    const names = Object.keys(inputs);
    if (names.length > 0) throw conversionError("INVALID_INPUT", ["inputs", names[0]!], `is not an input of ${task.taskName} (it declares none)`);
    return create(InputsSchema, {});
  }
  const parsed = schema.safeParse(inputs);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - inputs.${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
    throw new RemoteError("INVALID_INPUT", `Invalid inputs of ${task.taskName} (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${issues.join("\n")}`);
  }
  const shape = schema.shape as Record<string, z.ZodType>;
  const values = parsed.data as Record<string, unknown>;
  const literals = Object.keys(shape)
    .filter((name) => values[name] !== undefined)
    .map((name) => create(NamedLiteralSchema, { name, value: valueToLiteral(values[name], shape[name]!, ["inputs", name], "INVALID_INPUT") }));
  return create(InputsSchema, { literals });
}

/** Options of {@link runRemote}; every key may be omitted. */
export interface RunRemoteOptions {
  /**
   * The control plane: a connection, or options resolved like the CLI's.
   *
   * Validation: see {@link RemoteOptions}.
   *
   * @defaultValue `{}`: the config file, FLYTE_* variables and FLYTE_API_KEY found on this machine
   */
  remote?: FlyteRemote | FlyteRemoteOptions;
  /**
   * Run the task already deployed under this version (by task id) instead of sending its spec inline.
   *
   * Validation: a non-empty string.
   *
   * @defaultValue `undefined`: the spec is sent inline with a freshly uploaded code bundle
   */
  deployedVersion?: string;
  /**
   * The project directory bundled for an inline run.
   *
   * Validation: an existing directory containing the task's module.
   *
   * @defaultValue `process.cwd()`
   */
  rootDir?: string;
  /**
   * The version of an inline run's spec.
   *
   * Validation: a non-empty string of at most 63 characters.
   *
   * @defaultValue `undefined`: the deploy version of the task and its bundle
   */
  version?: string;
  /**
   * Name of the run.
   *
   * Validation: a lower-case name the server accepts.
   *
   * @defaultValue `undefined`: chosen by the server
   */
  name?: string;
  /**
   * Environment variables of the run.
   *
   * Validation: string values.
   *
   * @defaultValue `{}`
   */
  envs?: Readonly<Record<string, string>>;
  /**
   * Progress messages.
   *
   * Validation: a function.
   *
   * @defaultValue `undefined`
   */
  onProgress?: (message: string) => void;
  /**
   * Upload progress in bytes.
   *
   * Validation: a function.
   *
   * @defaultValue `undefined`
   */
  onUploadProgress?: UploadProgress;
}

/**
 * Starts a run of `task` on the control plane: its spec inline with a freshly uploaded code bundle (or the
 * deployed task by id), inputs offloaded with UploadInputs (inline when the server does not implement it),
 * CreateRun. Returns a handle to follow it.
 */
export async function runRemote<T extends AnyTask>(task: T, inputs: Parameters<T>[0], options: RunRemoteOptions = {}): Promise<RunHandle<Awaited<ReturnType<T>>>> {
  const remote = options.remote instanceof FlyteRemote ? options.remote : new FlyteRemote(options.remote ?? {});
  const scope = requireScope(remote.config);
  const literals = encodeRunInputs(task, (inputs ?? {}) as Record<string, unknown>);
  if (options.name !== undefined) checkRunName(options.name);
  let taskRef: { case: "taskSpec"; value: TaskSpec } | { case: "taskId"; value: TaskIdentifier };
  if (options.deployedVersion !== undefined) {
    taskRef = { case: "taskId", value: create(TaskIdentifierSchema, { ...scope, name: task.settings.name, version: options.deployedVersion }) };
  } else {
    const prepared = await prepareCode([task], {
      rootDir: resolve(options.rootDir ?? process.cwd()),
      version: options.version,
      dryRun: false,
      remote,
      scope,
      onProgress: options.onProgress,
      onUploadProgress: options.onUploadProgress,
    });
    taskRef = { case: "taskSpec", value: prepared.specs[0]!.spec };
  }
  const projectId = create(ProjectIdentifierSchema, { organization: scope.org, domain: scope.domain, name: scope.project });
  const runId = options.name !== undefined ? create(RunIdentifierSchema, { ...scope, name: options.name }) : undefined;
  const id = runId ? ({ case: "runId", value: runId } as const) : ({ case: "projectId", value: projectId } as const);

  let inputWrapper: { case: "inputs"; value: Inputs } | { case: "offloadedInputData"; value: OffloadedInputData };
  const { client, endpoint } = await remote.dataProxyFor(SelectClusterRequest_Operation.UPLOAD_INPUTS, scope);
  try {
    const uploaded = await client.uploadInputs({ id, task: taskRef, inputs: literals }, { timeoutMs: remote.config.timeoutMs });
    inputWrapper = { case: "offloadedInputData", value: uploaded.offloadedInputData! };
  } catch (err) {
    if (!(err instanceof ConnectError && err.code === Code.Unimplemented) || /text\/html/.test(err.metadata.get("content-type") ?? "")) {
      throw notDeployedError(err, taskRef, scope) ?? toRemoteError(err, { endpoint, rpc: "flyteidl2.dataproxy.DataProxyService/UploadInputs", doing: `uploading the inputs of ${task.taskName}` });
    }
    // Older servers: the inputs go inline and the backend writes inputs.pb itself.
    options.onProgress?.("the server does not offload inputs (UploadInputs unimplemented): sending them inline");
    inputWrapper = { case: "inputs", value: literals };
  }
  const envs = Object.entries(options.envs ?? {}).map(([key, value]) => ({ key, value }));
  const created = await remote.call({ rpc: "flyteidl2.workflow.RunService/CreateRun", doing: `starting a run of ${task.taskName}` }, async (call) => {
    try {
      return await remote.runs.createRun(
        { id, task: taskRef, inputWrapper, runSpec: create(RunSpecSchema, envs.length > 0 ? { envs: { values: envs } } : {}), source: RunSource.CLI },
        call,
      );
    } catch (err) {
      throw notDeployedError(err, taskRef, scope) ?? err;
    }
  });
  const created_id = created.run?.action?.id?.run;
  if (!created_id?.name) throw new RemoteError("REMOTE", `CreateRun at ${remote.endpoint} answered without a run name`);
  return runHandle(remote, { org: created_id.org, project: created_id.project || scope.project, domain: created_id.domain || scope.domain, name: created_id.name }, task);
}

/** The OSS server's rule for run names: a DNS-1035 label of at most 30 characters. */
const RUN_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const RUN_NAME_MAX = 30;

/** Checks a run name before anything is uploaded (the server would refuse it only at CreateRun). */
export function checkRunName(name: string): void {
  if (name.length > RUN_NAME_MAX || !RUN_NAME.test(name)) {
    throw new ConfigError(
      "run options",
      [{ path: ["name"], message: `${JSON.stringify(name)} is not a valid run name: at most ${RUN_NAME_MAX} lower-case letters, digits and '-', starting with a letter and not ending with '-'` }],
      "INVALID_INPUT",
    );
  }
}

/**
 * A run of a deployed task whose id the server does not know: UploadInputs answers NOT_FOUND ("failed to get task")
 * and CreateRun an unknown error ("task not found: {…}") on the OSS server. Said as what it means.
 */
function notDeployedError(err: unknown, taskRef: { case: "taskSpec" | "taskId"; value: unknown }, scope: { project: string; domain: string }): RemoteError | undefined {
  if (taskRef.case !== "taskId" || !(err instanceof ConnectError) || !/task not found/i.test(err.rawMessage)) return undefined;
  const id = taskRef.value as TaskIdentifier;
  return new RemoteError(
    "NOT_FOUND",
    `task ${id.name} version ${id.version} is not deployed in ${scope.project}/${scope.domain} (server said: ${err.rawMessage}). ` +
      "Deploy it with `flyte-ts deploy`, or pass --deployed the version a deploy printed.",
    { status: codeName(err.code), cause: err },
  );
}
