import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Resources, TaskEnvironment, serializeTask, taskSpecToJson, run, ReusePolicy, taskSpecToBinary, taskSpecFromBinary } from "@flyte-ts/core";

describe("smoke", () => {
  it("serializes", async () => {
    const env = new TaskEnvironment({ name: "smoke", image: "img:1", resources: new Resources({ cpu: [1, 2], memory: "2Gi", gpu: "T4:1", shm: "auto" }), reusable: new ReusePolicy({ replicas: 1, idleTtl: 600 }) });
    const t = env.task({ inputs: z.object({ a: z.int(), b: z.string().optional() }), output: z.number() }, async function add({ a }) { return a + 1; });
    const spec = serializeTask(t, { version: "v1", rootDir: process.cwd() });
    const json = taskSpecToJson(spec);
    console.log(JSON.stringify(json, null, 1));
    const back = taskSpecToJson(taskSpecFromBinary(taskSpecToBinary(spec)));
    expect(back).toEqual(json);
    expect(await run(t, { a: 1 })).toBe(2);
    expect(await t({ a: 5 })).toBe(6);
  });
});
