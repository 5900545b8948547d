import { z } from "zod";
import { TaskEnvironment, ctx } from "@flyte-ts/core";
import { Mpi } from "./src/index.ts";

const env = new TaskEnvironment({
  name: "mpi-training",
  image: "ghcr.io/acme/mpi:1",
  resources: { cpu: 4, memory: "8Gi" },
  pluginConfig: new Mpi({ workers: 4, slots: 2 }),
});

export const allreduce = env.task({ inputs: z.object({ n: z.int() }), output: z.int() }, async function allreduce({ n }) {
  return n * Number(ctx()?.data.mpiWorldSize ?? 1);
});
