// ctx().data.ray.runDriver against the run's local Ray cluster: a Python driver connected with the
// task's settings runs Ray tasks on the second node (the head has no CPUs) with the shipped working
// directory's code, its output streams, its JSON result reaches the body, and its error fails the body.
import { afterAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { ctx, run, TaskEnvironment } from "@flyte-ts/core";
import { RayJobConfig, type RayHookData, stopLocalRayHead } from "@flyte-ts/plugin-ray";

const cluster = inject("ray");
const fixtures = new URL("./fixtures/driver/", import.meta.url).pathname;
const ray = () => (ctx()!.data as RayHookData).ray;

const env = new TaskEnvironment({ name: "ray_driver_test", pluginConfig: new RayJobConfig({ address: cluster.gcsAddress }) });

describe("runDriver on a local Ray cluster", () => {
  it("runs the driver's Ray tasks on the worker node with the shipped code and hands its JSON line to the body", async () => {
    const seen: string[] = [];
    const task = env.task({ inputs: z.object({ n: z.int() }), output: z.record(z.string(), z.unknown()) }, async function squares({ n }) {
      const result = await ray().runDriver({
        file: `${fixtures}sum_squares.py`, args: [String(n)], workingDir: fixtures, envVars: { SQUARES_TAG: "from-ts" },
        onStderr: (chunk) => seen.push(chunk),
      });
      return result.json<Record<string, unknown>>();
    });
    expect(await run(task, { n: 5 })).toEqual({ sum: 30, tasks_on_worker_node: true, driver_node_has_cpus: false, env: ["from-ts"] });
    expect(seen.join("")).toContain("squaring 5 numbers");
  });

  it("runs Python source too, already connected to the task's cluster", async () => {
    const task = env.task({ output: z.number() }, async function count() {
      const result = await ray().runDriver({ script: "import json\nprint(json.dumps(ray.cluster_resources().get('worker')))", workingDir: false, onStdout: () => {} });
      return result.json<number>();
    });
    expect(await run(task)).toBe(2);
  });

  it("fails the body with the driver's Python error", async () => {
    const task = env.task({ output: z.number() }, async function broken() {
      await ray().runDriver({ script: "raise ValueError('no such trial: 7')", workingDir: false, onStderr: () => {} });
      return 1;
    });
    await expect(run(task)).rejects.toThrow(/^Ray driver script failed \(exit code 1\):\nTraceback \(most recent call last\):[\s\S]*ValueError: no such trial: 7$/);
  });
});

describe("a local run without an address", () => {
  afterAll(() => stopLocalRayHead());

  it("starts a local head from the project's Ray, sized from the head's requests, and reuses it", async () => {
    const saved = process.env.RAY_ADDRESS;
    delete process.env.RAY_ADDRESS;
    try {
      const local = new TaskEnvironment({ name: "ray_local_head", pluginConfig: new RayJobConfig({ headNodeConfig: { requests: { cpu: "1", memory: "1Gi" }, rayStartParams: { "num-cpus": "0" } } }) });
      const task = local.task({ output: z.array(z.unknown()) }, async function where() {
        const driver = await ray().runDriver({ script: "import json\nprint(json.dumps([ray.cluster_resources().get('CPU'), ray.cluster_resources().get('memory'), ray.get(ray.remote(lambda: 6 * 7).remote())]))", workingDir: false, onStdout: () => {} });
        const endpoint = await ray().cluster();
        return [...driver.json<unknown[]>(), endpoint.dashboardUrl.startsWith("http://127.0.0.1:"), endpoint.gcsAddress !== cluster.gcsAddress];
      });
      expect(await run(task)).toEqual([1, 1024 ** 3, 42, true, true]);
      const again = local.task({ output: z.string() }, async function same() {
        return (await ray().cluster()).gcsAddress!;
      });
      const first = await run(local.task({ output: z.string() }, async function first() {
        return (await ray().cluster()).gcsAddress!;
      }));
      expect(await run(again)).toBe(first);
    } finally {
      if (saved !== undefined) process.env.RAY_ADDRESS = saved;
    }
  });
});
