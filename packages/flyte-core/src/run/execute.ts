import { randomUUID, createHash } from "node:crypto";
import { ConfigError, FlyteTsError } from "../errors.ts";
import type { HookContext } from "../plugin/contract.ts";
import type { AnyTask } from "../task/task.ts";
import type { TaskSettings } from "../task/settings.ts";
import { zodIssues } from "../util/issues.ts";
import { type RunMode, type TaskContext, contextStorage, makeTaskContext } from "./context.ts";
import { nestedCallDispatcher } from "./nested-calls.ts";

/** Options of {@link run}. */
export interface RunOptions {
  /**
   * Where the task runs: only "local" here; remote runs start in the container through `a0`.
   *
   * Validation: `"local"`; anything else throws an EXECUTION error.
   *
   * @defaultValue `"local"`
   */
  mode?: "local";
  /**
   * Name of the run, seen by the body as `ctx().runName`.
   *
   * Validation: none beyond the type (a string).
   *
   * @defaultValue a random name: `r` and 19 hex digits
   */
  runName?: string;
  /**
   * Called before each retry with the error that caused it and the attempt number.
   *
   * Validation: none beyond the type (a function).
   *
   * @defaultValue `undefined`: retries are silent
   */
  onRetry?: (error: unknown, attempt: number) => void;
  /**
   * Waits between attempts (tests can pass a no-op).
   *
   * Validation: none beyond the type (a function returning a promise).
   *
   * @defaultValue a real timer (`setTimeout`)
   */
  sleep?: (seconds: number) => Promise<void>;
}

const defaultSleep = (seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000));

/**
 * Runs a task in this process: inputs checked by their schema → plugin `pre` → body (with `ctx()`) →
 * plugin `post` → output checked by its schema; failed attempts are retried per the task's retry
 * strategy. A plugin with `execute` (connector style) takes over the whole attempt.
 */
export async function run<T extends AnyTask>(
  task: T,
  inputs: Parameters<T>[0] = {} as Parameters<T>[0],
  options: RunOptions = {},
): Promise<Awaited<ReturnType<T>>> {
  if (options.mode !== undefined && options.mode !== "local") {
    throw new FlyteTsError("EXECUTION", `run() supports mode "local" only, got ${JSON.stringify(options.mode)}`);
  }
  const runName = options.runName ?? `r${randomUUID().replaceAll("-", "").slice(0, 19)}`;
  return (await execute(task, inputs ?? {}, { mode: "local", runName, parentAction: undefined }, options)) as Awaited<ReturnType<T>>;
}

/**
 * A task called from inside another task's body: a nested action of the same run. Inside `a0` with a
 * control plane (remote mode), the installed dispatcher runs it as a child action; otherwise in-process.
 */
export function runInContext(task: AnyTask, inputs: unknown, parent: TaskContext): Promise<unknown> {
  const dispatch = parent.mode === "remote" ? nestedCallDispatcher() : undefined;
  if (dispatch) return dispatch(task, inputs, parent);
  return execute(task, inputs, { mode: parent.mode, runName: parent.runName, parentAction: parent.actionName }, {});
}

interface Placement {
  mode: RunMode;
  runName: string;
  parentAction: string | undefined;
}

let actionCounter = 0;

async function execute(task: AnyTask, rawInputs: unknown, where: Placement, options: RunOptions): Promise<unknown> {
  const settings = task.settings;
  const inputs = parseTaskInputs(settings, rawInputs);
  // Not "a0" (that names a remote run's root action): a short hash, as the reference's local controller uses.
  const actionName = createHash("sha256")
    .update(`${where.runName}/${where.parentAction ?? ""}/${settings.name}/${++actionCounter}`)
    .digest("hex")
    .slice(0, 20);
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = settings.retries.count + 1;
  for (let attempt = 0; ; attempt++) {
    const base = { mode: where.mode, runName: where.runName, actionName, taskName: settings.name, attempt, checkpointPath: undefined, prevCheckpointPath: undefined };
    try {
      const output = await attemptOnce(task, inputs, base);
      // A connector's result (e.g. a remote run's final state) is not the body's output.
      return parseOutput(task, output, Boolean(task.settings.plugin?.execute));
    } catch (error) {
      if (error instanceof ConfigError || attempt + 1 >= maxAttempts) throw error;
      options.onRetry?.(error, attempt + 1);
      const delay = settings.retries.backoff?.delaySeconds(attempt + 1) ?? 0;
      if (delay > 0) await sleep(delay);
    }
  }
}

/**
 * One attempt of a task: plugin `pre` → body (with `ctx()`) → plugin `post`. A plugin's `execute`
 * (connector style) takes over the attempt when `useConnector` is set — in local runs; inside the
 * action's own container the body always runs here.
 */
