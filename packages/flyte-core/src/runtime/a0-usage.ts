import { coreVersion } from "../version.ts";

// `a0 --help` and `a0 --version`. The backend never passes either: it always starts a0 with the flags
// serializeTask writes (docs/container-args.md), where `--version <v>` is the task's version — so only a
// lone `--version` (or `-V`) asks for the runtime's own version.

/** Every flag a0 accepts, as the parser in invocation.ts knows them (a test keeps the two equal). */
export const A0_FLAGS: ReadonlyArray<readonly [flags: string, description: string]> = [
  ["-i, --inputs <uri>", "the action's inputs.pb (required)"],
  ["-o, --outputs-path <prefix>", "where outputs.pb or error.pb is written (required)"],
  ["-v, --version <version>", "the task's version (required)"],
  ["--run-base-dir <uri>", "the run's base directory (or $_U_RUN_BASE)"],
  ["-r, --raw-data-path <prefix>", "where the task writes raw data"],
  ["-c, --checkpoint-path <prefix>", "this attempt's checkpoint prefix"],
  ["-p, --prev-checkpoint <prefix>", 'the previous attempt\'s checkpoint ("" on the first attempt)'],
  ["--run-name <name>", "the run's name (or $RUN_NAME)"],
  ["--name <name>", "the action's name (or $ACTION_NAME)"],
  ["--run-start-time <time>", "the run's start time (RFC 3339; the epoch when not substituted)"],
  ["--project <project>", "Flyte project (or $FLYTE_INTERNAL_EXECUTION_PROJECT)"],
  ["--domain <domain>", "Flyte domain (or $FLYTE_INTERNAL_EXECUTION_DOMAIN)"],
  ["--org <org>", "Flyte organization (or $_U_ORG_NAME)"],
  ["--image-cache <uri>", "accepted for the contract; not used"],
  ["--tgz <uri>", "the code bundle (fast<digest>.tar.gz) to download and unpack"],
  ["--pkl <uri>", "a pickled Python bundle: refused (TypeScript tasks need --tgz)"],
  ["--dest <dir>", "where the bundle is unpacked (default: .)"],
  ["--resolver <name>", "the task resolver (flyte_ts.DefaultTaskResolver)"],
  ["--debug", "accepted for the contract; no effect"],
  ["--interactive-mode", "accepted for the contract; no effect"],
  ["-h, --help", "print this help and exit"],
  ["-V, --version", "alone: print the runtime's version and exit"],
];

export function a0Usage(): string {
  const width = Math.max(...A0_FLAGS.map(([f]) => f.length));
  return [
    "Usage: a0 [options] mod <module> task <task name>",
    "",
    "The flyte-ts task runtime the Flyte backend starts in a task's container: it unpacks the code bundle,",
    "loads the task from <module>, reads inputs.pb, runs the plugin hooks and the body, and writes",
    "outputs.pb or error.pb under --outputs-path. Its arguments come from the serialized task",
    "(flyte-ts serialize); see docs/runtime.md.",
    "",
    "Options:",
    ...A0_FLAGS.map(([flags, description]) => `  ${flags.padEnd(width)}  ${description}`),
    "",
  ].join("\n");
}

/** The text `a0 <args>` prints instead of running a task (help or version), or undefined to run one. */
export function a0InfoText(args: readonly string[]): string | undefined {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) return `${coreVersion()}\n`;
  // Only where a flag may stand (before the resolver's "mod … task …" and not as a flag's value).
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") return a0Usage();
    if (!arg.startsWith("-")) return undefined;
    if (!arg.includes("=") && arg !== "--debug" && arg !== "--interactive-mode") i++;
  }
  return undefined;
}
