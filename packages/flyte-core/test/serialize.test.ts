import { createHash } from "node:crypto";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  Cache, PodTemplate, ReusePolicy, Resources, RetryStrategy, Secret, SerializationContext, TaskEnvironment, Timeout, coreVersion,
  serializeTask, taskSpecFromBinary, taskSpecFromJson, taskSpecToBinary, taskSpecToJson,
} from "@flyte-ts/core";
import { Echo } from "./fixtures/echo-plugin.ts";

const here = fileURLToPath(import.meta.url);
const rootDir = dirname(dirname(here)); // packages/flyte-core
const sctx = new SerializationContext({ version: "v7", project: "proj", domain: "dev", org: "acme", rootDir });
const sha = (text: string, salt = "") => createHash("sha256").update(text).update("\0").update(salt).digest("hex");
let n = 0;
const uniq = (base: string) => `${base}-${++n}`;

const baseArgs = (version: string, taskName: string) => [
  "a0", "--inputs", "{{.input}}", "--outputs-path", "{{.outputPrefix}}", "--version", version,
  "--raw-data-path", "{{.rawOutputDataPrefix}}", "--checkpoint-path", "{{.checkpointOutputPrefix}}",
  "--prev-checkpoint", "{{.prevCheckpointPrefix}}", "--run-name", "{{.runName}}", "--name", "{{.actionName}}",
  "--run-start-time", "{{.runStartTime}}", "--resolver", "flyte_ts.DefaultTaskResolver", "mod", "test/serialize.test.ts", "task", taskName,
];

