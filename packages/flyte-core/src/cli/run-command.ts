import type { z } from "zod";
import { ConfigError, FlyteTsError } from "../errors.ts";
import { ProcessGuard, interruptionFailure } from "../runtime/process-guard.ts";
import type { FailureStage } from "../runtime/task-failure.ts";
import { run } from "../run/execute.ts";
import { findTask, loadTasks } from "../module/load-tasks.ts";
import type { RemoteFlags } from "./remote-options.ts";

export interface RunCommandOptions extends RemoteFlags {
  local?: boolean;
  remote?: boolean;
  input?: string[];
  inputsJson?: string;
  /** Remote: run the deployed task of this version instead of sending the spec inline. */
  deployed?: string;
  version?: string;
  rootDir?: string;
  name?: string;
  wait?: boolean;
  json?: boolean;
}

/** Runs one task locally (or, with --remote, on the control plane) and returns its output as JSON text. */
export async function runCommand(modulePath: string, taskName: string, options: RunCommandOptions, log: (line: string) => void): Promise<string> {
  if (options.local === options.remote) {
    throw new ConfigError("run", [{ path: options.local ? ["--local", "--remote"] : ["--local"], message: "pass exactly one of --local (in this process) and --remote (on the control plane)" }]);
  }
  if (options.remote) {
    const tasks = await loadTasks(modulePath);
    const task = findTask(tasks, taskName, modulePath);
    const inputs = parseInputs(task.settings.inputs, options);
    // The remote client is loaded only here: local runs never load it.
    const { runRemoteCommand } = await import("./run-remote-command.ts");
    return runRemoteCommand(task, inputs, options, log);
  }
  // The task runs in this process: watch it so that every way it can end (a promise that never settles,
  // an unhandled rejection, a throw in a timer, process.exit, Ctrl-C) ends the command with a message.
  const guard = new ProcessGuard({ signals: ["SIGINT", "SIGTERM"], letTaskHandleFirstSignal: true, log });
  let where: { stage: FailureStage; taskName?: string } = { stage: "load" };
  const interrupted = guard.interrupted.then((interruption): never => {
    const failure = interruptionFailure(interruption, where.stage, { taskName: where.taskName, modulePath });
    throw new FlyteTsError("INTERRUPTED", `${failure.message} [${failure.code}]`, { cause: interruption });
  });
  try {
    const tasks = await Promise.race([loadTasks(modulePath), interrupted]);
    const task = findTask(tasks, taskName, modulePath);
    const inputs = parseInputs(task.settings.inputs, options);
    where = { stage: "body", taskName: task.taskName };
    log(`running ${task.taskName} locally`);
    const output = await Promise.race([
      run(task, inputs, {
        mode: "local",
        onRetry: (error, attempt) => log(`attempt ${attempt} failed (${(error as Error)?.message ?? String(error)}); retrying`),
      }),
      interrupted,
    ]);
    return `${JSON.stringify(output === undefined ? null : output, null, 2)}\n`;
  } finally {
    // Stray callbacks of the task after this point are logged, not fatal; the command exits with its result.
    guard.finish();
  }
}

function parseInputs(schema: z.ZodObject | undefined, options: RunCommandOptions): Record<string, unknown> {
  let inputs: Record<string, unknown> = {};
  if (options.inputsJson !== undefined) {
    try {
      inputs = JSON.parse(options.inputsJson) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError("inputs", [{ path: ["--inputs-json"], message: `not valid JSON: ${(err as Error).message}` }], "INVALID_INPUT");
    }
    if (inputs === null || typeof inputs !== "object" || Array.isArray(inputs)) {
      throw new ConfigError("inputs", [{ path: ["--inputs-json"], message: "must be a JSON object of input names to values" }], "INVALID_INPUT");
    }
  }
  for (const pair of options.input ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new ConfigError("inputs", [{ path: ["--input"], message: `expected name=value, got ${JSON.stringify(pair)}` }], "INVALID_INPUT");
    const name = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    inputs[name] = coerce(raw, schema?.shape[name] as z.ZodType | undefined);
  }
  return inputs;
}

// A value from the command line is JSON when it parses as JSON that the input's schema accepts,
// else the raw text (so `--input name=world` needs no quotes).
function coerce(raw: string, schema: z.ZodType | undefined): unknown {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!schema || schema.safeParse(parsed).success || !schema.safeParse(raw).success) return parsed;
  } catch {
    // not JSON: the text itself
  }
  return raw;
}
