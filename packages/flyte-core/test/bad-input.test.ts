// Inputs that used to crash with a TypeError/RangeError, or to pass declaration and fail only when
// serialized: each is now a ConfigError naming the field, when the object is declared.
import { describe, expect, it } from "vitest";
import {
  Cache, ConfigError, Device, GPU, PodTemplate, Resources, RetryStrategy, Secret, TaskEnvironment, Timeout, serializeTask, taskSpecToJson,
} from "@flyte-ts/core";
import { issuesOf } from "./helpers.ts";
import { deepObject } from "./fuzz/values.ts";

const context = { version: "v1", codeBundle: { computedVersion: "x", pkl: "s3://b/x.pkl" } };

describe("values no constructor expected", () => {
  it("null options, bigints, symbols and null-prototype objects are ConfigErrors with a path", () => {
    expect(issuesOf(() => new Resources(null as never))).toEqual([{ path: [], message: "expected an object with cpu, memory, gpu, disk, shm" }]);
    expect(issuesOf(() => new Device(null as never))).toEqual([{ path: [], message: "expected { quantity, deviceClass?, device?, partition? }, got null" }]);
    expect(issuesOf(() => new Resources({ cpu: 2n as never }))).toEqual([
      { path: ["cpu"], message: "cpu must be a number, a quantity string or a [request, limit] pair, got 2n" },
    ]);
    expect(issuesOf(() => new Secret({ key: "k", asEnvVar: Symbol("x") as never }))).toEqual([{ path: ["asEnvVar"], message: "must be a string, got Symbol(x)" }]);
    expect(issuesOf(() => new RetryStrategy({ count: Object.create(null) as never }))).toEqual([
      { path: ["count"], message: "must be a non-negative integer, got an object with no prototype" },
    ]);
    expect(issuesOf(() => new TaskEnvironment({ name: "bad-input", interruptible: Symbol("y") as never }))).toEqual([
      { path: ["interruptible"], message: "must be true or false, got Symbol(y)" },
    ]);
    expect(issuesOf(() => GPU(Object.create(null) as never, 1))).toEqual([
      { path: ["device"], message: expect.stringMatching(/^Invalid GPU type: an object with no prototype\. Must be one of \('A2', /) },
    ]);
  });

  it("a null-prototype options object is read like a plain one", () => {
    const options = Object.assign(Object.create(null) as object, { cpu: 1, memory: "1Gi" });
    expect(new Resources(options as never).memory).toBe("1Gi");
  });

  it("cyclic, very deep, Map, Set and typed-array values in a pod spec are refused with their path", () => {
    const cyclic: Record<string, unknown> = { name: "primary" };
    cyclic.self = cyclic;
    expect(issuesOf(() => new PodTemplate({ podSpec: { containers: [cyclic] } }))).toEqual([
      { path: ["podSpec", "containers", 0, "self"], message: "refers back to an object that contains it (a cycle): Kubernetes JSON is a tree" },
    ]);
    const deep = issuesOf(() => new PodTemplate({ podSpec: { containers: [], affinity: deepObject(100_000) } }));
    expect(deep).toHaveLength(1);
    expect(deep[0]!.message).toBe("is nested deeper than 64 levels");
    expect(deep[0]!.path.slice(0, 3)).toEqual(["podSpec", "affinity", "a"]);
    expect(issuesOf(() => new PodTemplate({ podSpec: { containers: [], nodeSelector: new Map([["a", "b"]]) } }))).toEqual([
      { path: ["podSpec", "nodeSelector"], message: "must be JSON (an object, a list, a string, a number or a boolean), got a Map" },
    ]);
    expect(issuesOf(() => new PodTemplate({ podSpec: { containers: [{ name: "primary", args: new Uint8Array([1]), env: new Set() }] } }))).toEqual([
      { path: ["podSpec", "containers", 0, "args"], message: "must be JSON (an object, a list, a string, a number or a boolean), got a Uint8Array" },
      { path: ["podSpec", "containers", 0, "env"], message: "must be JSON (an object, a list, a string, a number or a boolean), got a Set" },
    ]);
    expect(issuesOf(() => new PodTemplate({ podSpec: { containers: [], priority: 10n, activeDeadlineSeconds: Number.NaN } }))).toEqual([
      { path: ["podSpec", "priority"], message: "must be JSON (an object, a list, a string, a number or a boolean), got 10n" },
      { path: ["podSpec", "activeDeadlineSeconds"], message: "must be a finite number, got NaN" },
    ]);
  });
});

describe("checks made when declaring, not when serializing", () => {
  it("durations beyond the protobuf Duration range (timeouts, backoff, cache max age)", () => {
    const tooLong = "315576000001s";
    const message = `must be at most 315576000000 seconds (10,000 years, the protobuf Duration range), got "${tooLong}"`;
    expect(issuesOf(() => new Timeout({ maxRuntime: tooLong }))).toEqual([{ path: ["maxRuntime"], message }]);
    expect(issuesOf(() => new RetryStrategy({ count: 1, backoff: { base: 1, cap: tooLong } }))).toEqual([{ path: ["backoff", "cap"], message }]);
    expect(issuesOf(() => new Cache({ behavior: "auto", maxAge: tooLong }))).toEqual([{ path: ["maxAge"], message }]);
    expect(issuesOf(() => new TaskEnvironment({ name: "bad-input", timeout: 1e12 }))).toEqual([
      { path: ["timeout"], message: "must be at most 315576000000 seconds (10,000 years, the protobuf Duration range), got 1000000000000" },
    ]);
    // The largest one is fine and serializes.
    const env = new TaskEnvironment({ name: "bad-input", image: "img:1", timeout: { maxRuntime: 315_576_000_000 } });
    const spec = taskSpecToJson(serializeTask(env.task(async function t() { return 1; }), context));
    expect((spec.taskTemplate as any).metadata.timeout).toBe("315576000000s");
  });
});

describe("text limits count code points, as Python and the backend do", () => {
  it("cuts a long short name at 63 code points, never inside a surrogate pair", () => {
    const env = new TaskEnvironment({ name: "bad-input", image: "img:1" });
    const task = env.task({ shortName: "😀".repeat(70) }, async function t() { return 1; });
    expect(taskSpecToJson(serializeTask(task, context)).shortName).toBe("😀".repeat(63));
    const mixed = env.task({ shortName: `${"a".repeat(62)}😀😀` }, async function u() { return 1; });
    expect(taskSpecToJson(serializeTask(mixed, context)).shortName).toBe(`${"a".repeat(62)}😀`);
  });

  it("keeps a description of 255 code points, cuts a longer one at 247 code points", () => {
    expect(new TaskEnvironment({ name: "bad-input", description: "😀".repeat(255) }).description).toBe("😀".repeat(255));
    expect(new TaskEnvironment({ name: "bad-input", description: "😀".repeat(256) }).description).toBe(`${"😀".repeat(247)}...(tr.)`);
    expect(new TaskEnvironment({ name: "bad-input", description: `${"a".repeat(246)}😀😀${"b".repeat(20)}` }).description).toBe(`${"a".repeat(246)}😀...(tr.)`);
  });

  it("refuses text with a lone surrogate (protobuf strings are UTF-8)", () => {
    const env = new TaskEnvironment({ name: "bad-input" });
    expect(issuesOf(() => env.task({ shortName: "a\uD83D" }, async function t() { return 1; }))).toEqual([
      { path: ["shortName"], message: "must be valid Unicode text (it has a lone surrogate)" },
    ]);
    expect(() => new TaskEnvironment({ name: "bad-input", description: "\uDE00x" })).toThrow(ConfigError);
  });
});
