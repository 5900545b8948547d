// Plain container tasks: resources, accelerators, secrets, retries, a pod template and override.
import { z } from "zod";
import { GPU, PodTemplate, Resources, RetryStrategy, TaskEnvironment } from "@flyte-ts/core";

export const env = new TaskEnvironment({
  name: "basics",
  image: "ghcr.io/example/flyte-ts-examples:0.1.0",
  resources: new Resources({ cpu: ["1", "2"], memory: "2Gi" }),
  envVars: { LOG_LEVEL: "info" },
  secrets: ["api-key"],
  retries: new RetryStrategy({ count: 2, backoff: { base: "1s", factor: 2, cap: "30s" } }),
  description: "Examples of plain container tasks",
});

export const add = env.task(
  { inputs: z.object({ a: z.int(), b: z.int().default(1) }), output: z.int(), docs: "Adds two integers." },
  async function add({ a, b }) {
    return a + b;
  },
);

export const summarize = env.task(
  { inputs: z.object({ values: z.array(z.number()) }), output: z.object({ count: z.int(), mean: z.number() }) },
  async function summarize({ values }) {
    const total = values.reduce((s, v) => s + v, 0);
    return { count: values.length, mean: values.length ? total / values.length : 0 };
  },
);

const gpuEnv = env.clone({
  name: "basics-gpu",
  resources: { cpu: 4, memory: "16Gi", gpu: GPU("A100", 1, "1g.5gb"), shm: "auto" },
  podTemplate: new PodTemplate({
    podSpec: {
      containers: [{ name: "primary" }],
      tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }],
    },
    labels: { team: "ml" },
  }),
});

export const embed = gpuEnv.task(
  { inputs: z.object({ text: z.string() }), output: z.array(z.number()) },
  async function embed({ text }) {
    return [...text].slice(0, 4).map((c) => c.charCodeAt(0) / 255);
  },
);

/** The same task with more memory and no retries: `override` returns a copy. */
export const addBig = add.override({ resources: { cpu: "4", memory: "8Gi" }, retries: 0, shortName: "add-big" });

/** Inputs the example runner uses for each task. */
export const exampleInputs: Record<string, Record<string, unknown>> = {
  "basics.add": { a: 2, b: 40 },
  "basics.summarize": { values: [1, 2, 3, 4] },
  "basics-gpu.embed": { text: "flyte" },
};
