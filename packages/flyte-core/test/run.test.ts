import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Backoff, RetryStrategy, TaskEnvironment, ctx, definePlugin, registerPlugin, run } from "@flyte-ts/core";
import { Echo, events } from "./fixtures/echo-plugin.ts";

let n = 0;
const uniq = (base: string) => `${base}-${++n}`;

describe("run (local)", () => {
  it("validates inputs, runs the body with ctx(), validates the output", async () => {
    const env = new TaskEnvironment({ name: uniq("local") });
    const seen: unknown[] = [];
    const t = env.task({ inputs: z.object({ n: z.int() }), output: z.string() }, async function show({ n }) {
      const c = ctx()!;
      seen.push([c.mode, c.taskName, c.attempt, c.isInCluster(), c.actionName === "a0", typeof c.runName]);
      return `n=${n}`;
    });
    await expect(run(t, { n: 3 }, { mode: "local" })).resolves.toBe("n=3");
    expect(seen).toEqual([["local", t.taskName, 0, false, false, "string"]]);
    await expect(run(t, { n: 1.5 })).rejects.toThrowError(expect.objectContaining({
      code: "INVALID_INPUT", issues: [{ path: ["n"], message: "Invalid input: expected int, received number" }],
    }));
    const bad = env.task({ output: z.int() }, async function bad() { return "nope" as unknown as number; });
    await expect(run(bad)).rejects.toThrowError(expect.objectContaining({ code: "INVALID_OUTPUT" }));
  });

  it("stops an attempt that outlives the task's timeout with a TIMEOUT error, and retries it", async () => {
    const env = new TaskEnvironment({ name: uniq("timeout") });
    const attempts: number[] = [];
    const slow = env.task({ output: z.int(), timeout: "50ms", retries: 1 }, async function slow() {
      const attempt = ctx()!.attempt;
      attempts.push(attempt);
      if (attempt === 0) await new Promise((resolve) => setTimeout(resolve, 5_000));
      return attempt;
    });
    const retried: string[] = [];
    await expect(run(slow, {}, { onRetry: (e, a) => retried.push(`${a}:${(e as { code: string }).code}:${(e as Error).message}`) })).resolves.toBe(1);
    expect(retried).toEqual([`1:TIMEOUT:${slow.taskName} ran longer than its timeout (maxRuntime 0.05s) and was stopped`]);
    const never = env.task({ timeout: 0.05 }, async function never() {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    });
    await expect(run(never)).rejects.toThrowError(expect.objectContaining({ code: "TIMEOUT" }));
  });

  it("retries per the retry strategy, waiting the backoff delays", async () => {
    const env = new TaskEnvironment({ name: uniq("retry") });
    let calls = 0;
    const flaky = env.task(
      { output: z.int(), retries: new RetryStrategy({ count: 3, backoff: new Backoff({ base: 2, factor: 3, cap: 10 }) }) },
      async function flaky() {
        calls++;
        if (calls < 4) throw new Error(`fail ${calls}`);
        return ctx()!.attempt;
      },
    );
    const waits: number[] = [];
    const retried: string[] = [];
    await expect(run(flaky, {}, { sleep: async (s) => { waits.push(s); }, onRetry: (e, a) => retried.push(`${a}:${(e as Error).message}`) })).resolves.toBe(3);
    expect(waits).toEqual([2, 6, 10]);
    expect(retried).toEqual(["1:fail 1", "2:fail 2", "3:fail 3"]);
    calls = -10;
    await expect(run(flaky, {}, { sleep: async () => {} })).rejects.toThrow("fail -6");
  });

  it("calls the plugin's pre and post around the body and exposes pre's data", async () => {
    const env = new TaskEnvironment({ name: uniq("hooks"), pluginConfig: new Echo({ workers: 4 }) });
    const t = env.task({ output: z.string() }, async function body() { return ctx()!.data.address as string; });
    events.length = 0;
    await expect(run(t)).resolves.toBe("echo://4");
    expect(events).toEqual([`pre:local:${t.taskName}`, `post:echo://4:"echo://4"`]);
  });

  it("runs a task called inside a run as a nested action with its own hooks", async () => {
    const env = new TaskEnvironment({ name: uniq("nested"), pluginConfig: new Echo({ workers: 1 }) });
    const inner = env.task({ inputs: z.object({ x: z.int() }), output: z.int() }, async function inner({ x }) { return x + 1; });
    const actions: string[] = [];
    const outer = env.task({ output: z.int() }, async function outer() {
      actions.push(ctx()!.actionName);
      const r = await inner({ x: 1 });
      return r * 10;
    });
    events.length = 0;
    await expect(run(outer)).resolves.toBe(20);
    expect(events).toEqual([`pre:local:${outer.taskName}`, `pre:local:${inner.taskName}`, `post:echo://1:2`, `post:echo://1:20`]);
  });

  it("lets a connector-style plugin replace execution", async () => {
    registerPlugin(definePlugin({
      name: "@example/connector", version: "0.0.1", configKind: "@example/connector#Remote", taskType: "remote", coreApiRange: "*",
      configSchema: z.object({ kind: z.literal("@example/connector#Remote"), answer: z.int() }),
      customConfig: () => ({}),
      async execute(hook) { return { remote: hook.config.answer, inputs: hook.inputs }; },
    }));
    const env = new TaskEnvironment({ name: uniq("conn"), pluginConfig: { kind: "@example/connector#Remote", answer: 42 } as never });
    const t = env.task({ inputs: z.object({ q: z.string() }) }, async function neverRuns() { throw new Error("ran locally"); });
    await expect(run(t, { q: "?" })).resolves.toEqual({ remote: 42, inputs: { q: "?" } });
  });

  it("runs the plugin's cleanup after post, and after a failed body without hiding its error", async () => {
    const seen: string[] = [];
    registerPlugin(definePlugin({
      name: "@example/cleanup", version: "0.0.1", configKind: "@example/cleanup#Session", taskType: "cleanup", coreApiRange: "*",
      configSchema: z.object({ kind: z.literal("@example/cleanup#Session"), failCleanup: z.boolean() }),
      customConfig: () => ({}),
      pre: () => ({ session: "s1" }),
      post: (hook) => { seen.push(`post:${hook.data.session}`); },
      cleanup: (hook) => {
        seen.push(`cleanup:${hook.data.session}`);
        if (hook.config.failCleanup) throw new Error("cleanup failed");
      },
    }));
    const env = new TaskEnvironment({ name: uniq("cleanup"), pluginConfig: { kind: "@example/cleanup#Session", failCleanup: false } as never });
    const ok = env.task({ output: z.int() }, async function ok() { seen.push("body"); return 1; });
    await expect(run(ok)).resolves.toBe(1);
    expect(seen).toEqual(["body", "post:s1", "cleanup:s1"]);
    seen.length = 0;
    const fails = env.task(async function fails() { seen.push("body"); throw new Error("body failed"); });
    await expect(run(fails)).rejects.toThrow("body failed");
    expect(seen).toEqual(["body", "cleanup:s1"]);
    seen.length = 0;
    const failingCleanup = env.clone({ name: uniq("cleanup-fails"), pluginConfig: { kind: "@example/cleanup#Session", failCleanup: true } as never });
    await expect(run(failingCleanup.task(async function ok2() { seen.push("body"); }))).rejects.toThrow("cleanup failed");
    await expect(run(failingCleanup.task(async function fails2() { throw new Error("body failed"); }))).rejects.toThrow("body failed");
    expect(seen).toEqual(["body", "post:s1", "cleanup:s1", "cleanup:s1"]);
  });

  it("refuses modes other than local", async () => {
    const env = new TaskEnvironment({ name: uniq("mode") });
    const t = env.task(async function x() {});
    await expect(run(t, {}, { mode: "remote" as never })).rejects.toThrow('run() supports mode "local" only, got "remote"');
  });
});
