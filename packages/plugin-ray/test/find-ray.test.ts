import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ctx, run, TaskEnvironment } from "@flyte-ts/core";
import { RayJobConfig, findRayPython, type RayHookData } from "@flyte-ts/plugin-ray";

describe("finding Ray for local runs", () => {
  it("prefers FLYTE_TS_RAY_PYTHON, then a project's .engines/ray/venv above the working directory, then a ray command on PATH", () => {
    const root = mkdtempSync(join(tmpdir(), "find-ray-"));
    try {
      const python = join(root, ".engines", "ray", "venv", "bin", "python");
      mkdirSync(join(root, ".engines", "ray", "venv", "bin"), { recursive: true });
      writeFileSync(python, "#!/bin/sh\n");
      chmodSync(python, 0o755);
      mkdirSync(join(root, "a", "b"), { recursive: true });
      expect(findRayPython({ FLYTE_TS_RAY_PYTHON: "/opt/py" }, join(root, "a", "b"))).toBe("/opt/py");
      expect(findRayPython({ PATH: "" }, join(root, "a", "b"))).toBe(python);
      const bin = join(root, "bin");
      mkdirSync(bin);
      writeFileSync(join(bin, "ray"), `#!${python}\n`);
      chmodSync(join(bin, "ray"), 0o755);
      expect(findRayPython({ PATH: bin }, "/")).toBe(python);
      expect(findRayPython({ PATH: "" }, "/")).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("a body that does not use Ray runs without it; one that does is told what to install", async () => {
    const saved = { PATH: process.env.PATH, RAY_ADDRESS: process.env.RAY_ADDRESS };
    const cwd = process.cwd();
    const empty = mkdtempSync(join(tmpdir(), "no-ray-"));
    const env = new TaskEnvironment({ name: "ray_missing", pluginConfig: new RayJobConfig() });
    try {
      process.env.PATH = "";
      delete process.env.RAY_ADDRESS;
      process.chdir(empty);
      expect(await run(env.task({ output: z.number() }, async function plain() { return 42; }))).toBe(42);
      const uses = env.task({ output: z.string() }, async function uses() {
        return (await (ctx()!.data as RayHookData).ray.cluster()).dashboardUrl;
      });
      await expect(run(uses)).rejects.toThrow(
        'This task uses Ray, but no Ray installation was found: install Ray with `pip install "ray[default]==2.60.0"` (or run scripts/engines/ray.sh in the flyte-ts repository), or set FLYTE_TS_RAY_PYTHON to a Python that has it',
      );
    } finally {
      process.chdir(cwd);
      process.env.PATH = saved.PATH;
      if (saved.RAY_ADDRESS !== undefined) process.env.RAY_ADDRESS = saved.RAY_ADDRESS;
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
