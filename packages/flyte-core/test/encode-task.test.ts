// encodeTask (TaskSpec binary and proto JSON written directly, an environment's shared parts cached) must
// never drift from plain protobuf-es: for generated environments, tasks, overrides, plugin structs and
// serialization contexts, its bytes equal taskSpecToBinary(serializeTask(...)) (protobuf-es toBinary with
// the generated flyteidl2 descriptors) and its JSON equals taskSpecToJson(...) down to key order — on first
// use and from the caches, in any order of tasks. conformance/test/encode-task.test.ts does the same on
// every conformance case. The schema table is checked against the generated descriptors field by field.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  Cache, PodTemplate, RetryStrategy, ReusePolicy, Secret, SerializationContext, TaskEnvironment, Timeout, definePlugin, encodeTask,
  registerPlugin, resetEnvironments, serializeTask, taskSpecToBinary, taskSpecToJson, unregisterPlugin, type AnyTask,
} from "@flyte-ts/core";
import { TaskSpecSchema } from "../src/gen/flyteidl2/task/task_definition_pb.ts";
import { TaskSpecSpec, UNKNOWN_TO_NPM_SCHEMA, type MessageSpec } from "../src/serialize/task-spec-schema.ts";
import { SEED } from "./fuzz/values.ts";

const KIND = "@flyte-ts/encode-test#Engine";
const plugin = definePlugin({
  name: "@flyte-ts/encode-test", version: "0.0.1", configKind: KIND, taskType: "engine", taskTypeVersion: 2, coreApiRange: "*",
  configSchema: z.object({ kind: z.literal(KIND), custom: z.record(z.string(), z.json()), args: z.array(z.string()).optional() }),
  customConfig: (config) => config.custom as Record<string, unknown>,
  containerArgs: (config) => config.args,
});

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** encodeTask and protobuf-es agree on the task: the same error, or the same bytes and JSON. */
function expectSameAsProtobufEs(task: AnyTask, sctx: SerializationContext): boolean {
  let reference: ReturnType<typeof serializeTask>;
  try {
    reference = serializeTask(task, sctx);
  } catch (error) {
    expect(() => encodeTask(task, sctx)).toThrow(String((error as Error).message));
    return false;
  }
  const fast = encodeTask(task, sctx);
  expect(hex(fast.binary)).toBe(hex(taskSpecToBinary(reference)));
  expect(JSON.stringify(fast.json)).toBe(JSON.stringify(taskSpecToJson(reference)));
  return true;
}

// JSON values as plugins put them in `custom`: unicode, -0, large and fractional numbers, nulls, nesting.
const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((v) => v);
const customStruct = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 6, unit: "binary" }), jsonValue, { maxKeys: 5 }),
  fc.constant({ n: -0, big: 1e300, tiny: 5e-324, neg: -12.5, list: [null, true, "é😀", [], {}], deep: { a: { b: { c: [1, 2] } } } }),
);
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("é".repeat(200), "😀".repeat(70), "a\u0000b", "tab\there"));
const podTemplate = fc.constantFrom(
  () => new PodTemplate({ podSpec: { containers: [{ name: "primary", image: "busybox", args: ["old"], env: [{ name: "X", value: "1" }] }, { name: "sidecar", image: "envoy:1" }], tolerations: [{ key: "gpu", operator: "Exists" }] }, labels: { team: "ml" }, annotations: { "a/b": "c" } }),
  () => new PodTemplate({ podSpec: { containers: [] , nodeSelector: { pool: "gpu" } } }),
  () => new PodTemplate({ primaryContainerName: "main", podSpec: { containers: [{ name: "main", resources: { limits: { cpu: "3", "nvidia.com/gpu": 1 } } }] } }),
  () => "named-template",
).map((make) => make());
const resources = fc.constantFrom(
  { cpu: ["1", "2"], memory: "4Gi" }, { cpu: 0.5, memory: ["1Gi", "2Gi"], disk: "20Gi" }, { gpu: "A100:2", shm: "auto" }, { gpu: "AppleSilicon" },
  { gpu: "A100 80G:1", shm: "1Gi" }, { gpu: 1, cpu: 2 }, { gpu: "T4 shared:1" }, { gpu: "V5E:4" }, { cpu: "250m" },
);
const inputs = fc.constantFrom(
  undefined,
  z.object({ x: z.int(), y: z.number().optional(), when: z.date() }),
  z.object({ mode: z.enum(["a", "b"]), tags: z.record(z.string(), z.array(z.string())), u: z.union([z.int(), z.string(), z.null()]) }),
  z.object({ point: z.object({ x: z.number(), y: z.number() }).describe("a point"), pair: z.tuple([z.int(), z.boolean()]) }),
);
const output = fc.constantFrom(undefined, z.int(), z.tuple([z.string(), z.number()]), z.object({ a: z.string().nullable() }));
const duration = fc.oneof(fc.constantFrom(0.5, 1.25, 60, 3600, 0.001, 90061.123456789), fc.integer({ min: 1, max: 10_000_000 }));

