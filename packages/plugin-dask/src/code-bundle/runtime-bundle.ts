// Where the code bundle of a remote run is: the task context's, else the one the `a0` arguments name.
import { type TaskContext, codeBundleFromArgs } from "@flyte-ts/core";

export interface RuntimeCodeBundle {
  /** URI of the .tar.gz. */
  tgz: string;
  /** Where it is unpacked, relative to each process's working directory unless absolute (default "."). */
  destination: string;
}

export function runtimeCodeBundle(context: TaskContext, argv: readonly string[] = process.argv): RuntimeCodeBundle | undefined {
  const bundle = context.codeBundle ?? codeBundleFromArgs(argv);
  // Only a .tar.gz can be unpacked on the Dask nodes; a pickled task carries no code to ship.
  return bundle?.tgz ? { tgz: bundle.tgz, destination: bundle.destination } : undefined;
}