export async function attemptOnce(
  task: AnyTask,
  inputs: Record<string, unknown>,
  base: Omit<TaskContext, "data" | "isInCluster">,
  useConnector = true,
): Promise<unknown> {
  const { plugin, pluginConfig } = task.settings;
  const storage = contextStorage();
  const inherited = storage.getStore()?.data ?? {};
  const stop = new AbortController();
  const hookContext = (data: Record<string, unknown>): HookContext =>
    ({ task: task.settings, config: pluginConfig!, inputs, context: makeTaskContext({ ...base, data }), signal: stop.signal });
  const runBody = async (): Promise<unknown> => {
    let data: Record<string, unknown> = { ...inherited };
    if (plugin?.pre) {
      const fromPre = await plugin.pre(hookContext(data));
      if (fromPre !== undefined && (typeof fromPre !== "object" || fromPre === null)) {
        throw new FlyteTsError("EXECUTION", `${plugin.name} pre() must return an object, got ${typeof fromPre}`);
      }
      data = { ...data, ...fromPre };
    }
    const context = makeTaskContext({ ...base, data });
    let output: unknown;
    try {
      output = await storage.run(context, () => (task.body as (i: unknown) => unknown)(inputs));
      if (plugin?.post) await plugin.post({ ...hookContext(data), data }, output);
    } catch (error) {
      // The attempt's own failure is what the caller sees; a cleanup failure after it is secondary.
      try {
        if (plugin?.cleanup) await plugin.cleanup({ ...hookContext(data), data });
      } catch {}
      throw error;
    }
    if (plugin?.cleanup) await plugin.cleanup({ ...hookContext(data), data });
    return output;
  };
  const connector = Boolean(plugin?.execute && useConnector);
  const attempt = connector
    ? () => storage.run(makeTaskContext({ ...base, data: inherited }), () => plugin!.execute!(hookContext(inherited), runBody))
    : runBody;
  // A connector holds remote work (a submitted run): on timeout it is told to cancel it, and the attempt
  // fails once it has, so that the run is not left behind.
  return withTimeout(task.settings.name, task.settings.timeout?.maxRuntime ?? 0, attempt, stop, connector);
}

/**
 * Runs one attempt under the task's `timeout` (`maxRuntime`, seconds; 0 = none): when it is exceeded the
 * attempt fails with a TIMEOUT error at once. A JavaScript body cannot be cancelled: it may go on in the
 * background (a0 and `flyte-ts run` exit once the result is reported). The timer does not keep the
 * process alive, so a body that can never settle is reported as such rather than as a timeout.
 */
async function withTimeout<T>(taskName: string, seconds: number, attempt: () => Promise<T>, stop: AbortController, waitForStop: boolean): Promise<T> {
  if (!(seconds > 0)) return attempt();
  let timer: NodeJS.Timeout | undefined;
  const running = attempt();
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new FlyteTsError("TIMEOUT", `${taskName} ran longer than its timeout (maxRuntime ${formatSeconds(seconds)}) and was stopped`);
      timedOut = true;
      stop.abort(error);
      if (!waitForStop) return reject(error);
      running.then(() => reject(error), () => reject(error));
    }, Math.min(seconds * 1000, 2 ** 31 - 1));
    timer.unref();
  });
  let timedOut = false;
  // After the timeout the attempt's own outcome (a connector's "cancelled" error) is not the result.
  const outcome = running.then(
    (value) => (timedOut ? new Promise<never>(() => {}) : value),
    (error: unknown) => (timedOut ? new Promise<never>(() => {}) : Promise.reject(error)),
  );
  try {
    return await Promise.race([outcome, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? `${seconds}s` : `${Number(seconds.toFixed(3))}s`;
}

/** Inputs checked against the task's schema (defaults applied); an INVALID_INPUT error lists the problems. */
export function parseTaskInputs(settings: TaskSettings, raw: unknown): Record<string, unknown> {
  const schema = settings.inputs;
  if (!schema) {
    if (raw !== undefined && (typeof raw !== "object" || raw === null || Object.keys(raw).length > 0)) {
      throw new ConfigError(`inputs of ${settings.name}`, [{ path: [], message: "this task declares no inputs" }], "INVALID_INPUT");
    }
    return {};
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new ConfigError(`inputs of ${settings.name}`, zodIssues(result.error), "INVALID_INPUT");
  return result.data as Record<string, unknown>;
}

/** The body's output checked against the task's output schema; an INVALID_OUTPUT error lists the problems. */
export function parseOutput(task: AnyTask, output: unknown, fromConnector = false): unknown {
  const schema = task.settings.output;
  if (!schema) {
    if (fromConnector) return output;
    // As in the cluster, where a value with no declared output cannot be written to outputs.pb
    // (null and undefined are "no value", like Python's None).
    if (output !== undefined && output !== null) {
      throw new ConfigError(`output of ${task.settings.name}`, [{ path: [], message: "the task declares no output but returned a value; declare it with `output` (a zod schema)" }], "INVALID_OUTPUT");
    }
    return output;
  }
  const result = schema.safeParse(output);
  if (!result.success) throw new ConfigError(`output of ${task.settings.name}`, zodIssues(result.error), "INVALID_OUTPUT");
  return result.data;
}
