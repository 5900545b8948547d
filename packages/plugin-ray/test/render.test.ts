// The RayJob preview: the resource the backend would build, checked against KubeRay's CRD.
import { describe, expect, it } from "vitest";
import { PodTemplate, SerializationContext, TaskEnvironment, serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { AutoscalerOptions, HeadNodeConfig, RayJobConfig, WorkerNodeConfig, renderRayJob } from "@flyte-ts/plugin-ray";

let n = 0;
function specOf(config: RayJobConfig, options: { resources?: Record<string, unknown>; serviceAccount?: string; envVars?: Record<string, string> } = {}) {
  const env = new TaskEnvironment({ name: `ray_render_${++n}`, image: "ghcr.io/example/ray:1", resources: options.resources, envVars: options.envVars, pluginConfig: config });
  const task = env.task(async function train() { return 1; });
  const sctx = new SerializationContext({ version: "v1", codeBundle: { computedVersion: "c1", tgz: "s3://bucket/fastc1.tar.gz" }, rootDir: process.cwd() });
  return taskSpecToJson(serializeTask(task, sctx));
}

const ARGS = "a0 --inputs {{.input}} --outputs-path {{.outputPrefix}} --version v1 --raw-data-path {{.rawOutputDataPrefix}} --checkpoint-path {{.checkpointOutputPrefix}} --prev-checkpoint {{.prevCheckpointPrefix}} --run-name {{.runName}} --name {{.actionName}} --run-start-time {{.runStartTime}} --tgz s3://bucket/fastc1.tar.gz --dest .";
const LOG_ENV = [{ name: "RAY_COLOR_PREFIX", value: "0" }, { name: "RAY_DATA_DISABLE_PROGRESS_BARS", value: "1" }];
const POD_IP = { name: "MY_POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } };
const PORTS = [{ name: "redis", containerPort: 6379 }, { name: "head", containerPort: 10001 }, { name: "dashboard", containerPort: 8265 }];

describe("RayJob preview", () => {
  it("renders the RayJob the backend builds, with defaults, groups, autoscaler and shared memory", async () => {
    const config = new RayJobConfig({
      headNodeConfig: new HeadNodeConfig({ rayStartParams: { "num-cpus": "0" } }),
      workerNodeConfig: [
        new WorkerNodeConfig({
          groupName: "gpu", replicas: 1, maxReplicas: 3, requests: { cpu: "4", memory: "16Gi", gpu: "A100:1", shm: "2Gi" },
          podTemplate: new PodTemplate({ podSpec: { containers: [{ name: "ray-worker" }], tolerations: [{ key: "gpu", operator: "Exists" }] }, labels: { pool: "gpu" } }),
        }),
      ],
      enableAutoscaling: true,
      autoscalerOptions: new AutoscalerOptions({ upscalingMode: "CONSERVATIVE", idleTimeoutSeconds: 90, resources: { cpu: ["500m", "1"] } }),
      runtimeEnv: { pip: ["numpy"] },
    });
    const [rendered] = await renderRayJob(specOf(config, { resources: { cpu: "2", memory: "4Gi" } }));
    const taskResources = { requests: { cpu: "2", memory: "4Gi" }, limits: { cpu: "2", memory: "4Gi" } };
    const TMP = "FallbackToLogsOnError";
    expect(rendered!.name).toBe(`ray_render_${n}.train.rayjob`);
    expect(rendered!.resource).toEqual({
      apiVersion: "ray.io/v1",
      kind: "RayJob",
      metadata: { name: `ray-render-${n}-train` },
      spec: {
        entrypoint: `${ARGS} --resolver flyte_ts.DefaultTaskResolver mod packages/plugin-ray/test/render.test.ts task ray_render_${n}.train`,
        runtimeEnvYAML: "pip:\n- numpy\n",
        shutdownAfterJobFinishes: true,
        ttlSecondsAfterFinished: 3600,
        submissionMode: "K8sJobMode",
        submitterPodTemplate: {
          spec: {
            containers: [{ name: "ray-job-submitter", image: "ghcr.io/example/ray:1", resources: { requests: { cpu: "500m", memory: "200Mi" }, limits: { cpu: "1", memory: "1Gi" } } }],
            restartPolicy: "Never",
            enableServiceLinks: false,
          },
        },
        rayClusterSpec: {
          enableInTreeAutoscaling: true,
          autoscalerOptions: { upscalingMode: "Conservative", idleTimeoutSeconds: 90, resources: { requests: { cpu: "500m" }, limits: { cpu: "1" } } },
          headGroupSpec: {
            serviceType: "NodePort",
            enableIngress: true,
            rayStartParams: { "num-cpus": "0", "include-dashboard": "true", "node-ip-address": "$MY_POD_IP", "dashboard-host": "0.0.0.0", "disable-usage-stats": "true" },
            template: {
              metadata: {},
              spec: {
                containers: [{ name: "ray-head", image: "ghcr.io/example/ray:1", resources: taskResources, terminationMessagePolicy: TMP, env: [POD_IP, ...LOG_ENV], ports: PORTS }],
                restartPolicy: "Never",
                enableServiceLinks: false,
                serviceAccountName: "default",
              },
            },
          },
          workerGroupSpecs: [
            {
              groupName: "gpu",
              replicas: 1,
              minReplicas: 0,
              maxReplicas: 3,
              rayStartParams: { "disable-usage-stats": "true", "node-ip-address": "$MY_POD_IP" },
              template: {
                metadata: { labels: { pool: "gpu" } },
                spec: {
                  containers: [
                    {
                      name: "ray-worker",
                      image: "ghcr.io/example/ray:1",
                      resources: {
                        requests: { cpu: "4", memory: "16Gi", "nvidia.com/gpu": "1" },
                        limits: { cpu: "4", memory: "16Gi", "nvidia.com/gpu": "1" },
                      },
                      terminationMessagePolicy: TMP,
                      env: [
                        { name: "RAY_DISABLE_DOCKER_CPU_WARNING", value: "1" },
                        { name: "TYPE", value: "worker" },
                        { name: "CPU_REQUEST", valueFrom: { resourceFieldRef: { containerName: "ray-worker", resource: "requests.cpu" } } },
                        { name: "CPU_LIMITS", valueFrom: { resourceFieldRef: { containerName: "ray-worker", resource: "limits.cpu" } } },
                        { name: "MEMORY_REQUESTS", valueFrom: { resourceFieldRef: { containerName: "ray-worker", resource: "requests.cpu" } } },
                        { name: "MEMORY_LIMITS", valueFrom: { resourceFieldRef: { containerName: "ray-worker", resource: "limits.cpu" } } },
                        { name: "MY_POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                        POD_IP,
                        ...LOG_ENV,
                      ],
                      ports: PORTS,
                      lifecycle: { preStop: { exec: { command: ["/bin/sh", "-c", "ray stop"] } } },
                      volumeMounts: [{ name: "flyte-shm", mountPath: "/dev/shm" }],
                    },
                  ],
                  volumes: [{ name: "flyte-shm", emptyDir: { medium: "Memory", sizeLimit: "2Gi" } }],
                  restartPolicy: "Never",
                  enableServiceLinks: false,
                  serviceAccountName: "default",
                  // The accelerator's node label, required and tolerated (platform default labels).
                  affinity: {
                    nodeAffinity: {
                      requiredDuringSchedulingIgnoredDuringExecution: {
                        nodeSelectorTerms: [{ matchExpressions: [{ key: "k8s.amazonaws.com/accelerator", operator: "In", values: ["nvidia-tesla-a100"] }] }],
                      },
                    },
                  },
                  tolerations: [
                    { key: "gpu", operator: "Exists" },
                    { key: "k8s.amazonaws.com/accelerator", value: "nvidia-tesla-a100", operator: "Equal", effect: "NoSchedule" },
                  ],
                },
              },
            },
          ],
        },
      },
    });
  });

  it("uses the task's TTL only with its shutdownAfterJobFinishes, and clamps min/max to replicas", async () => {
    const config = new RayJobConfig({ workerNodeConfig: [new WorkerNodeConfig({ groupName: "w", replicas: 2 })], shutdownAfterJobFinishes: true, ttlSecondsAfterFinished: 60 });
    const spec = (await renderRayJob(specOf(config)))[0]!.resource.spec as Record<string, any>;
    expect([spec.shutdownAfterJobFinishes, spec.ttlSecondsAfterFinished]).toEqual([true, 60]);
    expect(spec.rayClusterSpec.workerGroupSpecs[0]).toMatchObject({ replicas: 2, minReplicas: 0, maxReplicas: 2 });
    expect(spec.rayClusterSpec.headGroupSpec.template.spec.containers[0].resources).toEqual({ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } });
  });

  it("renders an env var with an empty value as the backend does: a name without a value", async () => {
    const config = new RayJobConfig({ workerNodeConfig: [new WorkerNodeConfig({ groupName: "g", replicas: 1 })] });
    const [rendered] = await renderRayJob(specOf(config, { envVars: { EMPTY: "", MODE: "batch" } }));
    type Pod = { template: { spec: { containers: Array<{ env: Array<{ name: string }> }> } } };
    const cluster = (rendered!.resource as { spec: { rayClusterSpec: { headGroupSpec: Pod; workerGroupSpecs: Pod[] } } }).spec.rayClusterSpec;
    const mine = (pod: Pod) => pod.template.spec.containers[0]!.env.filter((e) => e.name === "EMPTY" || e.name === "MODE");
    expect([mine(cluster.headGroupSpec), mine(cluster.workerGroupSpecs[0]!)]).toEqual([
      [{ name: "EMPTY" }, { name: "MODE", value: "batch" }],
      [{ name: "EMPTY" }, { name: "MODE", value: "batch" }],
    ]);
  });

  it("fails naming the object path and the schema path when the RayJob breaks the CRD", async () => {
    // (An unknown field such as `priorityClass` is refused earlier, when the pod template is declared.)
    const template = new PodTemplate({ podSpec: { containers: [{ name: "ray-head" }], nodeSelector: "gpu-pool" } });
    const config = new RayJobConfig({ headNodeConfig: new HeadNodeConfig({ podTemplate: template }) });
    await expect(renderRayJob(specOf(config))).rejects.toThrow(
      `The RayJob for task ray_render_${n}.train does not match the RayJob CRD (KubeRay v1.5.0, ray.io/v1):\n` +
        "  - spec.rayClusterSpec.headGroupSpec.template.spec.nodeSelector: must be object, got string (schema: properties.spec.properties.rayClusterSpec.properties.headGroupSpec.properties.template.properties.spec.properties.nodeSelector.type)",
    );
  });
});
