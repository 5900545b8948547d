// Conformance with the Flyte 2 backend: conformance/golden-backend holds the Kubernetes resources that the
// backend's own executor and Spark, Ray and Dask plugins built from the serialized examples (recorded data,
// provenance in conformance/README.md).
// Each must conform to its engine's CRD (.crds/, derived from the operators' pinned packages) and equal what `flyte-ts render` produces for the
// same task, once the backend-only fields of backend-ignored-fields.yaml are taken out of both. Results
// go to .backend-results.json for report.mjs.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SerializationContext, checkAgainstSchema, crdSchema, listEnvironments, serializeTask, taskSpecToJson, type OpenApiSchema } from "@flyte-ts/core";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderCommand } from "../../packages/flyte-core/src/cli/render-command.ts";
import { loadBackendIgnoredFields, removeIgnoredFields, withSubstitutions, withoutIgnoredFields } from "./backend-fields.ts";
import { CONFORMANCE_DIR, jsonDiff } from "./compare.ts";

type Json = Record<string, unknown>;

const ROOT = join(CONFORMANCE_DIR, "..");
const GOLDEN = join(CONFORMANCE_DIR, "golden-backend");
// The operators' CRDs, copied at bootstrap from the plugins' pinned packages by scripts/vendor-crds.mjs.
const CRDS = join(ROOT, ".crds");
// The settings the recorded tasks were serialized with; render gets the same version and root dir.
const VERSION = "conformance";
const SERIALIZE = { version: VERSION, project: "conformance", domain: "development", rootDir: ROOT };
const EXAMPLES = ["spark", "ray", "dask"] as const;
const CRD_FILES: Record<string, [file: string, version: string]> = {
  SparkApplication: ["sparkoperator.k8s.io_sparkapplications.yaml", "v1beta2"],
  RayJob: ["ray.io_rayjobs.yaml", "v1"],
  DaskJob: ["daskjob.yaml", "v1"],
};

interface BackendGolden { task: string; taskType: string; plugin: string; backend: string; kind: string; resource: Json }
interface Result { task: string; plugin: string; kind: string; outcome: "pass" | "fail"; note?: string }

const ignored = loadBackendIgnoredFields();
const goldens: BackendGolden[] = readdirSync(GOLDEN)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(GOLDEN, f), "utf8")) as BackendGolden);
const results: Result[] = [];

// Render and serialize output of every example, made once with the CLI's own commands.
const rendered = new Map<string, Json>();
const serialized = new Map<string, Json>();
const schemas = new Map<string, OpenApiSchema>();

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), "backend-conformance-"));
  const cwd = process.cwd();
  try {
    // render resolves module paths and its root dir against the working directory, as on the command line.
    process.chdir(ROOT);
    for (const example of EXAMPLES) {
      const before = new Set(listEnvironments());
      await renderCommand(`examples/src/${example}.ts`, { version: VERSION, out: join(work, "render") }, () => {});
      // A module is imported once, so the tasks it defined are serialized here as `flyte-ts serialize` does.
      const sctx = new SerializationContext(SERIALIZE);
      for (const env of listEnvironments().filter((e) => !before.has(e))) {
        for (const task of env.tasks.values()) serialized.set(task.taskName, taskSpecToJson(serializeTask(task, sctx)) as Json);
      }
    }
  } finally {
    process.chdir(cwd);
  }
  for (const file of readdirSync(join(work, "render"))) {
    // <task>.<kind in lower case>.yaml
    rendered.set(file.replace(/\.[a-z]+\.yaml$/, ""), parse(readFileSync(join(work, "render", file), "utf8")) as Json);
  }
  rmSync(work, { recursive: true, force: true });
  for (const [kind, [file, version]] of Object.entries(CRD_FILES)) schemas.set(kind, crdSchema(readFileSync(join(CRDS, file), "utf8"), version));
}, 120_000);

// Every object has apiVersion, kind and metadata; the Dask CRD's root schema does not declare them.
function objectSchema(kind: string): OpenApiSchema {
  const schema = schemas.get(kind);
  if (!schema) throw new Error(`no CRD for ${kind}`);
  return { ...schema, properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, ...schema.properties } };
}

