// What the built root entry loads (run after `pnpm run build`, as the CLI tests): declaring and encoding tasks
// needs neither protobuf-es nor the generated flyteidl2 descriptors, which the TaskSpec message functions
// (serializeTask, taskSpecToBinary, ...) load on first use from dist/serialize/task-spec-messages.js.
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
  it("imports neither protobuf-es nor the flyteidl2 descriptors", () => {
    expect(existsSync(join(pkgDir, "dist", "index.js"))).toBe(true);
    const { files, packages } = staticGraph(join(pkgDir, "dist", "index.js"));
    expect([...packages].filter((p) => p.startsWith("@bufbuild/"))).toEqual([]);
    for (const file of files) expect(readFileSync(file, "utf8"), file).not.toContain("fileDesc(");
    // The message functions' own entry does load them.
    expect(staticGraph(join(pkgDir, "dist", "serialize", "task-spec-messages.js")).packages).toContain("@bufbuild/protobuf");
  });

  it("loads the message functions on first use: serializeTask gives encodeTask's bytes", () => {
    const script = `
      import { TaskEnvironment, PodTemplate, SerializationContext, encodeTask, serializeTask, taskSpecToBinary, taskSpecToJson, taskSpecFromBinary } from "@flyte-ts/core";
      const env = new TaskEnvironment({ name: "dist-check", image: "img:1", resources: { cpu: ["1", "2"], gpu: "A100:1" }, podTemplate: new PodTemplate({ podSpec: { containers: [{ name: "primary" }] } }) });
      const task = env.task({ retries: 2, timeout: 60 }, async function hello() { return 1; });
      const sctx = new SerializationContext({ version: "v1", rootDir: process.cwd() });
      const fast = encodeTask(task, sctx);
      const spec = serializeTask(task, sctx);
      console.log(JSON.stringify({
        sameBytes: Buffer.from(fast.binary).equals(Buffer.from(taskSpecToBinary(spec))),
        sameJson: JSON.stringify(fast.json) === JSON.stringify(taskSpecToJson(taskSpecFromBinary(fast.binary))),
      }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: pkgDir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ sameBytes: true, sameJson: true });
  });
});
