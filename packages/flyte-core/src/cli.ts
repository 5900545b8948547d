import { Command } from "commander";
import { redactSecrets } from "./redact.ts";

// Only commander (and the small redaction helper) is imported up front so that `flyte-ts --help` starts
// fast; each command loads what it needs (zod, protobuf, tsx) when it runs. Every line printed goes
// through redactSecrets: messages may quote URLs with credentials or tokens a service echoed back.
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

export function buildProgram(): Command {
  const program = new Command("flyte-ts")
    .description("Declare, serialize and run Flyte 2 tasks written in TypeScript")
    .showHelpAfterError();

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

  program
    .command("run")
    .description("run one task and print its output as JSON")
    .option("--local", "run in this process, with no cluster")
    .argument("<module>", "module that declares the task")
    .argument("<task>", "task name (<environment>.<function>, or just <function>)")
    .option("--input <name=value>", "an input (value parsed as JSON when the input's type allows; repeatable)", collect)
    .option("--inputs-json <json>", "all inputs as one JSON object")
    .action(async (module: string, task: string, options) => {
      await report(async () => (await import("./cli/run-command.ts")).runCommand(module, task, options, log));
      // The task ran in this process and may have left timers or sockets open, or still be running after a
      // timeout or an interruption: the command ends with its result.
      process.stdout.write("", () => process.stderr.write("", () => process.exit()));
    });

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

await buildProgram().parseAsync(process.argv);
