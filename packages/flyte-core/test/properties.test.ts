// Property-based test of the public API (≈85,000 generated inputs here, ≈16,000 more in the plugins'
// properties.test.ts): whatever a caller passes, a constructor, a TaskEnvironment, a
// task, an override or serializeTask either accepts it, and then the result serializes, or refuses it
// with the project's ConfigError listing each problem with its path. Never a TypeError, a RangeError
// (stack overflow) or any other stray error. Fixed seed: see fuzz/values.ts.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  AMD_GPU, Backoff, Cache, Device, GPU, HABANA_GAUDI, Neuron, PodTemplate, Resources, RetryStrategy, ReusePolicy, Secret,
  SerializationContext, TPU, TaskEnvironment, Timeout, getProtoExtendedResources, getProtoResources, podSpecFromResources,
  resetEnvironments, serializeTask, taskSpecFromBinary, taskSpecToBinary, taskSpecToJson,
} from "@flyte-ts/core";
import { attempt, check, expectProjectRejection, mostly, options, strange } from "./fuzz/values.ts";

const quantity = fc.oneof(
  fc.constantFrom("500m", "1", "2", "0.5", "4Gi", "512Mi", "1e3", "100k", "-1", "1.5Gi", "", "Gi", "1 Gi", "0x10"),
  fc.stringMatching(/^-?\d{1,4}(\.\d{1,3})?(m|k|M|G|Gi|Mi|Ki|Ti|e\d)?$/),
);
const cpuScalar = fc.oneof(fc.double({ min: -4, max: 1e6, noNaN: false }), fc.nat(10_000), quantity);
const requestLimit = <T>(scalar: fc.Arbitrary<T>) => fc.oneof(scalar, fc.tuple(scalar, scalar), fc.array(scalar, { maxLength: 3 }));
const acceleratorString = fc.oneof(
  fc.constantFrom("A100:2", "A100 80G:1", "T4 shared:1", "AppleSilicon", "Trn1:16", "H100:9", "a100:1", "A100", "1", "0", "2", "-1", "1.5", " 1", "A100:0", "Inf2:12"),
  fc.stringMatching(/^[A-Za-z0-9 _]{1,8}(:\d{1,2})?$/),
);
const deviceOptions = options({
  quantity: mostly(fc.integer({ min: -1, max: 9 })),
  deviceClass: mostly(fc.constantFrom("GPU", "TPU", "NEURON", "AMD_GPU", "HABANA_GAUDI", "APPLE_SILICON", "gpu")),
  device: mostly(fc.constantFrom("A100", "H100", "AppleSilicon", "V5E", "toString", "")),
  partition: mostly(fc.constantFrom("1g.5gb", "2x2", "bogus", "")),
});
const device = fc.oneof(
  deviceOptions.map((o) => attempt(() => new Device(o as never))),
  fc.tuple(fc.constantFrom("A100", "H100", "T4 shared", "A100 80G", "B300"), fc.integer({ min: 0, max: 9 }), fc.option(fc.constantFrom("1g.5gb", "1g.10gb", "3g.40gb"), { nil: undefined }))
    .map(([name, q, p]) => attempt(() => GPU(name as never, q, p))),
  fc.constantFrom(() => TPU("V5E", "2x2"), () => Neuron("Inf1"), () => AMD_GPU("MI300X"), () => HABANA_GAUDI("Gaudi1")).map((make) => attempt(make)),
).map((outcome) => (outcome.ok ? outcome.value : undefined));
const resourcesOptions = options({
  cpu: mostly(requestLimit(cpuScalar)),
  memory: mostly(requestLimit(quantity)),
  gpu: mostly(fc.oneof(fc.integer({ min: -2, max: 9 }), acceleratorString, device, fc.double())),
  disk: mostly(quantity),
  shm: mostly(fc.oneof(fc.constant("auto"), quantity)),
});
const duration = fc.oneof(
  fc.double({ min: -10, max: 1e13 }),
  fc.constantFrom("90s", "5m", "1h30m", "1.5s", "250ms", "2d", "", "1y", "-5s", "99999999999999d", "1e3s", "315576000001s"),
);
const containerName = fc.constantFrom("primary", "sidecar", "Primary", "", "a".repeat(64), "x-y");
const container = fc.oneof(
  fc.record({ name: mostly(containerName), image: mostly(fc.constantFrom("busybox", "")), env: mostly(fc.array(fc.record({ name: fc.constantFrom("A", ""), value: mostly(fc.constantFrom("1", "")) }), { maxLength: 2 })), resources: mostly(fc.record({ limits: fc.dictionary(fc.constantFrom("cpu", "memory", "nvidia.com/gpu"), fc.oneof(quantity, fc.nat())) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
  strange,
);
const podSpec = options({
  containers: mostly(fc.array(container, { maxLength: 3 })),
  initContainers: mostly(fc.array(container, { maxLength: 1 })),
  nodeSelector: mostly(fc.dictionary(fc.constantFrom("pool", "zone"), fc.string({ maxLength: 4 }))),
  tolerations: mostly(fc.array(fc.record({ key: fc.string({ maxLength: 3 }), operator: fc.constantFrom("Exists", "Equal") }), { maxLength: 2 })),
  restartPolicy: mostly(fc.constantFrom("Never", "Always")),
  notAPodSpecField: strange,
});
const stringMap = mostly(fc.dictionary(fc.constantFrom("team", "a/b", ""), mostly(fc.string({ maxLength: 5 }))));
const podTemplateOptions = options({
  podSpec,
  primaryContainerName: mostly(containerName),
  labels: stringMap,
  annotations: stringMap,
});
const secretOptions = options({
  key: mostly(fc.constantFrom("wandb-key", "api_key", "", "9lives", "dapi0123456789abcdef0123456789abcdef")),
  group: mostly(fc.constantFrom("team", "")),
  mount: mostly(fc.constantFrom("/etc/flyte/secrets", "/tmp")),
  asEnvVar: mostly(fc.constantFrom("API_KEY", "lower", "")),
});
const secrets = fc.oneof(fc.constantFrom("wandb-key", ""), secretOptions, fc.array(fc.oneof(fc.constant("k"), secretOptions), { maxLength: 3 }), strange);
const backoffOptions = options({ base: mostly(duration), factor: mostly(fc.double({ min: 0, max: 4 })), cap: mostly(duration) });
const retryOptions = options({ count: mostly(fc.integer({ min: -1, max: 2 ** 32 })), backoff: mostly(backoffOptions) });
const timeoutOptions = options({ maxRuntime: mostly(duration), maxQueuedTime: mostly(duration), deadline: mostly(duration) });
const cacheOptions = options({
  behavior: mostly(fc.constantFrom("auto", "override", "disable", "enable", "ON", "constructor", "")),
  versionOverride: mostly(fc.constantFrom("v1", "")),
  serialize: mostly(fc.boolean()),
  ignoredInputs: mostly(fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 })),
  salt: mostly(fc.string({ maxLength: 3 })),
  maxAge: mostly(duration),
});
const reuseOptions = options({
  replicas: mostly(fc.oneof(fc.integer({ min: -1, max: 3 }), fc.tuple(fc.integer({ min: -1, max: 3 }), fc.integer({ min: -1, max: 3 })))),
  idleTtl: mostly(duration),
  concurrency: mostly(fc.integer({ min: -1, max: 2 ** 31 + 1 })),
  scaledownTtl: mostly(duration),
  scope: mostly(fc.constantFrom("global", "run", "RUN")),
});
const textOf = (maxLength: number) => fc.oneof(fc.string({ maxLength, unit: "grapheme" }), fc.constantFrom("😀".repeat(130), "é".repeat(300), `${"a".repeat(246)}😀😀`));

/**
 * Options built from known-good values (each key present or not), then, a third of the time, one key set to
 * a generated (often malformed) value: cheap to generate, and most chains get as far as serialization.
 */
function mutated(good: Record<string, readonly unknown[]>, fuzzed: Record<string, fc.Arbitrary<unknown>>, requiredKeys: string[] = []): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(Object.entries(good).map(([key, values]) => [key, fc.constantFrom(...values)]));
  const base = fc.record(fields, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
  return fc.tuple(base, fc.nat(2), fc.constantFrom(...Object.keys(fuzzed))).chain(([rec, roll, key]) =>
    roll === 0 ? fuzzed[key]!.map((value) => ({ ...rec, [key]: value })) : fc.constant(rec));
}

const good = {
  resources: [new Resources({ cpu: 2 }), { cpu: ["1", "2"], memory: "4Gi" }, { gpu: "A100:2", shm: "auto" }, { gpu: 1, disk: "20Gi" }, { gpu: GPU("H100", 1, "1g.10gb") }, { memory: ["1Gi", "2Gi"], gpu: "T4 shared:1" }],
  secrets: ["wandb-key", new Secret({ key: "token", group: "team" }), [{ key: "a" }, "b-c"], { key: "cert", mount: "/etc/flyte/secrets" }],
  podTemplate: ["named-template", new PodTemplate({ podSpec: { containers: [{ name: "primary", image: "busybox" }, { name: "sidecar" }] }, labels: { team: "ml" } }), { podSpec: { nodeSelector: { pool: "gpu" }, containers: [] } }, { primaryContainerName: "main", podSpec: { containers: [{ name: "main", env: [{ name: "X", value: "1" }] }] } }],
  cache: ["auto", "disable", new Cache({ behavior: "override", versionOverride: "v7", maxAge: "1h" }), { behavior: "auto", ignoredInputs: ["x"], salt: "s", serialize: true }],
  retries: [0, 3, new RetryStrategy({ count: 2, backoff: { base: "5s", factor: 2, cap: "1m" } }), { count: 1, backoff: new Backoff({ base: 1 }) }],
  timeout: [60, "1h30m", new Timeout({ maxRuntime: "10m", maxQueuedTime: 5, deadline: "2d" }), { maxRuntime: 0.5 }],
  interruptible: [true, false],
  serviceAccount: ["sa", ""],
  envVars: [{ A: "1" }, { PATH: "/bin", EMPTY: "" }],
  description: ["trains", "😀".repeat(130), `${"a".repeat(246)}😀😀`, "é".repeat(300)],
};
const envOptions = mutated(
  {
    name: ["train", "my-env", "x_1", "a".repeat(63)], image: ["ghcr.io/acme/img:1"], resources: good.resources, envVars: good.envVars,
    secrets: good.secrets, serviceAccount: good.serviceAccount, podTemplate: good.podTemplate, cache: good.cache, retries: good.retries,
    timeout: good.timeout, interruptible: good.interruptible, description: good.description,
  },
  {
    name: mostly(fc.constantFrom("Bad Name", "", "a".repeat(64))), image: mostly(fc.constantFrom("", " ")), resources: resourcesOptions,
    envVars: mostly(fc.dictionary(fc.constantFrom("A", "B=C", ""), mostly(fc.string({ maxLength: 3 })))), secrets, serviceAccount: strange,
    podTemplate: podTemplateOptions, cache: cacheOptions, retries: retryOptions, timeout: fc.oneof(duration, timeoutOptions),
    interruptible: strange, reusable: fc.oneof(fc.constant(new ReusePolicy({ replicas: [1, 3], idleTtl: "1m", concurrency: 2, scope: "run" })), reuseOptions, strange), description: mostly(textOf(300)), dependsOn: strange,
  },
  ["name", "image"],
);
const taskOptions = mutated(
  {
    shortName: ["fit_it", "😀".repeat(70), "é".repeat(80)], cache: good.cache, retries: good.retries, timeout: good.timeout, docs: ["Fits.\nLong text."],
    podTemplate: good.podTemplate, serviceAccount: good.serviceAccount, interruptible: good.interruptible, report: [true], entrypoint: [true],
    producesArtifacts: [true], maxInlineIoBytes: [1024], inputs: [z.object({ x: z.int() })], output: [z.number()],
  },
  {
    name: mostly(fc.constantFrom("2bad", "", "$ok")), shortName: mostly(textOf(80)), cache: cacheOptions, retries: retryOptions,
    timeout: fc.oneof(duration, timeoutOptions), docs: strange, podTemplate: podTemplateOptions, serviceAccount: strange,
    interruptible: strange, report: strange, maxInlineIoBytes: mostly(fc.integer({ min: -1, max: 2 ** 31 })), inputs: strange, output: strange,
  },
);
const overrideOptions = mutated(
  {
    shortName: ["other", "😀".repeat(70)], resources: good.resources, cache: good.cache, retries: good.retries, timeout: good.timeout,
    envVars: good.envVars, secrets: good.secrets, maxInlineIoBytes: [2048], podTemplate: good.podTemplate, interruptible: good.interruptible,
    serviceAccount: good.serviceAccount, reusable: ["off"],
  },
  {
    shortName: mostly(textOf(80)), resources: resourcesOptions, cache: cacheOptions, retries: retryOptions, timeout: fc.oneof(duration, timeoutOptions),
    reusable: strange, envVars: strange, secrets, maxInlineIoBytes: strange, podTemplate: podTemplateOptions, name: strange, image: strange,
  },
);

const context = () => new SerializationContext({ version: "v1", codeBundle: { computedVersion: "cv", pkl: "s3://bucket/code.pkl" } });

/** An accepted task serializes to a TaskSpec that survives the binary round trip. */
function expectSerializes(task: Parameters<typeof serializeTask>[0]): void {
  const result = attempt(() => serializeTask(task, context()));
  if (!result.ok) {
    // Only a missing image (allowed for local runs) may stop serialization, and it names the field.
    expectProjectRejection(result.error, task.settings);
    expect((result.error as { issues: { path: unknown[] }[] }).issues.map((i) => i.path)).toEqual([["image"]]);
    return;
  }
  const json = taskSpecToJson(taskSpecFromBinary(taskSpecToBinary(result.value)));
  expect(JSON.parse(JSON.stringify(json))).toEqual(json);
}

function expectAcceptedOrRejected<T>(input: unknown, build: () => T, then?: (value: T) => void): void {
  const result = attempt(build);
  if (result.ok) then?.(result.value);
  else expectProjectRejection(result.error, input);
}

afterEach(() => resetEnvironments());

describe("every public constructor accepts or refuses with a ConfigError", { timeout: 120_000 }, () => {
  it("Resources (and its wire forms)", () => {
    check(resourcesOptions, 25_000, (o) =>
      expectAcceptedOrRejected(o, () => new Resources(o as never), (res) => {
        getProtoResources(res);
        getProtoExtendedResources(res);
        expectAcceptedOrRejected(res, () => podSpecFromResources({ requests: res }));
      }));
  });

  it("Device and the accelerator helpers", () => {
    check(deviceOptions, 6_000, (o) => expectAcceptedOrRejected(o, () => new Device(o as never)));
    const helper = fc.tuple(fc.constantFrom(GPU, TPU, Neuron, AMD_GPU, HABANA_GAUDI), strange, strange, strange);
    check(helper, 6_000, ([make, a, b, c]) => expectAcceptedOrRejected([a, b, c], () => (make as (...args: unknown[]) => unknown)(a, b, c)));
  });

  it("PodTemplate and PodTemplate.fromSpec", () => {
    check(podTemplateOptions, 12_000, (o) => expectAcceptedOrRejected(o, () => new PodTemplate(o as never)));
    check(fc.tuple(podSpec, strange), 4_000, ([spec, name]) =>
      expectAcceptedOrRejected(spec, () => PodTemplate.fromSpec(spec as never, { primaryContainerName: name as never })));
  });

  it("Secret, RetryStrategy, Backoff, Timeout, Cache, ReusePolicy, SerializationContext", () => {
    check(secretOptions, 3_500, (o) => expectAcceptedOrRejected(o, () => new Secret(o as never)));
    check(backoffOptions, 3_500, (o) => expectAcceptedOrRejected(o, () => new Backoff(o as never)));
    check(retryOptions, 3_500, (o) => expectAcceptedOrRejected(o, () => new RetryStrategy(o as never)));
    check(timeoutOptions, 3_500, (o) => expectAcceptedOrRejected(o, () => new Timeout(o as never)));
    check(cacheOptions, 3_500, (o) => expectAcceptedOrRejected(o, () => new Cache(o as never)));
    check(reuseOptions, 3_500, (o) => expectAcceptedOrRejected(o, () => new ReusePolicy(o as never)));
    const contextOptions = options({
      version: mostly(fc.constantFrom("v1", "", "x".repeat(64))),
      project: mostly(fc.string({ maxLength: 3 })),
      domain: mostly(fc.string({ maxLength: 3 })),
      org: mostly(fc.string({ maxLength: 3 })),
      rootDir: mostly(fc.constantFrom("/tmp", "", "relative")),
      codeBundle: mostly(options({ computedVersion: mostly(fc.constant("cv")), pkl: mostly(fc.constant("s3://b/x.pkl")), tgz: strange })),
    });
    check(contextOptions, 3_000, (o) => expectAcceptedOrRejected(o, () => new SerializationContext(o as never)));
  });
});

describe("TaskEnvironment → task → override → serializeTask", { timeout: 120_000 }, () => {
  it("accepted settings serialize; refused ones are ConfigErrors", () => {
    let serialized = 0;
    const runs = Number(process.env.CHAIN_RUNS ?? 8_000);
    check(fc.tuple(envOptions, taskOptions, overrideOptions), runs, ([envOpts, taskOpts, overrideOpts]) => {
      const env = attempt(() => new TaskEnvironment(envOpts as never));
      if (!env.ok) return expectProjectRejection(env.error, envOpts);
      const task = attempt(() => env.value.task(taskOpts as never, async function fit() { return 1; }));
      if (!task.ok) return expectProjectRejection(task.error, taskOpts);
      expectSerializes(task.value);
      const copy = attempt(() => task.value.override(overrideOpts as never));
      if (!copy.ok) return expectProjectRejection(copy.error, overrideOpts);
      expectSerializes(copy.value);
      serialized++;
      resetEnvironments();
    });
    // The generators must reach the serializer often, or the property says little.
    expect(serialized).toBeGreaterThan(runs / 4);
  });
});
