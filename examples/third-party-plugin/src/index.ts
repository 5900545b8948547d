import { registerPlugin } from "@flyte-ts/core";
import { mpiPlugin } from "./mpi.ts";

export { Mpi, MPI_KIND, MpiConfigSchema, mpiPlugin, type MpiOptions } from "./mpi.ts";

// Importing the package registers the plugin (the package.json marks this file as having side effects).
registerPlugin(mpiPlugin);
