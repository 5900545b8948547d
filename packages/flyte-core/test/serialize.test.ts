import { createHash } from "node:crypto";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issuesOf } from "./helpers.ts";
import {
  Cache, PodTemplate, ReusePolicy, Resources, RetryStrategy, Secret, SerializationContext, TaskEnvironment, Timeout, coreVersion,
  definePlugin, registerPlugin, serializeTask, taskSpecFromBinary, taskSpecFromJson, taskSpecToBinary, taskSpecToJson,
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
          runtime: { type: "FLYTE_SDK", version: `2.12.1+flyte-ts.${coreVersion()}`, flavor: "typescript" },
          retries: {},
          discoveryVersion: sha(total.toString()),
          interruptible: false,
          generatesDeck: false,
          debuggable: true,
        },
        interface: {
          inputs: {
            // Sorted by name, as the reference does.
            variables: [
              { key: "label", value: { type: { simple: "STRING" } } },
              { key: "xs", value: { type: { collectionType: { simple: "FLOAT" } } } },
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
      runtime: { type: "FLYTE_SDK", version: `2.12.1+flyte-ts.${coreVersion()}`, flavor: "typescript" },
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

  it("ignores the version override and the salt of a disabled cache (the reference versions the code with \"auto\")", () => {
    const env = new TaskEnvironment({ name: uniq("cached"), image: "img:1" });
    async function f() { return 1; }
    const task = env.task({ cache: { behavior: "disable", versionOverride: "v-x", salt: "s" } }, f);
    const metadata = (taskSpecToJson(serializeTask(task, sctx)).taskTemplate as any).metadata;
    expect(metadata.discoveryVersion).toBe(sha(f.toString()));
    expect(metadata.discoverable).toBeUndefined(); // false: omitted in proto JSON
    const salted = env.task({ name: "g", cache: { behavior: "auto", salt: "s" } }, f);
    expect((taskSpecToJson(serializeTask(salted, sctx)).taskTemplate as any).metadata.discoveryVersion).toBe(sha(f.toString(), "s"));
  });

  it("writes Cache maxAge as metadata.cacheMaxAge (field 24, absent from the npm schema) in JSON and binary", () => {
    const env = new TaskEnvironment({ name: uniq("maxage"), image: "img:1" });
    for (const [cache, expected] of [
      [{ behavior: "auto", maxAge: 3600 }, "3600s"],
      [{ behavior: "auto", maxAge: "1.5s" }, "1.500s"],
      // The reference writes it whatever the behavior.
      [{ behavior: "disable", maxAge: 0 }, "0s"],
    ] as const) {
      const task = env.task({ name: uniq("t").replace("-", "_"), cache }, async () => 1);
      const spec = serializeTask(task, sctx);
      const json = taskSpecToJson(spec);
      expect((json.taskTemplate as any).metadata.cacheMaxAge, expected).toBe(expected);
      expect(taskSpecToJson(taskSpecFromBinary(taskSpecToBinary(spec)))).toEqual(json);
      expect(taskSpecToJson(taskSpecFromJson(JSON.parse(JSON.stringify(json))))).toEqual(json);
      const unknown = spec.taskTemplate!.metadata!.$unknown ?? [];
      expect(unknown.map((f) => f.no)).toEqual([24]);
    }
    const plain = env.task({ name: "plain", cache: "auto" }, async () => 1);
    expect((taskSpecToJson(serializeTask(plain, sctx)).taskTemplate as any).metadata.cacheMaxAge).toBeUndefined();
  });

  it("writes the service account as securityContext.runAs, next to the secrets; tasks and overrides replace it", () => {
    const env = new TaskEnvironment({ name: uniq("sa"), image: "img:1", serviceAccount: "ml-runner" });
    const securityContext = (task: Parameters<typeof serializeTask>[0]) => (taskSpecToJson(serializeTask(task, sctx)).taskTemplate as any).securityContext;
    const plain = env.task(async function plain() { return 1; });
    expect(securityContext(plain)).toEqual({ runAs: { k8sServiceAccount: "ml-runner" } });
    const own = env.task({ serviceAccount: "other", name: "own" }, async () => 1);
    expect(securityContext(own)).toEqual({ runAs: { k8sServiceAccount: "other" } });
    expect(securityContext(plain.override({ serviceAccount: "third", secrets: "tok" }))).toEqual({
      runAs: { k8sServiceAccount: "third" },
      secrets: [{ key: "tok", mountRequirement: "ENV_VAR", envVar: "TOK" }],
    });
    // "" means none, as in the reference.
    expect(securityContext(plain.override({ serviceAccount: "" }))).toBeUndefined();
    expect(env.serviceAccount).toBe("ml-runner");
  });

  it("rejects a service account that is not a string, and one that differs from a reusable environment's", () => {
    expect(() => new TaskEnvironment({ name: uniq("sa"), serviceAccount: 5 as never })).toThrowError(
      expect.objectContaining({ issues: [{ path: ["serviceAccount"], message: "must be a string (a Kubernetes service account name), got number" }] }),
    );
    const reusable = new TaskEnvironment({ name: uniq("sa"), image: "img:1", serviceAccount: "a", reusable: new ReusePolicy({ replicas: 1 }) });
    expect(() => reusable.task({ name: "t", serviceAccount: "b" }, async () => 1)).toThrowError(
      expect.objectContaining({ issues: [{ path: ["serviceAccount"], message: "Cannot override service_account when environment is reusable." }] }),
    );
    const task = reusable.task({ name: "same", serviceAccount: "a" }, async () => 1);
    expect(() => task.override({ serviceAccount: "b" })).toThrowError(
      expect.objectContaining({
        issues: [{
          path: ["serviceAccount"],
          message: "Cannot override service_account when reusable is set. Reusable tasks will use the parent env's service_account. You can disable reusability and override service_account if needed. (set reusable: \"off\")",
        }],
      }),
    );
  });

  it("adds the Apple Silicon execution env vars after the task's own, in the container and in a pod's primary container", () => {
    const env = new TaskEnvironment({ name: uniq("mac"), image: "img:1", resources: { gpu: "AppleSilicon" }, envVars: { A: "1" } });
    const template = taskSpecToJson(serializeTask(env.task(async function f() { return 1; }), sctx)).taskTemplate as any;
    expect(template.container.env).toEqual([
      { key: "A", value: "1" }, { key: "_F_APPLE_SILICON_EXECUTION", value: "host" }, { key: "_F_APPLE_SILICON_HOST_PACKAGES", value: "[]" },
    ]);
    expect(template.container.resources).toEqual({ requests: [{ name: "GPU", value: "1" }] });
    expect(template.extendedResources).toEqual({ gpuAccelerator: { device: "AppleSilicon", deviceClass: 5 } });
    const pod = env.task({ name: "pod", podTemplate: { labels: { q: "1" } } }, async () => 1);
    expect((taskSpecToJson(serializeTask(pod, sctx)).taskTemplate as any).k8sPod.podSpec.containers[0].env).toEqual([
      { name: "A", value: "1" }, { name: "_F_APPLE_SILICON_EXECUTION", value: "host" }, { name: "_F_APPLE_SILICON_HOST_PACKAGES", value: "[]" },
    ]);
    const inContainer = env.clone({ name: uniq("mac"), envVars: { FLYTE_APPLE_SILICON_EXECUTION: "container" } });
    expect((taskSpecToJson(serializeTask(inContainer.task(async function g() { return 1; }), sctx)).taskTemplate as any).container.env).toEqual([
      { key: "FLYTE_APPLE_SILICON_EXECUTION", value: "container" },
    ]);
  });

  it("writes gpu: 0 as no accelerator (no GPU entry, no extended resources)", () => {
    const env = new TaskEnvironment({ name: uniq("gpu0"), image: "img:1", resources: { cpu: 1, gpu: 0 } });
    const template = taskSpecToJson(serializeTask(env.task(async function f() { return 1; }), sctx)).taskTemplate as any;
    expect(template.container.resources).toEqual({ requests: [{ name: "CPU", value: "1" }] });
    expect(template.extendedResources).toBeUndefined();
  });

  it("writes empty input and output maps for a task without them, and sorts outputs by name (o10 before o2)", () => {
    const env = new TaskEnvironment({ name: uniq("iface"), image: "img:1" });
    const none = env.task(async function none() {});
    expect((taskSpecToJson(serializeTask(none, sctx)).taskTemplate as any).interface).toEqual({ inputs: {}, outputs: {} });
    const many = env.task({ name: "many", output: z.tuple(Array.from({ length: 11 }, () => z.int()) as [z.ZodInt, ...z.ZodInt[]]) }, async () => [] as never);
    const keys = (taskSpecToJson(serializeTask(many, sctx)).taskTemplate as any).interface.outputs.variables.map((v: { key: string }) => v.key);
    expect(keys).toEqual(["o0", "o1", "o10", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9"]);
  });

  it("adds the primary container to a pod template without containers or without a pod spec (as flyte 2.12.1)", () => {
    for (const podTemplate of [new PodTemplate({ labels: { queue: "q1" } }), { podSpec: { containers: [], nodeSelector: { pool: "x" } }, labels: { queue: "q1" } }]) {
      const env = new TaskEnvironment({ name: uniq("podless"), image: "img:1", envVars: { A: "1" }, podTemplate });
      const task = env.task(async function f() { return 1; });
      const template = taskSpecToJson(serializeTask(task, sctx)).taskTemplate as any;
      const extra = "nodeSelector" in (podTemplate as PodTemplate).podSpec! ? { nodeSelector: { pool: "x" } } : {};
      expect(template.k8sPod).toEqual({
        metadata: { labels: { queue: "q1" } },
        podSpec: {
          ...extra,
          containers: [{ name: "primary", image: "img:1", command: [], args: baseArgs("v7", task.taskName), env: [{ name: "A", value: "1" }] }],
        },
      });
      expect(template.config).toEqual({ primary_container_name: "primary" });
    }
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

  it("refuses, when declared, a pod template whose containers lack the primary one (not only at serialization)", () => {
    expect(issuesOf(() => new TaskEnvironment({ name: uniq("pod3"), image: "img:1", podTemplate: { podSpec: { containers: [{ name: "other" }] } } }))).toEqual([
      { path: ["podTemplate", "primaryContainerName"], message: "No primary container defined in the pod spec. You must define a primary container with the name 'primary'. (The containers are 'other'; or set primaryContainerName.)" },
    ]);
    const env = new TaskEnvironment({ name: uniq("pod3"), image: "img:1" });
    expect(issuesOf(() => env.task({ podTemplate: { primaryContainerName: "main", podSpec: { containers: [{ name: "primary" }, { name: "side" }] } } }, async function t() { return 1; }))).toEqual([
      { path: ["podTemplate", "primaryContainerName"], message: "No primary container defined in the pod spec. You must define a primary container with the name 'main'. (The containers are 'primary', 'side'; or set primaryContainerName.)" },
    ]);
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

  it("gives the container a plugin's own arguments when it returns some, else the runtime's", () => {
    registerPlugin(definePlugin({
      name: "@example/jvm-app", version: "0.0.1", configKind: "@example/jvm-app#Jvm", taskType: "jvm", coreApiRange: "*",
      configSchema: z.object({ kind: z.literal("@example/jvm-app#Jvm"), args: z.array(z.string()).optional() }),
      customConfig: () => ({ main: "org.example.Main" }),
      containerArgs: (config) => config.args,
    }));
    const own = new TaskEnvironment({ name: uniq("jvm"), image: "img:1", pluginConfig: { kind: "@example/jvm-app#Jvm", args: ["100", "{{.outputPrefix}}"] } as never });
    const template = taskSpecToJson(serializeTask(own.task(async function pi() {}), sctx)).taskTemplate as any;
    expect(template.container.args).toEqual(["100", "{{.outputPrefix}}"]);
    const pod = own.clone({ name: uniq("jvm-pod"), podTemplate: new PodTemplate({ podSpec: { containers: [{ name: "main" }] }, primaryContainerName: "main" }) });
    const podTemplate = taskSpecToJson(serializeTask(pod.task(async function pi() {}), sctx)).taskTemplate as any;
    expect(podTemplate.k8sPod.podSpec.containers[0].args).toEqual(["100", "{{.outputPrefix}}"]);
    const runtime = own.clone({ name: uniq("jvm-runtime"), pluginConfig: { kind: "@example/jvm-app#Jvm" } as never });
    const task = runtime.task(async function viaRuntime() {});
    expect((taskSpecToJson(serializeTask(task, sctx)).taskTemplate as any).container.args).toEqual(baseArgs("v7", task.taskName));
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
          { key: "mode", value: { type: { enumType: { values: ["a", "b"] } } } },
          { key: "tags", value: { type: { mapValueType: { simple: "INTEGER" } } } },
          { key: "when", value: { type: { simple: "DATETIME" } } },
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
          { key: "n", value: { type: { unionType: { variants: [{ simple: "INTEGER", structure: { tag: "int" } }, { simple: "STRING", structure: { tag: "str" } }] } } } },
          { key: "note", value: { type: { unionType: { variants: [{ simple: "STRING", structure: { tag: "str" } }, { simple: "NONE", structure: { tag: "none" } }] } } } },
          {
            key: "point",
            value: {
              type: {
                simple: "STRUCT",
                metadata: { title: "Object", type: "object", properties: { x: { type: "number" }, y: { type: "number" } }, required: ["x", "y"], additionalProperties: false },
                annotation: { annotations: { "cache-key-metadata": { "serialization-format": "msgpack" } } },
                structure: { tag: "Object-Dataclass-Transformer" },
              },
            },
          },
        ],
      },
      outputs: {},
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
