import { toJson } from "@bufbuild/protobuf";
import { LiteralSchema, type Literal } from "../gen/flyteidl2/core/literals_pb.ts";
import { FlyteRemote } from "../remote/client.ts";
import { requireScope } from "../remote/config.ts";
import { RemoteError } from "../remote/errors.ts";
import { runHandle, runStateOf, type RunState } from "../remote/run.ts";
import { remoteOptionsOf, type RemoteFlags } from "./remote-options.ts";

export interface RunsCommandOptions extends RemoteFlags {
  json?: boolean;
  follow?: boolean;
  attempt?: string;
  reason?: string;
}

function handleFor(name: string, options: RunsCommandOptions) {
  const remote = new FlyteRemote(remoteOptionsOf(options));
  const scope = requireScope(remote.config);
  return { remote, handle: runHandle(remote, { ...scope, name }) };
}

function describeState(state: RunState): string {
  return `${state.phase}, ${state.attempts} attempt(s)${state.error ? `\nerror (${state.error.kind}): ${state.error.message}` : ""}`;
}

/** `flyte-ts runs get <run>`: phase, attempts, error and (when it succeeded) outputs as literals. */
export async function runsGetCommand(name: string, options: RunsCommandOptions): Promise<string> {
  const { remote, handle } = handleFor(name, options);
  const response = await remote.call({ rpc: "flyteidl2.workflow.RunService/GetRunDetails", doing: `reading run ${name}` }, (call) =>
    remote.runs.getRunDetails({ runId: { ...handle.id } }, call),
  );
  const state = runStateOf(response.details!.action!);
  let outputs: unknown;
  if (state.phase === "SUCCEEDED") {
    // The task is unknown here: the outputs are shown as flyteidl2 literals (proto JSON), by output name.
    const literals = (await handle.outputs()) as Record<string, Literal>;
    outputs = Object.fromEntries(Object.entries(literals).map(([n, literal]) => [n, toJson(LiteralSchema, literal)]));
  }
  if (options.json) return `${JSON.stringify({ ...handle.id, url: handle.url, phase: state.phase, attempts: state.attempts, error: state.error ?? null, ...(outputs !== undefined ? { outputs } : {}) }, null, 2)}\n`;
  return `run ${name}: ${describeState(state)}\n${handle.url}\n${outputs !== undefined ? `outputs: ${JSON.stringify(outputs)}\n` : ""}`;
}

/** `flyte-ts runs logs <run>`: the log lines of an attempt; with --follow, until the attempt ends. */
export async function runsLogsCommand(name: string, options: RunsCommandOptions): Promise<undefined> {
  const { handle } = handleFor(name, options);
  const attempt = options.attempt !== undefined ? Number(options.attempt) : undefined;
  if (attempt !== undefined && !(Number.isInteger(attempt) && attempt >= 1)) throw new RemoteError("INVALID_INPUT", `--attempt must be a positive integer, got ${JSON.stringify(options.attempt)}`);
  const controller = new AbortController();
  // Without --follow, stop once the log stream has been quiet for a second (what is there so far). The clock runs
  // only while the stream is asked for or open: not during the calls before it, nor while waiting for logs that
  // are not there yet (those end in a NOT_FOUND error after the retries).
  let idle: NodeJS.Timeout | undefined;
  const quiet = () => {
    if (options.follow) return;
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(), 1000);
  };
  try {
    const onWaiting = () => clearTimeout(idle);
    for await (const line of handle.logs({ ...(attempt !== undefined ? { attempt } : {}), signal: controller.signal, onWaiting, onRequest: quiet })) {
      process.stdout.write(`${line}\n`);
      quiet();
    }
  } catch (err) {
    if (!controller.signal.aborted) throw err;
  } finally {
    clearTimeout(idle);
  }
  return undefined;
}

/** `flyte-ts runs abort <run>`. */
export async function runsAbortCommand(name: string, options: RunsCommandOptions, log: (line: string) => void): Promise<string> {
  const { handle } = handleFor(name, options);
  await handle.abort(options.reason ?? "aborted with flyte-ts runs abort");
  log(`asked the control plane to abort run ${name}`);
  return options.json ? `${JSON.stringify({ ...handle.id, aborted: true }, null, 2)}\n` : "";
}
