// The DaskJob preview: the resource the backend would build, checked against the dask-kubernetes CRD.
import { describe, expect, it } from "vitest";
import { PodTemplate, SerializationContext, TaskEnvironment, serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { Dask, Scheduler, WorkerGroup, renderDaskJob } from "@flyte-ts/plugin-dask";

let n = 0;
function specOf(config: Dask, options: { resources?: Record<string, unknown>; podTemplate?: PodTemplate; envVars?: Record<string, string> } = {}) {
  const env = new TaskEnvironment({ name: `dask_render_${++n}`, image: "ghcr.io/example/dask:1", resources: options.resources, podTemplate: options.podTemplate, envVars: options.envVars ?? { MODE: "batch" }, pluginConfig: config });
  const task = env.task(async function crunch() { return 1; });
  return taskSpecToJson(serializeTask(task, new SerializationContext({ version: "v1", codeBundle: { computedVersion: "c1", tgz: "s3://bucket/fastc1.tar.gz" }, rootDir: process.cwd() })));
}

const ARGS = [
  "a0", "--inputs", "{{.input}}", "--outputs-path", "{{.outputPrefix}}", "--version", "v1", "--raw-data-path", "{{.rawOutputDataPrefix}}",
  "--checkpoint-path", "{{.checkpointOutputPrefix}}", "--prev-checkpoint", "{{.prevCheckpointPrefix}}", "--run-name", "{{.runName}}", "--name", "{{.actionName}}",
  "--run-start-time", "{{.runStartTime}}", "--tgz", "s3://bucket/fastc1.tar.gz", "--dest", ".", "--resolver", "flyte_ts.DefaultTaskResolver",
  "mod", "packages/plugin-dask/test/render.test.ts", "task",
];

describe("DaskJob preview", () => {
  it("renders the job runner, the scheduler with its service, and the workers", async () => {
    const config = new Dask({
      scheduler: new Scheduler({ image: "ghcr.io/example/scheduler:1" }),
      workers: new WorkerGroup({ numberOfWorkers: 4, resources: { cpu: ["1500m", "2500m"], memory: "8Gi" } }),
    });
    const [rendered] = await renderDaskJob(specOf(config, { resources: { cpu: "1", memory: "2Gi" } }));
    const taskResources = { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "1", memory: "2Gi" } };
    const env = [{ name: "MODE", value: "batch" }];
    const TMP = "FallbackToLogsOnError";
    expect(rendered!.name).toBe(`dask_render_${n}.crunch.daskjob`);
    expect(rendered!.resource).toEqual({
      apiVersion: "kubernetes.dask.org/v1",
      kind: "DaskJob",
      metadata: { name: `dask-render-${n}-crunch` },
      spec: {
        job: { spec: { containers: [{ name: "job-runner", image: "ghcr.io/example/dask:1", args: [...ARGS, `dask_render_${n}.crunch`], env, resources: taskResources, terminationMessagePolicy: TMP }], restartPolicy: "Never", enableServiceLinks: false } },
        cluster: {
          spec: {
            scheduler: {
              spec: {
                containers: [
                  {
                    name: "scheduler",
                    image: "ghcr.io/example/scheduler:1",
                    args: ["dask", "scheduler"],
                    env,
                    resources: taskResources,
                    ports: [{ name: "tcp-comm", containerPort: 8786, protocol: "TCP" }, { name: "dashboard", containerPort: 8787, protocol: "TCP" }],
                    readinessProbe: { httpGet: { port: "dashboard" }, initialDelaySeconds: 5, periodSeconds: 5, failureThreshold: 30 },
                    terminationMessagePolicy: TMP,
                  },
                ],
                restartPolicy: "Always",
                enableServiceLinks: false,
              },
              service: {
                type: "NodePort",
                selector: { "dask.org/cluster-name": `dask-render-${n}-crunch`, "dask.org/component": "scheduler" },
                ports: [{ name: "tcp-comm", protocol: "TCP", port: 8786, targetPort: "tcp-comm" }, { name: "dashboard", protocol: "TCP", port: 8787, targetPort: "dashboard" }],
              },
            },
            worker: {
              replicas: 4,
              spec: {
                containers: [
                  {
                    name: "dask-worker",
                    image: "ghcr.io/example/dask:1",
                    args: ["dask", "worker", "--name", "$(DASK_WORKER_NAME)", "--nthreads", "3", "--memory-limit", "8Gi"],
                    env,
                    resources: { requests: { cpu: "1500m", memory: "8Gi" }, limits: { cpu: "2500m", memory: "8Gi" } },
                    terminationMessagePolicy: TMP,
                  },
                ],
                restartPolicy: "Always",
                enableServiceLinks: false,
              },
            },
          },
        },
      },
    });
  });

  it("renders an env var with an empty value as the backend does: a name without a value", async () => {
    const [rendered] = await renderDaskJob(specOf(new Dask({}), { envVars: { EMPTY: "", MODE: "batch" } }));
    const job = (rendered!.resource as { spec: { job: { spec: { containers: Array<{ env: unknown }> } } } }).spec.job.spec;
    expect(job.containers[0]!.env).toEqual([{ name: "EMPTY" }, { name: "MODE", value: "batch" }]);
  });

  it("keeps a pod template's other containers and settings in every role", async () => {
    const podTemplate = new PodTemplate({ podSpec: { containers: [{ name: "primary" }, { name: "sidecar", image: "proxy:1" }], nodeSelector: { pool: "dask" } } });
    const spec = (await renderDaskJob(specOf(new Dask(), { podTemplate })))[0]!.resource.spec as Record<string, any>;
    expect(spec.cluster.spec.worker.spec.containers.map((c: { name: string }) => c.name)).toEqual(["dask-worker", "sidecar"]);
    expect(spec.cluster.spec.worker.spec.nodeSelector).toEqual({ pool: "dask" });
    expect(spec.cluster.spec.worker.replicas).toBe(1);
    expect(spec.job.spec.containers[0].name).toBe("job-runner");
  });

  it("fails naming the object path and the schema path when the DaskJob breaks the CRD", async () => {
    // The CRD embeds the Kubernetes 1.21 PodSpec: newer fields such as schedulingGates are pruned.
    const podTemplate = new PodTemplate({ podSpec: { containers: [{ name: "primary" }], schedulingGates: [{ name: "wait" }] } });
    await expect(renderDaskJob(specOf(new Dask(), { podTemplate }))).rejects.toThrow(
      `The DaskJob for task dask_render_${n}.crunch does not match the DaskJob CRD (dask-kubernetes 2023.6.0, kubernetes.dask.org/v1):\n` +
        "  - spec.job.spec.schedulingGates: is not a field of this resource (the API server would drop it) (schema: properties.spec.properties.job.properties.spec.properties)\n",
    );
  });
});
