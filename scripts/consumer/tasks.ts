import { z } from "zod";
import { TaskEnvironment } from "@flyte-ts/core";

const env = new TaskEnvironment({ name: "consumer", image: "img:1", resources: { cpu: 1 } });
export const hello = env.task({ output: z.string() }, async function hello() {
  return "hello";
});
