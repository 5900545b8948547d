import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, ReusePolicy, Resources, TaskEnvironment, listEnvironments, ctx, registerPlugin } from "@flyte-ts/core";
import { Echo, echoPlugin } from "./fixtures/echo-plugin.ts";
import { issuesOf } from "./helpers.ts";

let n = 0;
const uniq = (base: string) => `${base}-${++n}`;


describe("TaskEnvironment", () => {
  it.each(["My-Env", "env_", "-env", "a__b", "with space", ""])("rejects the name %j with the reference's message", (name) => {
    expect(issuesOf(() => new TaskEnvironment({ name }))).toEqual([
      { path: ["name"], message: `Environment name '${name}' must be in snake_case or kebab-case format.` },
    ]);
  });

  it.each(["etl", "my-env", "my_env2", "a1-b2_c3"])("accepts the name %j", (name) => {
    expect(new TaskEnvironment({ name }).name).toBe(name);
  });

  it("reports every problem at once, each with its field path", () => {
    expect(
      issuesOf(() =>
        new TaskEnvironment({
          name: "Bad",
          image: "",
          resources: { cpu: -1, memory: "lots", gpu: "A100:9" },
          envVars: { A: 1 as unknown as string },
          secrets: ["ok", "bad.name"],
          cache: "sometimes" as never,
          retries: -1,
          timeout: "soon",
          colour: "blue",
        } as never),
      ).map((i) => i.path),
    ).toEqual([
      ["colour"], ["name"], ["image"], ["resources", "cpu"], ["resources", "memory"], ["resources", "gpu"], ["envVars", "A"],
      ["secrets", 1, "key"], ["cache", "behavior"], ["retries", "count"], ["timeout"],
    ]);
  });

  it("truncates a long description as the reference does", () => {
    const env = new TaskEnvironment({ name: uniq("desc"), description: "d".repeat(300) });
    expect(env.description).toBe(`${"d".repeat(247)}...(tr.)`);
  });

  it("is discoverable after creation, in creation order", () => {
    const a = new TaskEnvironment({ name: uniq("disc") });
    const b = a.clone({ name: uniq("disc") });
    const all = listEnvironments();
    expect(all.indexOf(a)).toBeGreaterThanOrEqual(0);
    expect(all.indexOf(b)).toBe(all.indexOf(a) + 1);
  });

  it("refuses a plugin that does not support reuse in a reusable environment", () => {
    const plugin = { ...echoPlugin, name: "@example/no-reuse", configKind: "@example/no-reuse#NoReuse", supportsReusePolicy: false,
      configSchema: z.object({ kind: z.literal("@example/no-reuse#NoReuse") }) };
    registerPlugin(plugin as never);
    expect(issuesOf(() => new TaskEnvironment({ name: uniq("r"), reusable: new ReusePolicy(), pluginConfig: { kind: "@example/no-reuse#NoReuse" } }))).toEqual([
      { path: ["pluginConfig"], message: "Cannot set plugin_config when environment is reusable: @example/no-reuse does not support reusable environments." },
    ]);
  });

  it("names the package to install when no plugin handles the config", () => {
    expect(() => new TaskEnvironment({ name: uniq("np"), pluginConfig: { kind: "@flyte-ts/plugin-spark#Spark" } })).toThrowError(
      /No task plugin is registered for config kind "@flyte-ts\/plugin-spark#Spark"\. Install and import @flyte-ts\/plugin-spark \(npm install @flyte-ts\/plugin-spark; import "@flyte-ts\/plugin-spark"\)/,
    );
  });

  it("validates plugin config with the plugin's schema, under pluginConfig", () => {
    expect(issuesOf(() => new TaskEnvironment({ name: uniq("pc"), pluginConfig: new Echo({ workers: 0 }) }))).toEqual([
      { path: ["pluginConfig", "workers"], message: "Too small: expected number to be >=1" },
    ]);
  });
});

