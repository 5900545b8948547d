// TaskTemplate.custom of Ray tasks, compared as parsed JSON with what the Python SDK writes for the same
// configuration (python-sdk-behaviour §3.3.3–3.3.5, the cases of the reference tests §3.3.7).
import { describe, expect, it } from "vitest";
import { GPU, PodTemplate, ReusePolicy, Resources, TPU } from "@flyte-ts/core";
import { AutoscalerOptions, HeadNodeConfig, RayJobConfig, UpscalingMode, WorkerNodeConfig } from "@flyte-ts/plugin-ray";
import { templateOf } from "./helpers.ts";

const custom = (config: RayJobConfig, reusable?: ReusePolicy) => templateOf(config, reusable).custom;
const worker = (options: Partial<ConstructorParameters<typeof WorkerNodeConfig>[0]> = {}) =>
  new WorkerNodeConfig({ groupName: "workers", replicas: 2, ...options });

const templateWith = (name: string) =>
  new PodTemplate({
    podSpec: {
      containers: [{ name, args: ["--verbose"], resources: { requests: { cpu: "15000m", memory: "45Gi" }, limits: { cpu: "15000m", memory: "45Gi" } } }],
    },
  });

describe("RayJob custom", () => {
  it("is the minimal cluster for one worker group", () => {
    expect(custom(new RayJobConfig({ workerNodeConfig: [worker()] }))).toEqual({
      rayCluster: { workerGroupSpec: [{ groupName: "workers", replicas: 2 }] },
    });
  });

  it("keeps an empty cluster and an empty head as {} (set messages are emitted)", () => {
    expect(custom(new RayJobConfig({ workerNodeConfig: [] }))).toEqual({ rayCluster: {} });
    expect(custom(new RayJobConfig({ headNodeConfig: new HeadNodeConfig() }))).toEqual({ rayCluster: { headGroupSpec: {} } });
  });

  it("omits zero replicas and writes min/max, start params, autoscaling, shutdown and TTL", () => {
    const config = new RayJobConfig({
      headNodeConfig: new HeadNodeConfig({ rayStartParams: { "num-cpus": "0" } }),
      workerNodeConfig: [worker({ replicas: 0, minReplicas: 0, maxReplicas: 4, rayStartParams: { "num-gpus": "1" } })],
      enableAutoscaling: true,
      shutdownAfterJobFinishes: true,
      ttlSecondsAfterFinished: 120,
    });
    expect(custom(config)).toEqual({
      rayCluster: {
        headGroupSpec: { rayStartParams: { "num-cpus": "0" } },
        workerGroupSpec: [{ groupName: "workers", maxReplicas: 4, rayStartParams: { "num-gpus": "1" } }],
        enableAutoscaling: true,
      },
      shutdownAfterJobFinishes: true,
      ttlSecondsAfterFinished: 120,
    });
  });

  it("writes extendedResources of head (T4:1) and worker (A100:2) from their requests", () => {
    const config = new RayJobConfig({
      headNodeConfig: new HeadNodeConfig({ requests: new Resources({ cpu: 1, gpu: "T4:1" }) }),
      workerNodeConfig: [worker({ requests: new Resources({ gpu: "A100:2" }) })],
    });
    expect(custom(config)).toEqual({
      rayCluster: {
        headGroupSpec: {
          k8sPod: {
            metadata: {},
            podSpec: { containers: [{ name: "ray-head", resources: { requests: { cpu: 1, "nvidia.com/gpu": "1" }, limits: { cpu: 1, "nvidia.com/gpu": "1" } } }] },
            primaryContainerName: "ray-head",
          },
          extendedResources: { gpuAccelerator: { device: "nvidia-tesla-t4" } },
        },
        workerGroupSpec: [
          {
            groupName: "workers",
            replicas: 2,
            k8sPod: {
              metadata: {},
              podSpec: { containers: [{ name: "ray-worker", resources: { requests: { "nvidia.com/gpu": "2" }, limits: { "nvidia.com/gpu": "2" } } }] },
              primaryContainerName: "ray-worker",
            },
            extendedResources: { gpuAccelerator: { device: "nvidia-tesla-a100" } },
          },
        ],
      },
    });
  });

  it("writes no extendedResources without a typed GPU (a plain count, or none)", () => {
    const config = new RayJobConfig({
      headNodeConfig: new HeadNodeConfig({ requests: new Resources({ cpu: "2", memory: "4Gi" }) }),
      workerNodeConfig: [worker({ requests: { gpu: 1 } })],
    });
    const cluster = custom(config).rayCluster;
    expect(cluster.headGroupSpec.extendedResources).toBeUndefined();
    expect(cluster.workerGroupSpec[0].extendedResources).toBeUndefined();
    expect(cluster.workerGroupSpec[0].k8sPod.podSpec.containers[0].resources).toEqual({ requests: { "nvidia.com/gpu": "1" }, limits: { "nvidia.com/gpu": "1" } });
  });

  it("writes a partitioned, non-NVIDIA accelerator with its partition and class", () => {
    const config = new RayJobConfig({ workerNodeConfig: [worker({ requests: { gpu: GPU("A100", 1, "1g.5gb") } }), worker({ groupName: "tpu", requests: { gpu: TPU("V5P", "2x2x1") } })] });
    const groups = custom(config).rayCluster.workerGroupSpec;
    expect(groups[0].extendedResources).toEqual({ gpuAccelerator: { device: "nvidia-tesla-a100", partitionSize: "1g.5gb" } });
    expect(groups[1].extendedResources).toEqual({ gpuAccelerator: { device: "tpu-v5p-slice", partitionSize: "2x2x1", deviceClass: "GOOGLE_TPU" } });
    expect(groups[1].k8sPod.podSpec.containers[0].resources.requests).toEqual({ "nvidia.com/gpu": "1" });
  });

  it("merges worker requests into the template's ray-worker container, keeping args and the template's primary name", () => {
    const config = new RayJobConfig({ workerNodeConfig: [worker({ podTemplate: templateWith("ray-worker"), requests: new Resources({ gpu: "A10G:1" }) })] });
    expect(custom(config).rayCluster.workerGroupSpec[0]).toEqual({
      groupName: "workers",
      replicas: 2,
      k8sPod: {
        metadata: {},
        podSpec: {
          containers: [
            {
              name: "ray-worker",
              args: ["--verbose"],
              resources: {
                requests: { cpu: "15000m", memory: "45Gi", "nvidia.com/gpu": "1" },
                limits: { cpu: "15000m", memory: "45Gi", "nvidia.com/gpu": "1" },
              },
            },
          ],
        },
        primaryContainerName: "primary",
      },
      extendedResources: { gpuAccelerator: { device: "nvidia-a10g" } },
    });
  });

  it("merges head requests into the template's ray-head container", () => {
    const config = new RayJobConfig({ headNodeConfig: new HeadNodeConfig({ podTemplate: templateWith("ray-head"), requests: new Resources({ gpu: "A10G:1" }) }) });
    const head = custom(config).rayCluster.headGroupSpec;
    expect(head.k8sPod.podSpec.containers).toEqual([
      { name: "ray-head", args: ["--verbose"], resources: { requests: { cpu: "15000m", memory: "45Gi", "nvidia.com/gpu": "1" }, limits: { cpu: "15000m", memory: "45Gi", "nvidia.com/gpu": "1" } } },
    ]);
    expect(head.k8sPod.primaryContainerName).toBe("primary");
    expect(head.extendedResources).toEqual({ gpuAccelerator: { device: "nvidia-a10g" } });
  });

  it("lets requests override the template's keys", () => {
    const config = new RayJobConfig({ workerNodeConfig: [worker({ podTemplate: templateWith("ray-worker"), requests: new Resources({ cpu: "8000m", memory: "32Gi" }) })] });
    expect(custom(config).rayCluster.workerGroupSpec[0].k8sPod.podSpec.containers[0].resources).toEqual({
      requests: { cpu: "8000m", memory: "32Gi" },
      limits: { cpu: "8000m", memory: "32Gi" },
    });
  });

  it("passes a template without requests through unchanged", () => {
    const template = new PodTemplate({ podSpec: { containers: [{ name: "main", image: "x:1" }], nodeSelector: { pool: "a" } }, primaryContainerName: "main", labels: { team: "ml" } });
    const config = new RayJobConfig({ workerNodeConfig: [worker({ podTemplate: template })] });
    expect(custom(config).rayCluster.workerGroupSpec[0].k8sPod).toEqual({
      metadata: { labels: { team: "ml" } },
      podSpec: { containers: [{ name: "main", image: "x:1" }], nodeSelector: { pool: "a" } },
      primaryContainerName: "main",
    });
  });

  it("writes into the only container whatever its name, else appends a ray-worker container", () => {
    const single = new PodTemplate({ podSpec: { containers: [{ name: "main" }] }, primaryContainerName: "main" });
    const two = new PodTemplate({ podSpec: { containers: [{ name: "primary" }, { name: "sidecar" }] } });
    const config = new RayJobConfig({
      workerNodeConfig: [worker({ podTemplate: single, limits: { cpu: 2 } }), worker({ groupName: "two", podTemplate: two, limits: { cpu: 2 } })],
    });
    const [a, b] = custom(config).rayCluster.workerGroupSpec;
    expect(a.k8sPod.podSpec.containers).toEqual([{ name: "main", resources: { requests: { cpu: 2 }, limits: { cpu: 2 } } }]);
    expect(b.k8sPod.podSpec.containers).toEqual([{ name: "primary" }, { name: "sidecar" }, { name: "ray-worker", resources: { requests: { cpu: 2 }, limits: { cpu: 2 } } }]);
    expect(b.k8sPod.primaryContainerName).toBe("primary");
  });

  it("drops other resource fields (claims) of the target container, as the reference does", () => {
    const template = new PodTemplate({ podSpec: { containers: [{ name: "ray-worker", resources: { claims: [{ name: "gpu" }], limits: { memory: "1Gi" } } }] } });
    const config = new RayJobConfig({ workerNodeConfig: [worker({ podTemplate: template, requests: { cpu: "1" } })] });
    expect(custom(config).rayCluster.workerGroupSpec[0].k8sPod.podSpec.containers[0].resources).toEqual({
      requests: { cpu: "1" },
      limits: { memory: "1Gi", cpu: "1" },
    });
  });

  it("maps disk to ephemeral-storage and shm to the group's shared memory (the reference crashes on both)", () => {
    const config = new RayJobConfig({ workerNodeConfig: [worker({ requests: new Resources({ cpu: "1", disk: "20Gi", shm: "2Gi" }) })] });
    const group = custom(config).rayCluster.workerGroupSpec[0];
    expect(group.k8sPod.podSpec.containers[0].resources).toEqual({
      requests: { cpu: "1", "ephemeral-storage": "20Gi" },
      limits: { cpu: "1", "ephemeral-storage": "20Gi" },
    });
    expect(group.extendedResources).toEqual({ sharedMemory: { mountPath: "/dev/shm", mountName: "flyte-shm", sizeLimit: "2Gi" } });
  });

  it("mirrors limits into requests when only limits are given, and takes no accelerator from limits", () => {
    const config = new RayJobConfig({ headNodeConfig: new HeadNodeConfig({ limits: new Resources({ cpu: "4", memory: "8Gi", gpu: 1 }) }) });
    const head = custom(config).rayCluster.headGroupSpec;
    expect(head.k8sPod.podSpec.containers[0].resources).toEqual({
      requests: { cpu: "4", memory: "8Gi", "nvidia.com/gpu": "1" },
      limits: { cpu: "4", memory: "8Gi", "nvidia.com/gpu": "1" },
    });
    expect(head.extendedResources).toBeUndefined();
  });

  it("keeps separate requests and limits", () => {
    const config = new RayJobConfig({ headNodeConfig: new HeadNodeConfig({ requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } }) });
    expect(custom(config).rayCluster.headGroupSpec.k8sPod.podSpec.containers[0].resources).toEqual({
      requests: { cpu: "1", memory: "2Gi" },
      limits: { cpu: "2", memory: "4Gi" },
    });
  });

  it("writes runtimeEnv (base64 of Python's json.dumps) and runtimeEnvYaml (PyYAML)", () => {
    const config = new RayJobConfig({ workerNodeConfig: [worker()], runtimeEnv: { pip: ["numpy", "pandas"], env_vars: { A: "1" } } });
    expect(custom(config)).toEqual({
      rayCluster: { workerGroupSpec: [{ groupName: "workers", replicas: 2 }] },
      runtimeEnv: "eyJwaXAiOiBbIm51bXB5IiwgInBhbmRhcyJdLCAiZW52X3ZhcnMiOiB7IkEiOiAiMSJ9fQ==",
      runtimeEnvYaml: "env_vars:\n  A: '1'\npip:\n- numpy\n- pandas\n",
    });
  });

  it("omits both runtime env fields for an empty runtime env", () => {
    expect(custom(new RayJobConfig({ runtimeEnv: {} }))).toEqual({ rayCluster: {} });
  });

  it("does not serialize address, and a reuse policy stays out of custom", () => {
    const template = templateOf(new RayJobConfig({ address: "ray://head:10001" }), new ReusePolicy({ replicas: 1 }));
    expect(template.custom).toEqual({ rayCluster: {} });
    expect(template.reusePolicy).toEqual({ minReplicas: 1, maxReplicas: 1, concurrency: 1, idleTtl: "30s", scaledownTtl: "30s" });
  });

  it("writes all autoscaler options (AGGRESSIVE, timeout, image, env pairs, resources as proto requests)", () => {
    const config = new RayJobConfig({
      workerNodeConfig: [worker({ minReplicas: 1, maxReplicas: 5 })],
      enableAutoscaling: true,
      autoscalerOptions: new AutoscalerOptions({
        upscalingMode: UpscalingMode.AGGRESSIVE,
        idleTimeoutSeconds: 120,
        image: "rayproject/ray:2.9.0",
        env: { LOG_LEVEL: "debug", B: "2" },
        resources: new Resources({ cpu: "500m", memory: "512Mi" }),
      }),
    });
    expect(custom(config).rayCluster).toEqual({
      workerGroupSpec: [{ groupName: "workers", replicas: 2, minReplicas: 1, maxReplicas: 5 }],
      enableAutoscaling: true,
      autoscalerOptions: {
        upscalingMode: "UPSCALING_MODE_AGGRESSIVE",
        idleTimeoutSeconds: 120,
        env: [{ key: "LOG_LEVEL", value: "debug" }, { key: "B", value: "2" }],
        image: "rayproject/ray:2.9.0",
        resources: { requests: [{ name: "CPU", value: "500m" }, { name: "MEMORY", value: "512Mi" }] },
      },
    });
  });

  it("writes CONSERVATIVE and DEFAULT, request/limit pairs for the autoscaler, and {} for empty options", () => {
    const scaled = (options: AutoscalerOptions) =>
      custom(new RayJobConfig({ workerNodeConfig: [worker({ maxReplicas: 3 })], enableAutoscaling: true, autoscalerOptions: options })).rayCluster.autoscalerOptions;
    expect(scaled(new AutoscalerOptions({ upscalingMode: "CONSERVATIVE" }))).toEqual({ upscalingMode: "UPSCALING_MODE_CONSERVATIVE" });
    expect(scaled(new AutoscalerOptions({ upscalingMode: UpscalingMode.DEFAULT }))).toEqual({ upscalingMode: "UPSCALING_MODE_DEFAULT" });
    expect(scaled(new AutoscalerOptions({ resources: { cpu: ["500m", "1"] } }))).toEqual({
      resources: { requests: [{ name: "CPU", value: "500m" }], limits: [{ name: "CPU", value: "1" }] },
    });
    expect(scaled(new AutoscalerOptions())).toEqual({});
  });

  it("writes no autoscaler options when none are given", () => {
    expect(custom(new RayJobConfig({ workerNodeConfig: [worker({ maxReplicas: 3 })], enableAutoscaling: true })).rayCluster).not.toHaveProperty("autoscalerOptions");
  });

  it("accepts plain objects for the nested configs", () => {
    const config = new RayJobConfig({ headNodeConfig: { requests: { cpu: 1 } }, workerNodeConfig: [{ groupName: "w", replicas: 1 }] });
    expect(custom(config).rayCluster).toEqual({
      headGroupSpec: { k8sPod: { metadata: {}, podSpec: { containers: [{ name: "ray-head", resources: { requests: { cpu: 1 }, limits: { cpu: 1 } } }] }, primaryContainerName: "ray-head" } },
      workerGroupSpec: [{ groupName: "w", replicas: 1 }],
    });
  });
});
