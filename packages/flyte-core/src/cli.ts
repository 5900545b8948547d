import { Command } from "commander";
import { redactSecrets } from "./redact.ts";
import { coreVersion } from "./version.ts";

// Only commander (and the small redaction helper) is imported up front; each command loads what it needs
// (zod, protobuf, tsx) when it runs. `--help`, `<command> --help` and `-V` do not even get here: the build
// writes every help text this program prints to dist/cli-help.json (scripts/write-cli-help.mjs) and
// bin/flyte-ts.js prints them without loading commander. Every line printed goes through redactSecrets:
// messages may quote URLs with credentials or tokens a service echoed back.
const log = (line: string) => process.stderr.write(`flyte-ts: ${redactSecrets(line)}\n`);
const collect = (value: string, previous: string[] = []) => [...previous, value];

async function report(action: () => Promise<string | undefined>): Promise<void> {
  try {
    const text = await action();
    if (text) process.stdout.write(text);
  } catch (err) {
    const e = err as { code?: string; message?: string; name?: string; stack?: string };
    const known = typeof e?.code === "string" && /^[A-Z_]+$/.test(e.code);
    process.stderr.write(`${known ? `error [${e.code}]` : "error"}: ${redactSecrets(e?.message ?? String(err))}\n`);
    if (!known && process.env.FLYTE_TS_DEBUG) process.stderr.write(`${redactSecrets(String(e?.stack))}\n`);
    process.exitCode = 1;
  }
}

/** The flags of every command that talks to the control plane (they override FLYTE_* and the config file). */
function remoteFlags(command: Command): Command {
  return command
    .option("--endpoint <url>", "control plane (default: admin.endpoint of the config file, or FLYTE_ADMIN_ENDPOINT)")
    .option("--insecure", "plain HTTP without authentication")
    .option("--config <file>", "config file (default: searched as the Python SDK does)")
    .option("--project <project>", "Flyte project (default: task.project, or FLYTE_TASK_PROJECT)")
    .option("--domain <domain>", "Flyte domain (default: task.domain, or FLYTE_TASK_DOMAIN)")
    .option("--org <org>", "Flyte organization (default: task.org)");
}

/** Columns every help text is wrapped to. */
export const HELP_WIDTH = 80;