// The code hash hashes the function's compiled text, which differs between the CLI's TypeScript loader
// and the test runner's; the backend does not read it (it keys the cache).
function withoutCodeHash(spec: Json): Json {
  const copy = structuredClone(spec) as { taskTemplate?: { metadata?: Json } };
  delete copy.taskTemplate?.metadata?.discoveryVersion;
  return copy as Json;
}

describe("conformance with the Flyte 2 backend (golden-backend, recorded from v2.0.43)", () => {
  it(`golden files come from ${ignored.backend}, one per Spark, Ray and Dask example task`, () => {
    expect(goldens.map((g) => g.backend).filter((b) => b !== ignored.backend)).toEqual([]);
    const pluginTasks = [...rendered.keys()].sort();
    expect(pluginTasks.length).toBeGreaterThan(0);
    expect(goldens.map((g) => g.task).sort()).toEqual(pluginTasks);
  });

  it("every ignored field has exactly a path and a reason (kinds, when), and removes something from some backend resource", () => {
    const malformed = ignored.fields.filter(
      (f) => typeof f.path !== "string" || typeof f.why !== "string" || f.why === "" || Object.keys(f).some((k) => !["path", "why", "kinds", "when"].includes(k)),
    );
    expect(malformed).toEqual([]);
    const used = ignored.fields.map(() => 0);
    for (const g of goldens) removeIgnoredFields(g.resource, ignored.fields).removed.forEach((n, i) => (used[i]! += n));
    expect(ignored.fields.filter((_, i) => used[i] === 0).map((f) => f.path)).toEqual([]);
  });

  it("the backend read the tasks flyte-ts serializes today (else the recording is stale: see conformance/README.md)", () => {
    const stale: string[] = [];
    for (const g of goldens) {
      const input = JSON.parse(readFileSync(join(GOLDEN, "tasks", `${g.task}.json`), "utf8")) as Json;
      const now = serialized.get(g.task);
      if (!now) stale.push(`${g.task}: no longer serialized`);
      else stale.push(...jsonDiff(withoutCodeHash(now), withoutCodeHash(input)).map((d) => `${g.task}: ${d}`));
    }
    expect(stale).toEqual([]);
  });

  for (const g of goldens) {
    describe(`${g.plugin}: ${g.task}`, () => {
      it(`the backend's ${g.kind} conforms to its CRD (only the listed pruned fields are unknown to it)`, () => {
        const violations = checkAgainstSchema(g.resource, objectSchema(g.kind)).map((v) => `${v.path}: ${v.message}`);
        const expected = ignored.pruned.filter((p) => p.kind === g.kind).map((p) => `${p.path}: is not a field of this resource (the API server would drop it)`);
        expect(violations.sort()).toEqual(expected.sort());
      });

      it("equals flyte-ts render output, backend-only fields aside", () => {
        const render = rendered.get(g.task);
        try {
          if (!render) throw new Error(`flyte-ts render produced nothing for ${g.task}`);
          expect(render.kind).toBe(g.kind);
          const actual = withoutIgnoredFields(withSubstitutions(render, ignored.substitutions) as Json, ignored.fields);
          const expected = withoutIgnoredFields(g.resource, ignored.fields);
          const diff = jsonDiff(actual, expected);
          expect(diff, `flyte-ts render differs from the backend's ${g.kind}:\n${diff.join("\n")}`).toEqual([]);
        } catch (err) {
          results.push({ task: g.task, plugin: g.plugin, kind: g.kind, outcome: "fail", note: (err as Error).message.split("\n").slice(0, 2).join(" ") });
          throw err;
        }
        results.push({ task: g.task, plugin: g.plugin, kind: g.kind, outcome: "pass" });
      });
    });
  }
});

afterAll(() => {
  // Only a run of the whole suite records results; `node conformance/report.mjs` turns them into REPORT.md
  // (a tracked file: a test run never rewrites it).
  if (results.length !== goldens.length) return;
  writeFileSync(join(CONFORMANCE_DIR, ".backend-results.json"), `${JSON.stringify({ backend: ignored.backend, results }, null, 2)}\n`);
});
