// The `a0` executable: the runtime the Flyte backend starts in a task's container (its args come from
// serializeTask, docs/container-args.md). Kept apart from cli.ts so `flyte-ts --help` does not load it.
import { runAction } from "./runtime/run-action.ts";

const code = await runAction(process.argv.slice(2), { guardProcess: true });
// Exit even when a task body left handles open (timers, child processes): the backend waits for the
// container to end, and the result is already written.
process.stderr.write("", () => process.exit(code));
