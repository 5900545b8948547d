// The `a0` executable: the runtime the Flyte backend starts in a task's container (its args come from
// serializeTask, docs/container-args.md). Kept apart from cli.ts so `flyte-ts --help` does not load it.
import { a0InfoText } from "./runtime/a0-usage.ts";
import { runAction } from "./runtime/run-action.ts";

// `a0 --help` and a lone `a0 --version` answer on stdout and exit 0.
const info = a0InfoText(process.argv.slice(2));
if (info !== undefined) {
  process.stdout.write(info);
  process.exit(0);
}

const code = await runAction(process.argv.slice(2), { guardProcess: true });
// Exit even when a task body left handles open (timers, child processes): the backend waits for the
// container to end, and the result is already written.
process.stderr.write("", () => process.exit(code));
