/** The code bundle a remote run's container was started with. */
export interface RunCodeBundle {
  /** URI of the .tar.gz of the code (`--tgz`). */
  readonly tgz?: string;
  /** URI of a pickled task (`--pkl`; Python only, kept for wire compatibility). */
  readonly pkl?: string;
  /** Where it is unpacked (`--dest`, default "."). */
  readonly destination: string;
}

function flag(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 && at + 1 < argv.length ? argv[at + 1] : undefined;
}

/**
 * The code bundle named by the container arguments `serializeTask` writes (`a0 … --tgz <uri> --dest
 * <dir>`, docs/container-args.md), or undefined when the process was not started by them or has no bundle.
 */
export function codeBundleFromArgs(argv: readonly string[] = process.argv): RunCodeBundle | undefined {
  if (!argv.includes("a0")) return undefined;
  const tgz = flag(argv, "--tgz");
  const pkl = flag(argv, "--pkl");
  if (!tgz && !pkl) return undefined;
  return { ...(tgz ? { tgz } : {}), ...(pkl ? { pkl } : {}), destination: flag(argv, "--dest") ?? "." };
}