const envOptions = fc.record(
  {
    resources,
    envVars: fc.dictionary(fc.constantFrom("A", "LONG_NAME", "É", "FLYTE_APPLE_SILICON_EXECUTION"), fc.constantFrom("1", "", "container", "x".repeat(200)), { maxKeys: 3 }),
    secrets: fc.constantFrom("db-password", [new Secret({ key: "token", group: "team" }), { key: "cert", mount: "/etc/flyte/secrets" }], { key: "k", asEnvVar: "API_KEY" }),
    serviceAccount: fc.constantFrom("sa", ""),
    podTemplate,
    cache: fc.constantFrom("auto", "disable", new Cache({ behavior: "override", versionOverride: "v7", maxAge: "1h" }), { behavior: "auto", ignoredInputs: ["x"], salt: "s", serialize: true }),
    retries: fc.constantFrom(0, 3, new RetryStrategy({ count: 2, backoff: { base: "5s", factor: 2, cap: "1m" } }), { count: 1, backoff: { base: 0.5, factor: 1.5 } }),
    timeout: fc.oneof(duration, fc.record({ maxRuntime: duration, maxQueuedTime: duration, deadline: duration }, { requiredKeys: [] })),
    interruptible: fc.boolean(),
    description: text,
    reusable: fc.constantFrom(new ReusePolicy({ replicas: [1, 3], idleTtl: "1m", concurrency: 2, scope: "run" }), new ReusePolicy({ replicas: 2, idleTtl: 30.5 })),
    pluginConfig: fc.record({ kind: fc.constant(KIND), custom: customStruct, args: fc.option(fc.array(text, { maxLength: 3 }), { nil: undefined }) }),
  },
  { requiredKeys: [] },
);
const taskOptions = fc.record(
  {
    shortName: text.filter((s) => s !== ""),
    inputs,
    output,
    docs: fc.constantFrom("Fits.\nLong text.", "  ", "one line", "😀 docs\n\nmore"),
    cache: fc.constantFrom("auto", new Cache({ behavior: "override", versionOverride: "v2", maxAge: 90.5 })),
    timeout: fc.option(duration, { nil: undefined }),
    report: fc.boolean(),
    entrypoint: fc.boolean(),
    producesArtifacts: fc.boolean(),
    podTemplate,
  },
  { requiredKeys: [] },
);
const overrideOptions = fc.record(
  {
    resources,
    envVars: fc.constantFrom({}, { B: "2" }),
    retries: fc.constantFrom(0, 5),
    timeout: fc.option(duration, { nil: undefined }),
    interruptible: fc.boolean(),
    reusable: fc.constant("off" as const),
    podTemplate,
    shortName: fc.constantFrom("other", "😀".repeat(70)),
  },
  { requiredKeys: [] },
);
const contextOptions = fc.record(
  {
    project: fc.constantFrom("p", ""),
    domain: fc.constantFrom("development"),
    org: fc.constantFrom("o"),
    codeBundle: fc.constantFrom({ computedVersion: "cv", pkl: "s3://b/x.pkl" }, { computedVersion: "cv", tgz: "s3://b/x.tgz", destination: "/root" }),
    imageCache: fc.constant({ serializedForm: "H4sI..." }),
    inputPath: fc.constantFrom("{{.input}}", "s3://in/é"),
  },
  { requiredKeys: [] },
);

function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

afterEach(() => {
  resetEnvironments();
  unregisterPlugin(plugin.name);
});

