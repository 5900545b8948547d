import { dirname, relative, isAbsolute } from "node:path";
import { FlyteTsError, SerializationContext, containerArgs, type HookContext, type TaskSettings } from "@flyte-ts/core";
import type { DatabricksSettings } from "../config/databricks.ts";
import { DatabricksConnector, DatabricksSubmitInterrupted, type DatabricksConnectorOptions, type DatabricksRunInfo } from "../connector/connector.ts";
import { resolveInstance, resolveToken } from "../connector/credentials.ts";
import { isTerminal } from "../connector/phase.ts";
import { buildRunsSubmitBody } from "../connector/submit-body.ts";
import { entrypointPath } from "../entrypoint.ts";
import { databricksCustom } from "../serialize/custom.ts";

/** What a local run of a Databricks task returns: the remote run's final state. */
export interface DatabricksRunResult {
  readonly runId: string;
  readonly state: string;
  readonly message: string;
  readonly runPageUrl: string | undefined;
}

export interface LocalRunSettings {
  /** Wait between two runs/get calls (default 3000 ms, as the reference). */
  pollIntervalMs: number;
  /** Where progress goes (default: stderr). */
  log: (line: string) => void;
  /** Where the token and the instance are looked up (default: process.env). */
  env: Readonly<Record<string, string | undefined>>;
  /** Retries, timeouts, fetch and sleep of the HTTP calls. */
  connector: Omit<DatabricksConnectorOptions, "host" | "token">;
}

const defaults: LocalRunSettings = {
  pollIntervalMs: 3000,
  log: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  connector: {},
};
let current: LocalRunSettings = { ...defaults };

/** Changes how local runs of Databricks tasks talk to the workspace (e.g. a faster poll in tests). */
export function configureLocalRuns(settings: Partial<LocalRunSettings>): void {
  current = { ...current, ...settings };
}

/** Back to the defaults. */
export function resetLocalRuns(): void {
  current = { ...defaults };
}

/**
 * The plugin's `execute`: in the cluster the body runs as for any task; locally the task is submitted to
 * Databricks with the reference connector's request, polled until it ends (state changes go to the log),
 * and cancelled on Ctrl-C (SIGINT) or when it can no longer be followed. Ctrl-C acts at once wherever the
 * run is (submission in flight, a retry wait, polling); a second Ctrl-C exits without waiting.
 */
