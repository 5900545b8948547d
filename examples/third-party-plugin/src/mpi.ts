import { z } from "zod";
import { type PluginConfig, definePlugin } from "@flyte-ts/core";
import { readPluginPackage } from "@flyte-ts/core/plugin-kit";

export const MPI_KIND = "flyte-ts-plugin-mpi-example#Mpi";

/** The options users write; validated by {@link MpiConfigSchema}. */
export interface MpiOptions {
  /** Worker pods (≥ 1). */
  workers: number;
  /** Launcher pods (≥ 1, default 1). */
  launcherReplicas?: number;
  /** MPI slots per worker (≥ 1, default 1). */
  slots?: number;
}

export const MpiConfigSchema = z.strictObject({
  kind: z.literal(MPI_KIND),
  workers: z.int().min(1),
  launcherReplicas: z.int().min(1).default(1),
  slots: z.int().min(1).default(1),
});

/** An MPI job config: put it in a TaskEnvironment's `pluginConfig`. */
export class Mpi implements PluginConfig {
  readonly kind = MPI_KIND;
  readonly workers: number;
  readonly launcherReplicas: number | undefined;
  readonly slots: number | undefined;
  constructor(options: MpiOptions) {
    this.workers = options.workers;
    this.launcherReplicas = options.launcherReplicas;
    this.slots = options.slots;
  }
}

/**
 * `custom` is `flyteidl2.plugins.DistributedMPITrainingTask` as protobuf JSON
 * (`numWorkers`, `numLauncherReplicas`, `slots`), which the backend's MPI plugin reads for task type "mpi".
 */
export const mpiPlugin = definePlugin({
  // name, version and coreApiRange (the peer range on core, which npm checks too) from package.json
  ...readPluginPackage(new URL("../package.json", import.meta.url)),
  configKind: MPI_KIND,
  taskType: "mpi",
  configSchema: MpiConfigSchema,
  customConfig: (config) => ({ numWorkers: config.workers, numLauncherReplicas: config.launcherReplicas, slots: config.slots }),
  validateTask: (task) =>
    task.reusable ? [{ path: ["reusable"], message: "MPI jobs cannot run in a reusable environment" }] : [],
  pre: (hook) => ({ mpiWorldSize: hook.config.workers * hook.config.slots }),
});