describe("encodeTask writes what protobuf-es writes", { timeout: 120_000 }, () => {
  it("for generated environments, tasks, overrides and contexts, first and from the caches", () => {
    registerPlugin(plugin);
    let compared = 0;
    let n = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(envOptions, fc.array(fc.tuple(taskOptions, fc.option(overrideOptions, { nil: undefined })), { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 }),
        contextOptions,
        (envs, sctxOptions) => {
          const sctx = new SerializationContext({ version: "v1", rootDir: import.meta.dirname, ...sctxOptions });
          const tasks: AnyTask[] = [];
          for (const [envOpts, taskList] of envs) {
            let env: TaskEnvironment;
            try {
              env = new TaskEnvironment({ name: `env-${n++}`, image: "ghcr.io/acme/img:1", ...(envOpts as object) } as never);
            } catch {
              continue; // a combination the SDK refuses (e.g. reusable with a pod template): nothing to serialize
            }
            for (const [i, [taskOpts, override]] of taskList.entries()) {
              let task: AnyTask;
              try {
                task = env.task({ name: `t${i}`, ...defined(taskOpts) } as never, async () => 1);
                tasks.push(task);
                if (override) tasks.push(task.override(defined(override) as never));
              } catch {
                continue;
              }
            }
          }
          // Twice, the second time in reverse order: the cached parts must give the same bytes.
          for (const task of [...tasks, ...tasks.reverse()]) if (expectSameAsProtobufEs(task, sctx)) compared++;
          resetEnvironments();
        },
      ),
      { seed: SEED, numRuns: Number(process.env.ENCODE_RUNS ?? 400) },
    );
    // The generators must reach the encoder often, or the property says little.
    expect(compared).toBeGreaterThan(400);
  });

  it("writes a plugin struct as JSON would: undefined members left out, undefined items null, -0 as 0", () => {
    const loose = definePlugin({
      name: "@flyte-ts/encode-test-loose", version: "0.0.1", configKind: `${KIND}Loose`, taskType: "loose", coreApiRange: "*",
      configSchema: z.object({ kind: z.literal(`${KIND}Loose`) }),
      customConfig: () => ({ gone: undefined, list: [undefined, -0, 1, { x: undefined, y: null }], nested: { z: undefined, keep: "k" }, ["__proto__"]: { p: 1 } }) as never,
    });
    registerPlugin(loose);
    try {
      const env = new TaskEnvironment({ name: "loose", image: "img:1", pluginConfig: { kind: `${KIND}Loose` } as never });
      const sctx = new SerializationContext({ version: "v1", codeBundle: { computedVersion: "cv", pkl: "s3://b/x.pkl" } });
      const task = env.task(async function one() { return 1; });
      for (let i = 0; i < 2; i++) expect(expectSameAsProtobufEs(task, sctx)).toBe(true);
      const custom = (encodeTask(task, sctx).json.taskTemplate as Record<string, unknown>).custom;
      expect(JSON.stringify(custom)).toBe('{"list":[null,0,1,{"y":null}],"nested":{"keep":"k"},"__proto__":{"p":1}}');
      expect(Object.getPrototypeOf(custom)).toBe(Object.prototype);
      expect(Object.is((custom as { list: unknown[] }).list[1], 0)).toBe(true);
    } finally {
      unregisterPlugin(loose.name);
    }
  });

  it("gives the same bytes when an environment's part is shared by an override that changes another", () => {
    const env = new TaskEnvironment({ name: "shared", image: "img:1", resources: { cpu: "1" }, envVars: { A: "1" }, podTemplate: new PodTemplate({ podSpec: { containers: [{ name: "primary" }] } }) });
    const sctx = new SerializationContext({ version: "v1", rootDir: import.meta.dirname });
    const task = env.task(async function one() { return 1; });
    const bigger = task.override({ resources: { cpu: "4" } });
    const other = task.override({ envVars: { B: "2" } });
    for (const t of [task, bigger, other, task, bigger, other]) expect(expectSameAsProtobufEs(t, sctx)).toBe(true);
    const pod = (t: AnyTask) => (encodeTask(t, sctx).json.taskTemplate as any).k8sPod.podSpec.containers[0];
    expect(pod(task).resources.requests).toEqual({ cpu: "1" });
    expect(pod(bigger).resources.requests).toEqual({ cpu: "4" });
    expect(pod(other).env).toEqual([{ name: "B", value: "2" }]);
    expect(pod(task).args.at(-1)).toBe("shared.one");
  });

  it("writes the right bytes when a plugin's customConfig encodes another task itself", () => {
    const sctx = new SerializationContext({ version: "v1", codeBundle: { computedVersion: "cv", pkl: "s3://b/x.pkl" } });
    const inner = new TaskEnvironment({ name: "inner", image: "img:1", resources: { cpu: "1" } }).task(async function inner() { return 1; });
    const nested = definePlugin({
      name: "@flyte-ts/encode-test-nested", version: "0.0.1", configKind: `${KIND}Nested`, taskType: "nested", coreApiRange: "*",
      configSchema: z.object({ kind: z.literal(`${KIND}Nested`) }),
      customConfig: () => ({ innerBytes: encodeTask(inner, sctx).binary.length }),
    });
    registerPlugin(nested);
    try {
      const env = new TaskEnvironment({ name: "outer", image: "img:2", secrets: ["s"], pluginConfig: { kind: `${KIND}Nested` } as never });
      const outer = env.task(async function outer() { return 2; });
      // Encoded before anything else, so that the plugin runs (and encodes) while the outer task is encoded.
      const fast = encodeTask(outer, sctx);
      expect(hex(fast.binary)).toBe(hex(taskSpecToBinary(serializeTask(outer, sctx))));
      expect(expectSameAsProtobufEs(inner, sctx)).toBe(true);
    } finally {
      unregisterPlugin(nested.name);
    }
  });

  it("builds the JSON on first use, once, and the same whether it is asked for before or after other tasks are encoded", () => {
    const plain = new TaskEnvironment({ name: "lazy", image: "img:1", resources: { cpu: "1" }, secrets: ["s"] });
    const pod = new TaskEnvironment({ name: "lazy-pod", image: "img:1", podTemplate: new PodTemplate({ podSpec: { containers: [{ name: "primary" }] } }) });
    const sctx = new SerializationContext({ version: "v1", codeBundle: { computedVersion: "cv", pkl: "s3://b/x.pkl" } });
    const a = plain.task(async function a() { return 1; });
    const b = pod.task(async function b() { return 2; });
    // Alternating environments: each task's shared part is looked up again, not taken from the last task.
    const encoded = [a, b, a, b].map((t) => encodeTask(t, sctx));
    for (const [i, t] of [a, b, a, b].entries()) {
      const spec = encoded[i]!;
      expect(spec.json).toBe(spec.json);
      expect(JSON.stringify(spec.json)).toBe(JSON.stringify(taskSpecToJson(serializeTask(t, sctx))));
      expect(hex(spec.binary)).toBe(hex(taskSpecToBinary(serializeTask(t, sctx))));
    }
    expect(hex(encoded[0]!.binary)).toBe(hex(encoded[2]!.binary));
    expect(encoded[0]!.binary).not.toBe(encoded[2]!.binary);
  });
});

