// Where the code bundle of a remote run is. Core's TaskContext does not carry it yet, so this reads a
// `codeBundle` field when a future core provides one and otherwise the `a0` arguments the container
// was started with (`--tgz <uri> --dest <dir>`, docs/container-args.md).
import type { TaskContext } from "@flyte-ts/core";

export interface RuntimeCodeBundle {
  /** URI of the .tar.gz. */
  tgz: string;
  /** Where it is unpacked, relative to each process's working directory unless absolute (default "."). */
  destination: string;
}

function flag(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 && at + 1 < argv.length ? argv[at + 1] : undefined;
}

export function runtimeCodeBundle(context: TaskContext, argv: readonly string[] = process.argv): RuntimeCodeBundle | undefined {
  const given = (context as { codeBundle?: { tgz?: string; destination?: string } }).codeBundle;
  if (given?.tgz) return { tgz: given.tgz, destination: given.destination ?? "." };
  if (!argv.includes("a0")) return undefined;
  const tgz = flag(argv, "--tgz");
  return tgz ? { tgz, destination: flag(argv, "--dest") ?? "." } : undefined;
}