describe("env.task", () => {
  it("names the task <env>.<function> and keeps the short name", () => {
    const env = new TaskEnvironment({ name: uniq("names") });
    const t = env.task(async function compute() { return 1; });
    expect(t.taskName).toBe(`${env.name}.compute`);
    expect(t.name).toBe(`${env.name}.compute`);
    expect(t.settings.shortName).toBe("compute");
    expect([...env.tasks.keys()]).toEqual([`${env.name}.compute`]);
    const named = env.task({ name: "renamed", shortName: "Nice name" }, async () => 2);
    expect(named.taskName).toBe(`${env.name}.renamed`);
    expect(named.settings.shortName).toBe("Nice name");
  });

  it("requires a name for anonymous functions", () => {
    const env = new TaskEnvironment({ name: uniq("anon") });
    expect(issuesOf(() => env.task({}, async () => 1))).toEqual([{ path: ["name"], message: "the function has no name: pass a named function or { name }" }]);
  });

  it("inherits the environment's settings and lets task options win", () => {
    const env = new TaskEnvironment({ name: uniq("inherit"), image: "img:1", resources: { cpu: 1 }, retries: 3, interruptible: true, cache: "auto" });
    const t = env.task({ retries: 1, interruptible: false, cache: "disable" }, async function x() {});
    expect(t.settings.resources).toEqual(new Resources({ cpu: 1 }));
    expect(t.settings.retries.count).toBe(1);
    expect(t.settings.interruptible).toBe(false);
    expect(t.settings.cache.behavior).toBe("disable");
    const u = env.task(async function y() {});
    expect([u.settings.retries.count, u.settings.interruptible, u.settings.cache.behavior, u.settings.image]).toEqual([3, true, "auto", "img:1"]);
  });

  it("refuses a task pod template in a reusable environment", () => {
    const env = new TaskEnvironment({ name: uniq("reuse"), reusable: new ReusePolicy({ replicas: 1 }) });
    expect(issuesOf(() => env.task({ podTemplate: "tpl" }, async function x() {}))).toEqual([
      { path: ["podTemplate"], message: "Cannot set pod_template when environment is reusable." },
    ]);
  });

  it("runs plugin task validation when a task is declared", () => {
    const env = new TaskEnvironment({ name: uniq("pv"), reusable: new ReusePolicy({ replicas: 1 }), pluginConfig: new Echo({ workers: 2 }) });
    expect(issuesOf(() => env.task(async function x() {}))).toEqual([{ path: ["pluginConfig", "workers"], message: "reusable echo tasks run one worker" }]);
  });

  it("calls the function directly outside a run, applying input defaults", async () => {
    const env = new TaskEnvironment({ name: uniq("direct") });
    const t = env.task({ inputs: z.object({ a: z.int(), b: z.int().default(10) }), output: z.int() }, async function add({ a, b }) {
      return a + b + (ctx() === undefined ? 0 : 1000);
    });
    await expect(t({ a: 1 })).resolves.toBe(11);
    await expect(t({ a: "x" } as never)).rejects.toThrowError(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
});

describe("clone", () => {
  it("copies settings, replaces the given ones and starts with no tasks", () => {
    const env = new TaskEnvironment({ name: uniq("orig"), image: "img:1", envVars: { A: "1" }, pluginConfig: new Echo({ workers: 1 }), reusable: new ReusePolicy({ replicas: 1 }) });
    env.task(async function x() {});
    const clone = env.clone({ name: uniq("copy"), image: "img:2" });
    expect([clone.image, clone.envVars, clone.plugin?.name, clone.reusable?.maxReplicas, clone.tasks.size]).toEqual(["img:2", { A: "1" }, "@example/flyte-ts-echo", 1, 0]);
    const noReuse = env.clone({ name: uniq("copy"), reusable: undefined });
    expect(noReuse.reusable).toBeUndefined();
  });

  it("re-runs the checks", () => {
    const env = new TaskEnvironment({ name: uniq("chk") });
    expect(issuesOf(() => env.clone({ name: "BAD" }))).toEqual([{ path: ["name"], message: "Environment name 'BAD' must be in snake_case or kebab-case format." }]);
  });
});
