// What the built root entry loads (run after `pnpm run build`, as the CLI tests): declaring and encoding tasks
// needs neither protobuf-es nor the generated flyteidl2 descriptors, which the TaskSpec message functions
// (serializeTask, taskSpecToBinary, ...) load on first use from dist/serialize/task-spec-messages.js; nor
// zod, which core loads when it builds a schema itself (duration(), JSON Schema of an object input).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const pkgDir = join(import.meta.dirname, "..");

/** The files and bare specifiers the built module imports statically, transitively. */
function staticGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (files.includes(file)) continue;
    files.push(file);
    for (const m of readFileSync(file, "utf8").matchAll(/^(?:import|export)\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gm)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith(".")) queue.push(join(dirname(file), spec));
      else packages.add(spec);
    }
  }
  return { files, packages };
}

describe("the built @flyte-ts/core entry", { timeout: 60_000 }, () => {
  it("imports neither protobuf-es, the flyteidl2 descriptors nor zod", () => {
    expect(existsSync(join(pkgDir, "dist", "index.js"))).toBe(true);
    const { files, packages } = staticGraph(join(pkgDir, "dist", "index.js"));
    expect([...packages].filter((p) => p.startsWith("@bufbuild/") || p === "zod" || p.startsWith("zod/"))).toEqual([]);
    for (const file of files) expect(readFileSync(file, "utf8"), file).not.toContain("fileDesc(");
    // The message functions' own entry does load them.
    expect(staticGraph(join(pkgDir, "dist", "serialize", "task-spec-messages.js")).packages).toContain("@bufbuild/protobuf");
  });

  it("loads the message functions and zod on first use: serializeTask gives encodeTask's bytes, duration() is the user's zod", () => {
    const script = `
      import { TaskEnvironment, PodTemplate, SerializationContext, duration, encodeTask, serializeTask, taskSpecToBinary, taskSpecToJson, taskSpecFromBinary } from "@flyte-ts/core";
      import { z } from "zod";
      const env = new TaskEnvironment({ name: "dist-check", image: "img:1", resources: { cpu: ["1", "2"], gpu: "A100:1" }, podTemplate: new PodTemplate({ podSpec: { containers: [{ name: "primary" }] } }) });
      const inputs = z.object({ wait: duration(), point: z.object({ x: z.number() }).optional() });
      const task = env.task({ retries: 2, timeout: 60, inputs }, async function hello() { return 1; });
      const sctx = new SerializationContext({ version: "v1", rootDir: process.cwd() });
      const fast = encodeTask(task, sctx);
      const spec = serializeTask(task, sctx);
      console.log(JSON.stringify({
        sameBytes: Buffer.from(fast.binary).equals(Buffer.from(taskSpecToBinary(spec))),
        sameJson: JSON.stringify(fast.json) === JSON.stringify(taskSpecToJson(taskSpecFromBinary(fast.binary))),
        inputs: fast.json.taskTemplate.interface.inputs.variables.map((v) => [v.key, Object.keys(v.value.type)[0], v.value.type.simple ?? null]),
        durationParses: inputs.safeParse({ wait: 1e12 }).success,
      }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: pkgDir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      sameBytes: true,
      sameJson: true,
      inputs: [["point", "unionType", null], ["wait", "simple", "DURATION"]],
      durationParses: false,
    });
  });
});