export async function executeOnDatabricks(hook: HookContext<DatabricksSettings>, runBody: () => Promise<unknown>): Promise<DatabricksRunResult | unknown> {
  if (hook.context.isInCluster()) return runBody();
  const settings = { ...current };
  const body = buildRunsSubmitBody(localTaskTemplate(hook.task, hook.config), entrypointPath(settings.env));
  const connector = new DatabricksConnector({
    ...settings.connector,
    host: resolveInstance(hook.config.databricksInstance, settings.env),
    token: resolveToken(hook.config.databricksToken, settings.env),
  });
  const name = hook.task.name;
  const interrupted = new AbortController();
  // First Ctrl-C: stop at once (a request in flight, a retry wait, the poll) and cancel the run. A
  // second one while that cancellation runs: exit now, as an interrupted program does.
  const onInterrupt = () => {
    if (!interrupted.signal.aborted) {
      interrupted.abort();
      return;
    }
    settings.log(`${name}: interrupted again; exiting without waiting for the cancellation`);
    process.off("SIGINT", onInterrupt);
    if (process.listenerCount("SIGINT") === 0) process.kill(process.pid, "SIGINT");
  };
  process.on("SIGINT", onInterrupt);
  // The attempt's timeout stops the run as Ctrl-C does (core waits for the cancellation, then fails with TIMEOUT).
  const stop = hook.signal ? AbortSignal.any([interrupted.signal, hook.signal]) : interrupted.signal;
  try {
    settings.log(`${name}: submitting a Databricks run to ${connector.baseUrl}`);
    let runId: string;
    try {
      runId = await connector.submit(body, stop);
    } catch (err) {
      if (!(err instanceof DatabricksSubmitInterrupted)) throw err;
      throw new FlyteTsError("EXECUTION", `Failed to run the task ${name}: interrupted (SIGINT) while submitting; ${err.cancelledRunId === undefined ? "no Databricks run was created" : `Databricks run ${err.cancelledRunId} was cancelled`}`);
    }
    const final = await pollUntilDone(connector, runId, settings, stop, name);
    if (final.phase === "SUCCEEDED") return { runId, state: final.state, message: final.message, runPageUrl: final.runPageUrl };
    throw new FlyteTsError("EXECUTION", `Failed to run the task ${name}: Databricks run ${runId} ended ${final.state} (${final.phase})${final.message ? `: ${final.message}` : ""}`);
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

async function pollUntilDone(connector: DatabricksConnector, runId: string, settings: LocalRunSettings, interrupted: AbortSignal, name: string): Promise<DatabricksRunInfo> {
  let last = "";
  let linked = false;
  for (;;) {
    if (interrupted.aborted) return cancelRun(connector, runId, settings, name, interrupted);
    let info: DatabricksRunInfo;
    try {
      info = await connector.get(runId, interrupted);
    } catch (err) {
      if (interrupted.aborted) return cancelRun(connector, runId, settings, name, interrupted);
      // Giving up on a run must not leave it running (and billing) unobserved.
      settings.log(`${name}: cannot follow Databricks run ${runId}; cancelling it`);
      let outcome = "it was cancelled";
      try {
        await connector.cancel(runId);
      } catch (cancelError) {
        outcome = `cancelling it failed too (${(cancelError as Error).message}); cancel it in the workspace`;
      }
      throw new FlyteTsError("EXECUTION", `Failed to run the task ${name}: could not follow Databricks run ${runId} (${(err as Error).message}); ${outcome}`, { cause: err });
    }
    if (!linked && info.runPageUrl) {
      settings.log(`${name}: Databricks run ${runId}: ${info.runPageUrl}`);
      linked = true;
    }
    const shown = `${info.state}${info.message ? ` (${info.message})` : ""}`;
    if (shown !== last) settings.log(`${name}: Databricks run ${runId} is ${shown}`);
    last = shown;
    if (isTerminal(info.phase)) return info;
    await abortableSleep(settings.pollIntervalMs, interrupted);
  }
}

async function cancelRun(connector: DatabricksConnector, runId: string, settings: LocalRunSettings, name: string, stop: AbortSignal): Promise<never> {
  const timedOut = (stop.reason as { code?: unknown } | undefined)?.code === "TIMEOUT";
  settings.log(`${name}: ${timedOut ? "timed out" : "interrupted"}; cancelling Databricks run ${runId}`);
  await connector.cancel(runId);
  throw new FlyteTsError("EXECUTION", `Failed to run the task ${name}: interrupted (SIGINT); Databricks run ${runId} was cancelled`);
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

/**
 * The parts of the task's TaskTemplate the connector reads: `custom` and the container (image, args,
 * env). The args keep their `{{.…}}` placeholders: a local run uploads no inputs or code bundle.
 */
function localTaskTemplate(task: TaskSettings, config: DatabricksSettings): Record<string, unknown> {
  const source = task.sourceFile;
  const cwd = process.cwd();
  const inCwd = source !== undefined && !relative(cwd, source).startsWith("..") && !isAbsolute(relative(cwd, source));
  const sctx = new SerializationContext({ version: "local", rootDir: inCwd || source === undefined ? cwd : dirname(source) });
  const container: Record<string, unknown> = { args: containerArgs(task, sctx) };
  if (task.image) container.image = task.image;
  const env = Object.entries(task.envVars ?? {}).map(([key, value]) => ({ key, value }));
  if (env.length > 0) container.env = env;
  return { custom: databricksCustom(config, sctx), container };
}