/** The whole `flyte-ts` program; actions import their command's module when they run. */
export function buildProgram(): Command {
  const program = new Command("flyte-ts")
    .description("Declare, serialize and run Flyte 2 tasks written in TypeScript")
    // `-V, --version` before any command prints @flyte-ts/core's version; after a command, `--version` stays
    // that command's own option (the tasks' version), hence positional options.
    .version(coreVersion(), "-V, --version", "print the version of @flyte-ts/core and exit")
    .enablePositionalOptions()
    .showHelpAfterError()
    // One layout whatever the terminal: the help texts are written at build time (see above), so they must
    // not depend on the width of the terminal that runs the command.
    .configureHelp({ helpWidth: HELP_WIDTH });

  program
    .command("serialize")
    .description("serialize every task the module declares to flyteidl2 TaskSpecs")
    .argument("<module>", "TypeScript or JavaScript module that declares TaskEnvironments and tasks")
    .option("--version <version>", "version of the tasks (default: the --bundle archive's MD5, else a hash of their code)")
    .option("--project <project>", "Flyte project")
    .option("--domain <domain>", "Flyte domain")
    .option("--org <org>", "Flyte organization")
    .option("--interpreter-path <path>", "interpreter engine plugins start on executors", undefined)
    .option("--entrypoint-path <path>", "entrypoint engine plugins start (default: beside the interpreter)")
    .option("--root-dir <dir>", "project root that module paths in the container args are relative to (default: cwd)")
    .option("--out <dir>", "write <task>.json and <task>.pb into this directory, replacing it as a whole (all or nothing), instead of a JSON array on stdout")
    .option("--bundle <uri>", "code bundle (from `flyte-ts bundle`) the tasks run from; a remote URI needs --version")
    .action((module: string, options) => report(async () => (await import("./cli/serialize-command.ts")).serializeCommand(module, options, log)));

  program
    .command("bundle")
    .description("build a deterministic code bundle (fast<digest>.tar.gz) of the project and print its version")
    .option("--root-dir <dir>", "project directory to bundle (default: cwd)")
    .option("--out <dir>", "directory to write the archive to (default: cwd)")
    .option("--list", "print the files that would be included and those left out, without writing an archive")
    .action((options) => report(async () => (await import("./cli/bundle-command.ts")).bundleCommand(options, log)));

  const run = program
    .command("run")
    .description("run one task and print its output as JSON")
    .option("--local", "run in this process, with no cluster")
    .option("--remote", "run on the Flyte 2 control plane (the spec inline with a freshly uploaded code bundle, or --deployed)")
    .argument("<module>", "module that declares the task")
    .argument("<task>", "task name (<environment>.<function>, or just <function>)")
    .option("--input <name=value>", "an input (value parsed as JSON when the input's type allows; repeatable)", collect)
    .option("--inputs-json <json>", "all inputs as one JSON object")
    .option("--deployed <version>", "remote: run the task deployed under this version (by task id)")
    .option("--version <version>", "remote: version of the inline spec (default: the deploy version of the task and bundle)")
    .option("--root-dir <dir>", "remote: project directory bundled with the run (default: cwd)")
    .option("--name <run>", "remote: name of the run (default: chosen by the server)")
    .option("--wait", "remote: follow the run to its end, print its outputs as JSON; exit 1 unless it SUCCEEDED")
    .option("--json", "remote: print the run (and with --wait its outputs) as one JSON object");
  remoteFlags(run).action(async (module: string, task: string, options) => {
    await report(async () => (await import("./cli/run-command.ts")).runCommand(module, task, options, log));
    // A local run ran the task in this process and may have left timers or sockets open, or still be running
    // after a timeout or an interruption: the command ends with its result.
    process.stdout.write("", () => process.stderr.write("", () => process.exit()));
  });

  remoteFlags(
    program
      .command("deploy")
      .description("deploy every task the modules declare: bundle the code, upload it, DeployTask per task")
      .argument("<modules...>", "modules that declare the tasks")
      .option("--version <version>", "version of the tasks (default: a hash of the bundle and every task's spec)")
      .option("--root-dir <dir>", "project directory to bundle (default: cwd)")
      .option("--dry-run", "build and serialize, print what would be deployed; contact nothing")
      .option("--concurrency <n>", "DeployTask calls at once (default: 8)")
      .option("--json", "print JSON instead of a table"),
  ).action((modules: string[], options) => report(async () => (await import("./cli/deploy-command.ts")).deployCommand(modules, options, log)));

  const runs = program.command("runs").description("inspect and control runs on the control plane");
  remoteFlags(runs.command("get").description("phase, attempts, error and outputs of a run").argument("<run>", "run name").option("--json", "print JSON"))
    .action((name: string, options) => report(async () => (await import("./cli/runs-command.ts")).runsGetCommand(name, options)));
  remoteFlags(
    runs
      .command("logs")
      .description("log lines of a run's attempt (what is there so far; --follow until the attempt ends)")
      .argument("<run>", "run name")
      .option("--follow", "keep printing until the attempt ends")
      .option("--attempt <n>", "attempt number (default: the latest)"),
  ).action((name: string, options) => report(async () => (await import("./cli/runs-command.ts")).runsLogsCommand(name, options)));
  remoteFlags(runs.command("abort").description("abort a run").argument("<run>", "run name").option("--reason <text>", "why").option("--json", "print JSON"))
    .action((name: string, options) => report(async () => (await import("./cli/runs-command.ts")).runsAbortCommand(name, options, log)));

  program
    .command("render")
    .description("write the engine resources (SparkApplication, RayJob, DaskJob, …) the backend would create")
    .argument("<module>", "module that declares the tasks")
    .option("--out <dir>", "write one YAML file per resource here instead of stdout")
    .option("--version <version>", "version of the tasks")
    .action((module: string, options) => report(async () => (await import("./cli/render-command.ts")).renderCommand(module, options, log)));

  program
    .command("plugins")
    .description("list the registered task plugins, their packages and versions")
    .argument("[module]", "also load this module (and the plugins it imports)")
    .option("--json", "print JSON")
    .action((module: string | undefined, options) => report(async () => (await import("./cli/plugins-command.ts")).pluginsCommand(module, options, log)));

  return program;
}

/** Runs the CLI on `argv` (`process.argv`: node, script, then the arguments). */
export async function main(argv: readonly string[]): Promise<void> {
  await buildProgram().parseAsync([...argv]);
}

/**
 * Every help text the program prints for `flyte-ts [<command>...] --help` (and `flyte-ts help [<command>]`),
 * keyed by the command path joined with spaces ("" for the program itself), with `version` for `-V`.
 * scripts/write-cli-help.mjs writes this to dist/cli-help.json at build time.
 */
export function helpTexts(): Record<string, string> {
  const texts: Record<string, string> = {};
  const visit = (command: Command, path: string[]) => {
    texts[path.join(" ")] = command.helpInformation();
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  visit(buildProgram(), []);
  return texts;
}
