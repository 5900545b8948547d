// Validation never trusts an object because of its shape or its `kind`: only an instance a constructor
// built is taken as checked. Copies and look-alikes are checked as the options they hold.
import { describe, expect, it } from "vitest";
import {
  Backoff, Cache, GPU, PodTemplate, Resources, RetryStrategy, Secret, TaskEnvironment, Timeout, isResources, resetEnvironments,
  serializeTask, taskSpecToJson,
} from "@flyte-ts/core";
import { issuesOf } from "./helpers.ts";

const env = (options: Record<string, unknown>) => new TaskEnvironment({ name: "untrusted", image: "img:1", ...options } as never);

describe("spread and duck-typed config objects", () => {
  it("checks a spread Resources like options: { ...new Resources(…), cpu: -4 } is refused", () => {
    const spread = { ...new Resources({ cpu: 2, memory: "1Gi" }), cpu: -4 };
    expect(isResources(spread)).toBe(false);
    expect(issuesOf(() => Resources.from(spread as never))).toEqual([{ path: ["cpu"], message: "cpu must be greater than or equal to 0" }]);
    expect(issuesOf(() => env({ resources: spread }))).toEqual([{ path: ["resources", "cpu"], message: "cpu must be greater than or equal to 0" }]);
  });

  it("accepts a valid spread Resources, as the options it holds", () => {
    const res = Resources.from({ ...new Resources({ cpu: 2 }), memory: "4Gi" } as never);
    expect([res.cpu, res.memory, isResources(res)]).toEqual([2, "4Gi", true]);
  });

  it("refuses a duck-typed object carrying a kind, and an object made from the prototype", () => {
    expect(issuesOf(() => env({ resources: { kind: "flyte.Resources", cpu: -4 } }))).toEqual([
      { path: ["resources", "cpu"], message: "cpu must be greater than or equal to 0" },
    ]);
    expect(issuesOf(() => env({ resources: { kind: "flyte.Cache", cpu: 1 } }))).toEqual([
      { path: ["resources", "kind"], message: 'must be "flyte.Resources" or left out, got "flyte.Cache"' },
    ]);
    const fake = Object.assign(Object.create(Resources.prototype) as object, { kind: "flyte.Resources", cpu: -4 });
    expect(issuesOf(() => env({ resources: fake }))).toEqual([
      { path: ["resources"], message: "expected an object with cpu, memory, gpu, disk, shm" },
    ]);
  });

  it("checks spread copies of every other config class", () => {
    expect(issuesOf(() => env({ cache: { ...new Cache({ behavior: "auto" }), behavior: "sometimes" } }))).toEqual([
      { path: ["cache", "behavior"], message: 'must be one of "auto", "override", "disable" (or enable/enabled/on/true/yes, off/false/no/none), got "sometimes"' },
    ]);
    expect(issuesOf(() => env({ timeout: { ...new Timeout({ maxRuntime: 60 }), deadline: -1 } }))).toEqual([
      { path: ["timeout", "deadline"], message: "must not be negative" },
    ]);
    expect(issuesOf(() => env({ retries: { ...new RetryStrategy({ count: 1 }), count: -1 } }))).toEqual([
      { path: ["retries", "count"], message: "must be a non-negative integer, got -1" },
    ]);
    expect(issuesOf(() => new RetryStrategy({ count: 1, backoff: { ...new Backoff({ base: 1 }), factor: 0.5 } as never }))).toEqual([
      { path: ["backoff", "factor"], message: "Backoff.factor must be a finite number >= 1.0, got 0.5" },
    ]);
    expect(issuesOf(() => env({ secrets: [{ ...new Secret({ key: "k" }), asEnvVar: "lower" }] }))).toEqual([
      { path: ["secrets", 0, "asEnvVar"], message: "Invalid environment variable name: lower, must match ^[A-Z_][A-Z0-9_]*$" },
    ]);
    const template = new PodTemplate({ podSpec: { containers: [{ name: "primary" }] } });
    expect(issuesOf(() => env({ podTemplate: { ...template, primaryContainerName: "Bad Name" } }))).toEqual([
      { path: ["podTemplate", "primaryContainerName"], message: 'must be a Kubernetes container name (lower-case DNS label), got "Bad Name"' },
    ]);
    expect(issuesOf(() => new Resources({ gpu: { ...GPU("A100", 1), quantity: 0 } as never }))).toEqual([
      { path: ["gpu", "quantity"], message: "GPU quantity must be at least 1 (an integer), got 0" },
    ]);
  });

  it("serializes a valid spread copy exactly as the instance", () => {
    resetEnvironments();
    const fromCopy = env({ resources: { ...new Resources({ cpu: 2, gpu: "A100:1" }) } }).task(async function t() { return 1; });
    const fromInstance = new TaskEnvironment({ name: "untrusted", image: "img:1", resources: new Resources({ cpu: 2, gpu: "A100:1" }) }).task(async function t() { return 1; });
    const context = { version: "v1", codeBundle: { computedVersion: "x", pkl: "s3://b/x.pkl" } };
    expect(taskSpecToJson(serializeTask(fromCopy, context))).toEqual(taskSpecToJson(serializeTask(fromInstance, context)));
  });
});