describe("the schema table", () => {
  it("matches the generated flyteidl2 descriptors: names, numbers, kinds and presence", () => {
    const checked: string[] = [];
    const visit = (spec: MessageSpec, desc: any, seen: Set<string>) => {
      if (seen.has(spec.typeName)) return;
      seen.add(spec.typeName);
      expect(desc?.typeName ?? spec.typeName).toBe(spec.typeName);
      for (const field of spec.fields) {
        const real = desc?.fields.find((f: any) => f.number === field.no);
        if (!real) {
          // Only the fields the npm schema lacks (written as unknown fields) may be missing from it.
          if (desc) expect(UNKNOWN_TO_NPM_SCHEMA[spec.typeName], `${spec.typeName}.${field.name}`).toContain(field.no);
          if (field.message) visit(field.message(), undefined, seen);
          continue;
        }
        checked.push(`${spec.typeName}.${field.name}`);
        expect(real.jsonName, `${spec.typeName} field ${field.no}`).toBe(field.name);
        const kind =
          real.fieldKind === "list" ? (real.listKind === "message" ? "messages" : "strings")
          : real.fieldKind === "map" ? "stringMap"
          : real.fieldKind === "message"
            ? ({ "google.protobuf.Struct": "struct", "google.protobuf.Duration": "duration", "google.protobuf.BoolValue": "boolValue" } as Record<string, string>)[real.message.typeName] ?? "message"
            : real.fieldKind === "enum" ? "enum"
            : ({ 9: "string", 8: "bool", 5: "int32", 13: "uint32", 1: "double" } as Record<number, string>)[real.scalar];
        expect(field.kind, `${spec.typeName}.${field.name}`).toBe(kind);
        if (real.fieldKind === "map") expect([real.mapKey, real.scalar]).toEqual([9, 9]);
        if (real.fieldKind === "list" && real.listKind !== "message") expect(real.scalar).toBe(9);
        // protobuf-es: presence 1 is explicit, 2 implicit; list and map fields are never "explicit".
        if (real.fieldKind !== "list" && real.fieldKind !== "map") expect(field.explicit, `${spec.typeName}.${field.name} presence`).toBe(real.presence === 1);
        if (field.enumType) {
          expect(Object.fromEntries(real.enum.values.map((v: any) => [v.name, v.number]))).toEqual(field.enumType.numbers);
        }
        if (field.message && kind === "message") visit(field.message(), real.message, seen);
      }
    };
    visit(TaskSpecSpec, TaskSpecSchema, new Set());
    expect(checked.length).toBeGreaterThan(70);
  });
});
