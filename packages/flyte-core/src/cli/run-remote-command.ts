import { RemoteError } from "../remote/errors.ts";
import { runRemote } from "../remote/run.ts";
import type { AnyTask } from "../task/task.ts";
import type { RunCommandOptions } from "./run-command.ts";
import { remoteOptionsOf, toJsonText, uploadProgressLogger } from "./remote-options.ts";

/**
 * `flyte-ts run --remote`: starts the run, prints its name and console URL; with --wait follows it (phase
 * changes and attempts on stderr), prints the outputs as JSON and fails unless it SUCCEEDED.
 */
export async function runRemoteCommand(task: AnyTask, inputs: Record<string, unknown>, options: RunCommandOptions, log: (line: string) => void): Promise<string> {
  const handle = await runRemote(task, inputs as never, {
    remote: remoteOptionsOf(options),
    ...(options.deployed !== undefined ? { deployedVersion: options.deployed } : {}),
    ...(options.version !== undefined ? { version: options.version } : {}),
    ...(options.rootDir !== undefined ? { rootDir: options.rootDir } : {}),
    ...(options.name !== undefined ? { name: options.name } : {}),
    onProgress: log,
    onUploadProgress: uploadProgressLogger(log),
  });
  log(`started run ${handle.name} of ${task.taskName}: ${handle.url}`);
  if (!options.wait) {
    return options.json ? `${JSON.stringify({ ...handle.id, url: handle.url }, null, 2)}\n` : `${handle.name}\n${handle.url}\n`;
  }
  const final = await handle.wait({
    onPhase: (state) => log(`run ${handle.name}: ${state.phase}${state.attempts > 0 ? ` (attempt ${state.attempts})` : ""}`),
    onReconnect: (reason) => log(`watch of run ${handle.name} interrupted (${reason}); reconnecting`),
  });
  if (final.phase !== "SUCCEEDED") {
    const error = final.error ? `: ${final.error.kind === "ABORT" ? "aborted" : `${final.error.kind} error`}: ${final.error.message}` : "";
    throw new RemoteError("RUN_FAILED", `run ${handle.name} of ${task.taskName} ended ${final.phase}${error}\n${handle.url}`);
  }
  const outputs = await handle.outputs();
  return toJsonText(options.json ? { ...handle.id, url: handle.url, phase: final.phase, outputs } : outputs);
}
