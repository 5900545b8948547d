import { describe, expect, it } from "vitest";
import { ConfigError, ReusePolicy, Resources, SerializationContext, TaskEnvironment, serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { Echo } from "./fixtures/echo-plugin.ts";
import { issuesOf } from "./helpers.ts";

let n = 0;
const uniq = (base: string) => `${base}-${++n}`;


describe("task.override", () => {
  const env = new TaskEnvironment({ name: uniq("ov"), image: "img:1", resources: { cpu: 1 }, retries: 3, envVars: { A: "1" } });
  const base = env.task({ timeout: 60 }, async function work() { return "done"; });

  it("returns a copy and leaves the original unchanged", () => {
    const o = base.override({ resources: { cpu: 4, memory: "8Gi" }, shortName: "big", interruptible: true });
    expect(o.settings.resources).toEqual(new Resources({ cpu: 4, memory: "8Gi" }));
    expect([o.settings.shortName, o.settings.interruptible, o.taskName]).toEqual(["big", true, base.taskName]);
    expect(base.settings.resources).toEqual(new Resources({ cpu: 1 }));
    expect([base.settings.shortName, base.settings.interruptible]).toEqual(["work", false]);
    expect(env.tasks.get(base.taskName)).toBe(base);
  });

  it("applies 0 and {} (the reference ignores falsy values; see docs/differences.md)", () => {
    const o = base.override({ retries: 0, envVars: {}, timeout: 0 });
    expect(o.settings.retries.count).toBe(0);
    expect(o.settings.envVars).toEqual({});
    expect(o.settings.timeout?.maxRuntime).toBe(0);
  });

  it("keeps values not given", () => {
    const o = base.override({});
    expect(o.settings).toEqual(base.settings);
  });

  it("refuses name, image, docs and interface with the reference's messages", () => {
    expect(issuesOf(() => base.override({ name: "x", image: "y", docs: "z", inputs: {} } as never))).toEqual([
      { path: ["name"], message: "Name cannot be overridden" },
      { path: ["image"], message: "Image cannot be overridden" },
      { path: ["docs"], message: "Docs cannot be overridden" },
      { path: ["inputs"], message: "Interface cannot be overridden" },
    ]);
    expect(issuesOf(() => base.override({ colour: 1 } as never))[0]!.path).toEqual(["colour"]);
  });

  it("refuses resources, env and secrets while reusable, and allows them after reusable: off", () => {
    const reusable = base.override({ reusable: new ReusePolicy({ replicas: 1 }) });
    expect(issuesOf(() => reusable.override({ resources: { cpu: 2 }, envVars: {}, secrets: ["s"] }))).toEqual([
      { path: ["resources"], message: `Cannot override resources when reusable is set. Reusable tasks will use the parent env's resources. You can disable reusability and override resources if needed. (set reusable: "off")` },
      { path: ["envVars"], message: `Cannot override env when reusable is set. Reusable tasks will use the parent env's env. You can disable reusability and override env if needed. (set reusable: "off")` },
      { path: ["secrets"], message: `Cannot override secrets when reusable is set. Reusable tasks will use the parent env's secrets. You can disable reusability and override secrets if needed. (set reusable: "off")` },
    ]);
    const off = reusable.override({ reusable: "off", resources: { cpu: 2 } });
    expect(off.settings.reusable).toBeUndefined();
    expect(off.settings.resources).toEqual(new Resources({ cpu: 2 }));
  });

  it("turns a task into a plugin's task with a plugin config, and back to another config", () => {
    const echo = base.override({ pluginConfig: new Echo({ workers: 2 }) });
    expect([echo.settings.taskType, echo.settings.taskTypeVersion, echo.settings.plugin?.name]).toEqual(["echo", 1, "@example/flyte-ts-echo"]);
    const sctx = new SerializationContext({ version: "v1", codeBundle: { computedVersion: "x", pkl: "file:///x.pkl" } });
    expect((taskSpecToJson(serializeTask(echo, sctx)).taskTemplate as any).custom).toEqual({ workers: 2 });
    const again = echo.override({ pluginConfig: new Echo({ workers: 5 }) });
    expect((taskSpecToJson(serializeTask(again, sctx)).taskTemplate as any).custom).toEqual({ workers: 5 });
    expect(base.settings.taskType).toBe("python");
  });

  it("validates the new plugin config and the plugin's task rules", () => {
    expect(issuesOf(() => base.override({ pluginConfig: new Echo({ workers: -1 }) }))).toEqual([
      { path: ["pluginConfig", "workers"], message: "Too small: expected number to be >=1" },
    ]);
    const reusable = base.override({ reusable: new ReusePolicy({ replicas: 1 }) });
    expect(issuesOf(() => reusable.override({ pluginConfig: new Echo({ workers: 2 }) }))).toEqual([
      { path: ["pluginConfig", "workers"], message: "reusable echo tasks run one worker" },
    ]);
  });

  it("still calls the same function", async () => {
    await expect(base.override({ retries: 1 })()).resolves.toBe("done");
  });
});