describe("serializeTask", () => {
  it("writes the whole TaskSpec of a container task", () => {
    const name = uniq("plain");
    const env = new TaskEnvironment({
      name,
      image: "ghcr.io/acme/app:1",
      resources: new Resources({ cpu: [1, 2], memory: ["2Gi", "4Gi"], gpu: "T4:1", disk: "5Gi", shm: "1Gi" }),
      envVars: { A: "1" },
      secrets: ["my-secret", new Secret({ key: "k", group: "g", mount: "/etc/flyte/secrets" })],
      description: "an environment",
    });
    async function total(inputs: { xs: number[] }) {
      return inputs.xs.reduce((s, v) => s + v, 0);
    }
    const task = env.task({ inputs: z.object({ xs: z.array(z.number()), label: z.string().default("x") }), output: z.number(), docs: "Sums.\nLonger text." }, total);
    const json = taskSpecToJson(serializeTask(task, sctx));
    expect(json).toEqual({
      taskTemplate: {
        id: { resourceType: "TASK", project: "proj", domain: "dev", name: `${name}.total`, version: "v7", org: "acme" },
        type: "python",
        metadata: {
          runtime: { type: "FLYTE_SDK", version: coreVersion(), flavor: "typescript" },
          retries: {},
          discoveryVersion: sha(total.toString()),
          interruptible: false,
          generatesDeck: false,
          debuggable: true,
        },
        interface: {
          inputs: {
            variables: [
              { key: "xs", value: { type: { collectionType: { simple: "FLOAT" } } } },
              { key: "label", value: { type: { simple: "STRING" } } },
            ],
          },
          outputs: { variables: [{ key: "o0", value: { type: { simple: "FLOAT" } } }] },
        },
        container: {
          image: "ghcr.io/acme/app:1",
          args: baseArgs("v7", `${name}.total`),
          resources: {
            requests: [
              { name: "CPU", value: "1" }, { name: "MEMORY", value: "2Gi" }, { name: "GPU", value: "1" }, { name: "EPHEMERAL_STORAGE", value: "5Gi" },
            ],
            limits: [{ name: "CPU", value: "2" }, { name: "MEMORY", value: "4Gi" }],
          },
          env: [{ key: "A", value: "1" }],
        },
        securityContext: {
          secrets: [
            { key: "my-secret", mountRequirement: "ENV_VAR", envVar: "MY_SECRET" },
            { group: "g", key: "k", mountRequirement: "FILE" },
          ],
        },
        extendedResources: {
          gpuAccelerator: { device: "nvidia-tesla-t4" },
          sharedMemory: { mountPath: "/dev/shm", mountName: "flyte-shm", sizeLimit: "1Gi" },
        },
      },
      shortName: "total",
      environment: { name, description: "an environment" },
      documentation: { shortDescription: "Sums.", longDescription: "Sums.\nLonger text." },
    });
  });

  it("fills metadata from retries, timeouts, cache, interruptible, report and a named pod template", () => {
    const env = new TaskEnvironment({ name: uniq("meta"), image: "img:1", podTemplate: "gpu-template", interruptible: true });
    async function cached() { return 1; }
    const task = env.task(
      {
        retries: new RetryStrategy({ count: 5, backoff: { base: "10s", factor: 2, cap: "300s" } }),
        timeout: new Timeout({ maxRuntime: "1h", maxQueuedTime: 60.5, deadline: "2h" }),
        cache: new Cache({ behavior: "auto", serialize: true, ignoredInputs: ["seed"], salt: "s1" }),
        report: true,
        entrypoint: true,
        producesArtifacts: true,
      },
      cached,
    );
    const template = taskSpecToJson(serializeTask(task, sctx)).taskTemplate as Record<string, unknown>;
    expect(template.metadata).toEqual({
      discoverable: true,
      runtime: { type: "FLYTE_SDK", version: coreVersion(), flavor: "typescript" },
      timeout: "3600s",
      retries: { retries: 5, backoff: { base: "10s", factor: 2, cap: "300s" } },
      discoveryVersion: sha(cached.toString(), "s1"),
      interruptible: true,
      cacheSerializable: true,
      podTemplateName: "gpu-template",
      cacheIgnoreInputVars: ["seed"],
      generatesDeck: true,
      debuggable: true,
      isEntrypoint: true,
      timeouts: { queuedTimeout: "60.500s", deadline: "7200s" },
      producesArtifacts: true,
    });
    expect(template.container).toBeDefined();
    expect(template.k8sPod).toBeUndefined();
  });

  it("uses the cache's version override as the discovery version", () => {
    const env = new TaskEnvironment({ name: uniq("cachev"), image: "img:1", cache: { behavior: "auto", versionOverride: "pinned-1" } });
    const task = env.task(async function f() { return 1; });
    const metadata = (taskSpecToJson(serializeTask(task, sctx)).taskTemplate as any).metadata;
    expect(metadata.discoveryVersion).toBe("pinned-1");
    expect(metadata.discoverable).toBe(true);
  });

  it("merges the task into the primary container of a pod template (§2.10)", () => {
    const env = new TaskEnvironment({
      name: uniq("pod"),
      image: "img:1",
      resources: { cpu: ["1", "2"], memory: "1Gi" },
      envVars: { TASK: "t" },
      podTemplate: new PodTemplate({
        primaryContainerName: "main",
        labels: { team: "a" },
        annotations: { note: "n" },
        podSpec: {
          containers: [
            { name: "main", image: "custom:2", args: ["old"], command: ["python"], env: [{ name: "TPL", value: "p" }],
              resources: { requests: { cpu: "500m", "nvidia.com/gpu": "1" }, limits: { memory: "8Gi" }, claims: [{ name: "c" }] } },
            { name: "sidecar", image: "side:1" },
          ],
          nodeSelector: { pool: "x" },
          tolerations: null,
        },
      }),
    });
    const task = env.task(async function podTask() { return 1; });
    const template = taskSpecToJson(serializeTask(task, sctx)).taskTemplate as Record<string, unknown>;
    expect(template.container).toBeUndefined();
    expect(template.config).toEqual({ primary_container_name: "main" });
    expect(template.k8sPod).toEqual({
      metadata: { labels: { team: "a" }, annotations: { note: "n" } },
      podSpec: {
        containers: [
          {
            name: "main",
            image: "custom:2",
            args: baseArgs("v7", task.taskName),
            command: [],
            env: [{ name: "TASK", value: "t" }, { name: "TPL", value: "p" }],
            resources: {
              requests: { cpu: "1", "nvidia.com/gpu": "1", memory: "1Gi" },
              limits: { memory: "8Gi", cpu: "2" },
              claims: [{ name: "c" }],
            },
          },
          { name: "sidecar", image: "side:1" },
        ],
        nodeSelector: { pool: "x" },
      },
    });
  });

  it("leaves template resources alone when the task declares none, and sets the image only when missing", () => {
    const env = new TaskEnvironment({
      name: uniq("pod2"),
      image: "img:1",
      podTemplate: { podSpec: { containers: [{ name: "primary", resources: { limits: { cpu: 1 } } }] } },
    });
    const task = env.task(async function t() { return 1; });
    const pod = (taskSpecToJson(serializeTask(task, sctx)).taskTemplate as any).k8sPod;
    expect(pod.podSpec.containers[0]).toEqual({
      name: "primary", image: "img:1", resources: { limits: { cpu: 1 } }, command: [], args: baseArgs("v7", task.taskName), env: [],
    });
    expect(pod.metadata).toEqual({});
  });

  it("fails naming the primary container when the pod template lacks it", () => {
    const env = new TaskEnvironment({ name: uniq("pod3"), image: "img:1", podTemplate: { podSpec: { containers: [{ name: "other" }] } } });
    const task = env.task(async function t() { return 1; });
    expect(() => serializeTask(task, sctx)).toThrowError(
      "No primary container defined in the pod spec. You must define a primary container with the name 'primary'.",
    );
  });

  it("requires an image to serialize, naming the field", () => {
    const env = new TaskEnvironment({ name: uniq("noimg") });
    const task = env.task(async function t() { return 1; });
    expect(() => serializeTask(task, sctx)).toThrowError(expect.objectContaining({
      code: "INVALID_CONFIG",
      issues: [{ path: ["image"], message: expect.stringContaining("has no image") }],
    }));
  });

  it("requires a root dir when there is no pickled bundle", () => {
    const env = new TaskEnvironment({ name: uniq("root"), image: "img:1" });
    const task = env.task(async function t() { return 1; });
    expect(() => serializeTask(task, { version: "v1" })).toThrowError(/Root dir is required/);
  });

  it("adds the code bundle to the args and metadata", () => {
    const env = new TaskEnvironment({ name: uniq("bundle"), image: "img:1" });
    const task = env.task(async function t() { return 1; });
    const tgz = taskSpecToJson(serializeTask(task, { version: "v1", rootDir, codeBundle: { computedVersion: "abc", tgz: "s3://b/x.tgz", destination: "/root" }, imageCache: { serializedForm: "H4sI" } })).taskTemplate as any;
    expect(tgz.container.args.slice(19)).toEqual(["--image-cache", "H4sI", "--tgz", "s3://b/x.tgz", "--dest", "/root", "--resolver", "flyte_ts.DefaultTaskResolver", "mod", "test/serialize.test.ts", "task", task.taskName]);
    expect(tgz.metadata.codeBundleUri).toBe("s3://b/x.tgz");
    const pkl = taskSpecToJson(serializeTask(task, { version: "v1", codeBundle: { computedVersion: "abc", pkl: "s3://b/x.pkl" } })).taskTemplate as any;
    expect(pkl.container.args.slice(19)).toEqual(["--pkl", "s3://b/x.pkl", "--dest", "."]);
    expect(pkl.metadata.discoveryVersion).toBe("abc");
    expect(pkl.metadata.codeBundleUri).toBeUndefined();
  });

  it("writes a plugin's custom, type and type version", () => {
    const env = new TaskEnvironment({ name: uniq("plug"), image: "img:1", pluginConfig: new Echo({ workers: 2 }) });
    const task = env.task(async function t() { return 1; });
    const template = taskSpecToJson(serializeTask(task, sctx)).taskTemplate as any;
    expect(template.type).toBe("echo");
    expect(template.taskTypeVersion).toBe(1);
    expect(template.custom).toEqual({ workers: 2 });
  });

  it("writes the reuse policy (absent from the npm schema) in JSON and binary, and turns debuggable off", () => {
    const env = new TaskEnvironment({ name: uniq("reuse"), image: "img:1", reusable: new ReusePolicy({ replicas: [1, 3], idleTtl: 600, scope: "run", concurrency: 2 }) });
    const task = env.task(async function t() { return 1; });
    const spec = serializeTask(task, sctx);
    const json = taskSpecToJson(spec);
    expect((json.taskTemplate as any).reusePolicy).toEqual({ minReplicas: 1, maxReplicas: 3, concurrency: 2, idleTtl: "600s", scaledownTtl: "30s", scope: "RUN" });
    expect((json.taskTemplate as any).metadata.debuggable).toBeUndefined();
    expect(taskSpecToJson(taskSpecFromBinary(taskSpecToBinary(spec)))).toEqual(json);
    expect(taskSpecToJson(taskSpecFromJson(json))).toEqual(json);
  });

  it("round-trips JSON and binary for every kind of task", () => {
    const env = new TaskEnvironment({ name: uniq("rt"), image: "img:1", resources: { gpu: "A100 80G:2", shm: "auto" }, pluginConfig: new Echo({ workers: 1, conf: { a: "b" } }) });
    const task = env.task({ inputs: z.object({ when: z.date(), tags: z.record(z.string(), z.int()), mode: z.enum(["a", "b"]) }), output: z.tuple([z.int(), z.string()]) }, async function t() { return [1, "x"] as [number, string]; });
    const spec = serializeTask(task, sctx);
    const json = taskSpecToJson(spec);
    const bytes = taskSpecToBinary(spec);
    expect(taskSpecToJson(taskSpecFromBinary(bytes))).toEqual(json);
    expect(taskSpecToJson(taskSpecFromJson(JSON.parse(JSON.stringify(json))))).toEqual(json);
    expect((json.taskTemplate as any).interface).toEqual({
      inputs: {
        variables: [
          { key: "when", value: { type: { simple: "DATETIME" } } },
          { key: "tags", value: { type: { mapValueType: { simple: "INTEGER" } } } },
          { key: "mode", value: { type: { enumType: { values: ["a", "b"] } } } },
        ],
      },
      outputs: { variables: [{ key: "o0", value: { type: { simple: "INTEGER" } } }, { key: "o1", value: { type: { simple: "STRING" } } }] },
    });
    expect((json.taskTemplate as any).extendedResources).toEqual({
      gpuAccelerator: { device: "nvidia-a100-80gb" },
      sharedMemory: { mountPath: "/dev/shm", mountName: "flyte-shm" },
    });
  });

  it("maps objects to msgpack structs with their JSON schema and optionals to unions", () => {
    const env = new TaskEnvironment({ name: uniq("types"), image: "img:1" });
    const task = env.task({ inputs: z.object({ point: z.object({ x: z.number(), y: z.number() }), note: z.string().optional(), n: z.union([z.int(), z.string()]) }) }, async function t() {});
    const iface = (taskSpecToJson(serializeTask(task, sctx)).taskTemplate as any).interface;
    expect(iface).toEqual({
      inputs: {
        variables: [
          {
            key: "point",
            value: {
              type: {
                simple: "STRUCT",
                metadata: { type: "object", properties: { x: { type: "number" }, y: { type: "number" } }, required: ["x", "y"], additionalProperties: false },
                annotation: { annotations: { "cache-key-metadata": { "serialization-format": "msgpack" } } },
                structure: { tag: "Object-Dataclass-Transformer" },
              },
            },
          },
          { key: "note", value: { type: { unionType: { variants: [{ simple: "STRING", structure: { tag: "str" } }, { simple: "NONE", structure: { tag: "none" } }] } } } },
          { key: "n", value: { type: { unionType: { variants: [{ simple: "INTEGER", structure: { tag: "int" } }, { simple: "STRING", structure: { tag: "str" } }] } } } },
        ],
      },
    });
  });

  it("rejects input types that have no Flyte literal type, with their path", () => {
    const env = new TaskEnvironment({ name: uniq("badtype"), image: "img:1" });
    const task = env.task({ inputs: z.object({ f: z.function(), ok: z.string() }) }, async function t() {});
    expect(() => serializeTask(task, sctx)).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ path: ["inputs", "f"] })] }));
  });

  it("truncates short and environment names to 63 characters", () => {
    const env = new TaskEnvironment({ name: uniq("x".repeat(58)), image: "img:1" });
    const task = env.task({ shortName: "s".repeat(70) }, async function t() {});
    const json = taskSpecToJson(serializeTask(task, sctx));
    expect(json.shortName).toBe("s".repeat(63));
    expect((json.environment as any).name).toBe(env.name);
  });
});
