// Every check beyond the reference, with its message and field path (under pluginConfig).
import { describe, expect, it } from "vitest";
import { PodTemplate, TaskEnvironment } from "@flyte-ts/core";
import { AutoscalerOptions, HeadNodeConfig, RayJobConfig, WorkerNodeConfig } from "@flyte-ts/plugin-ray";
import { issuesOf, rayTask } from "./helpers.ts";

let n = 0;
const problems = (config: RayJobConfig) => issuesOf(() => new TaskEnvironment({ name: `ray_validation_${++n}`, pluginConfig: config }));
const worker = (options: Partial<ConstructorParameters<typeof WorkerNodeConfig>[0]> = {}) => new WorkerNodeConfig({ groupName: "w", replicas: 2, ...options });

describe("RayJobConfig validation", () => {
  it("rejects worker group names that are not Kubernetes names, and duplicates", () => {
    expect(problems(new RayJobConfig({ workerNodeConfig: [worker({ groupName: "GPU_Workers" })] }))).toEqual([
      ["pluginConfig.workerNodeConfig.0.groupName", "must be a lower-case DNS label (a-z, 0-9, '-'), used in pod names"],
    ]);
    expect(problems(new RayJobConfig({ workerNodeConfig: [worker({ groupName: "a" }), worker({ groupName: "b" }), worker({ groupName: "a" })] }))).toEqual([
      ["pluginConfig.workerNodeConfig.2.groupName", 'duplicate worker group name "a" (also workerNodeConfig[0]); KubeRay needs unique group names'],
    ]);
  });

  it("rejects replicas outside min/max and min above max", () => {
    expect(problems(new RayJobConfig({ workerNodeConfig: [worker({ replicas: 1, minReplicas: 2, maxReplicas: 4 })] }))).toEqual([
      ["pluginConfig.workerNodeConfig.0.replicas", "replicas (1) is below minReplicas (2); the backend would lower minReplicas to 1"],
    ]);
    expect(problems(new RayJobConfig({ workerNodeConfig: [worker({ replicas: 5, maxReplicas: 4 })] }))).toEqual([
      ["pluginConfig.workerNodeConfig.0.replicas", "replicas (5) is above maxReplicas (4); the backend would raise maxReplicas to 5"],
    ]);
    expect(problems(new RayJobConfig({ workerNodeConfig: [worker({ minReplicas: 3, maxReplicas: 2 })] }))).toEqual([
      ["pluginConfig.workerNodeConfig.0.minReplicas", "minReplicas (3) must not exceed maxReplicas (2)"],
    ]);
  });

  it("rejects replica counts that are negative, fractional or beyond int32", () => {
    const paths = problems(new RayJobConfig({ workerNodeConfig: [worker({ replicas: 1.5, minReplicas: -1, maxReplicas: 2 ** 31 })] })).map(([p]) => p);
    expect(paths).toEqual(["pluginConfig.workerNodeConfig.0.replicas", "pluginConfig.workerNodeConfig.0.minReplicas", "pluginConfig.workerNodeConfig.0.maxReplicas"]);
  });

  it("needs maxReplicas for every group when autoscaling, and autoscaling for autoscaler options", () => {
    expect(problems(new RayJobConfig({ workerNodeConfig: [worker()], enableAutoscaling: true }))).toEqual([
      ["pluginConfig.workerNodeConfig.0.maxReplicas", "with enableAutoscaling, give maxReplicas (the autoscaler's upper bound); without it the backend uses replicas (2) and the group never grows"],
    ]);
    expect(problems(new RayJobConfig({ autoscalerOptions: new AutoscalerOptions({ idleTimeoutSeconds: 60 }) }))).toEqual([
      ["pluginConfig.autoscalerOptions", "autoscalerOptions have no effect unless enableAutoscaling is true"],
    ]);
  });

  it("checks autoscaler options: mode, idle timeout > 0, shm", () => {
    const config = new RayJobConfig({
      enableAutoscaling: true,
      autoscalerOptions: new AutoscalerOptions({ upscalingMode: "FAST" as never, idleTimeoutSeconds: 0, resources: { shm: "1Gi" } }),
    });
    expect(problems(config).map(([p]) => p)).toEqual([
      "pluginConfig.autoscalerOptions.upscalingMode",
      "pluginConfig.autoscalerOptions.idleTimeoutSeconds",
    ]);
    const shm = new RayJobConfig({ enableAutoscaling: true, autoscalerOptions: new AutoscalerOptions({ resources: { shm: "1Gi" } }) });
    expect(problems(shm)).toEqual([
      ["pluginConfig.autoscalerOptions.resources.shm", "shm cannot be set for the autoscaler: it is a volume, not a container resource, and would be ignored"],
    ]);
  });

  it("rejects rayStartParams keys KubeRay owns or cannot pass, and non-string values", () => {
    const config = new RayJobConfig({
      headNodeConfig: new HeadNodeConfig({ rayStartParams: { labels: "a=b", "--num-cpus": "1", head: "true" } }),
      workerNodeConfig: [worker({ rayStartParams: { address: "x:6379", "Num CPUs": "1", "num-gpus": 1 as never } })],
    });
    expect(problems(config)).toEqual([
      ["pluginConfig.workerNodeConfig.0.rayStartParams.num-gpus", "Invalid input: expected string, received number"],
      ["pluginConfig.headNodeConfig.rayStartParams.labels", "must not be set: KubeRay rejects rayStartParams.labels; set labels on the group's podTemplate instead"],
      ["pluginConfig.headNodeConfig.rayStartParams.--num-cpus", 'write the parameter without dashes ("num-cpus"): KubeRay adds "--" itself'],
      ["pluginConfig.headNodeConfig.rayStartParams.head", "must not be set: KubeRay adds --head to the head's ray start command itself"],
    ]);
    const noNumbers = new RayJobConfig({ workerNodeConfig: [worker({ rayStartParams: { address: "x:6379", "Num CPUs": "1" } })] });
    expect(problems(noNumbers)).toEqual([
      ["pluginConfig.workerNodeConfig.0.rayStartParams.address", "must not be set: KubeRay points every worker at the head's service itself"],
      ["pluginConfig.workerNodeConfig.0.rayStartParams.Num CPUs", 'is not a ray start parameter name (lower-case words joined by "-")'],
    ]);
  });

  it("rejects [request, limit] pairs, shm in limits and a typed GPU only in limits (the reference crashes or drops them)", () => {
    const config = new RayJobConfig({
      headNodeConfig: new HeadNodeConfig({ requests: { cpu: ["1", "2"] }, limits: { shm: "1Gi" } }),
      workerNodeConfig: [worker({ limits: { memory: ["1Gi", "2Gi"], gpu: "A100:1" } })],
    });
    expect(problems(config)).toEqual([
      ["pluginConfig.workerNodeConfig.0.limits.memory", "memory must be a single value here, not a [request, limit] pair: give requests and limits separately"],
      ["pluginConfig.workerNodeConfig.0.limits.gpu", "a GPU type given only in limits is ignored by the backend (it reads the accelerator from requests): set gpu in requests"],
      ["pluginConfig.headNodeConfig.requests.cpu", "cpu must be a single value here, not a [request, limit] pair: give requests and limits separately"],
      ["pluginConfig.headNodeConfig.limits.shm", "shm is a shared-memory volume, not a limit: set it in requests"],
    ]);
  });

  it("reports invalid resources and pod templates at their paths", () => {
    const config = new RayJobConfig({
      headNodeConfig: new HeadNodeConfig({ requests: { cpu: -1 }, podTemplate: "named-template" as never }),
      workerNodeConfig: [worker({ podTemplate: { podSpec: { containers: [{ name: "Bad Name" }] } } })],
    });
    expect(problems(config)).toEqual([
      ["pluginConfig.workerNodeConfig.0.podTemplate.podSpec.containers.0.name", 'every container needs a name that is a lower-case DNS label, got "Bad Name"'],
      ["pluginConfig.headNodeConfig.podTemplate", "must be a PodTemplate (a named cluster pod template cannot be used per Ray node group)"],
      ["pluginConfig.headNodeConfig.requests.cpu", "cpu must be greater than or equal to 0"],
    ]);
  });

  it("reports misspelled options of nested configs instead of dropping them", () => {
    const config = new RayJobConfig({ headNodeConfig: new HeadNodeConfig({ request: { cpu: 1 } } as never), workerNodeConfig: [{ groupName: "w", replica: 2 } as never] });
    expect(problems(config)).toEqual([
      ["pluginConfig.workerNodeConfig.0.replicas", "Invalid input: expected number, received undefined"],
      ["pluginConfig.workerNodeConfig.0", 'Unrecognized key: "replica"'],
      ["pluginConfig.headNodeConfig", 'Unrecognized key: "request"'],
    ]);
  });

  it("refuses a fractional number of node CPUs when declared (the RayJob CRD would refuse it at render)", () => {
    expect(problems(new RayJobConfig({ headNodeConfig: { requests: { cpu: 1.5 } }, workerNodeConfig: [{ groupName: "w", replicas: 1, limits: { cpu: 0.25 } }] }))).toEqual([
      ["pluginConfig.workerNodeConfig.0.limits.cpu", 'a fractional cpu must be a quantity string here, such as "250m" or "0.25": the RayJob CRD takes an integer or a string'],
      ["pluginConfig.headNodeConfig.requests.cpu", 'a fractional cpu must be a quantity string here, such as "1500m" or "1.5": the RayJob CRD takes an integer or a string'],
    ]);
    expect(() => new TaskEnvironment({ name: `ray_validation_${++n}`, pluginConfig: new RayJobConfig({ headNodeConfig: { requests: { cpu: "1.5" } } }) })).not.toThrow();
  });

  it("rejects a runtime env that is not JSON", () => {
    expect(problems(new RayJobConfig({ runtimeEnv: { pip: [() => 1] } as never })).map(([p]) => p)).toEqual(["pluginConfig.runtimeEnv.pip.0"]);
  });

  it("rejects a TTL the backend would ignore without shutdownAfterJobFinishes (when the task is declared)", () => {
    expect(issuesOf(() => rayTask(new RayJobConfig({ ttlSecondsAfterFinished: 60 })))).toEqual([
      ["pluginConfig.ttlSecondsAfterFinished", "ttlSecondsAfterFinished is ignored unless shutdownAfterJobFinishes is true (the platform's TTL applies instead); set shutdownAfterJobFinishes: true or remove it"],
    ]);
    expect(() => rayTask(new RayJobConfig({ ttlSecondsAfterFinished: 60, shutdownAfterJobFinishes: true }))).not.toThrow();
  });

  it("accepts a pod template given as options", () => {
    const config = new RayJobConfig({ workerNodeConfig: [worker({ podTemplate: new PodTemplate({ podSpec: { containers: [{ name: "ray-worker" }] } }) })] });
    expect(() => rayTask(config)).not.toThrow();
  });
});
