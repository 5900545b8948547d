// `flyte-ts render` for Dask tasks: the DaskJob (kubernetes.dask.org/v1) the backend's Dask plugin would
// create from a serialized task (backend-contract §4.2), checked against the dask-kubernetes CRD. A
// preview: the object name is derived from the task name (the backend uses the run's generated name),
// `{{.…}}` placeholders in the args stay unrendered, and run-time additions (platform env vars and
// labels, accelerator node selectors) are left out.
import { quantityValue, type RenderedResource } from "@flyte-ts/core";
import { kubernetesResources, objectName, taskPod } from "@flyte-ts/core/plugin-kit";
import { assertValidDaskJob } from "./crd-schema.ts";

type Json = Record<string, any>;

const hasEntries = (resources: Json | undefined) => Boolean(resources?.requests?.length || resources?.limits?.length);

/** A role's pod: the task's pod with the primary container renamed, its image and resources replaced when the role sets them. */
function rolePod(template: Json, container: string, role: Json | undefined, restartPolicy: string): { spec: Json; primary: Json } {
  const { spec, primary } = taskPod(template);
  primary.name = container;
  if (role?.image) primary.image = role.image;
  // Role resources are used as given: a GPU entry becomes the raw resource name "gpu".
  if (hasEntries(role?.resources)) primary.resources = kubernetesResources(role!.resources, "gpu");
  spec.restartPolicy = restartPolicy;
  return { spec, primary };
}

function workerArgs(resources: Json | undefined): string[] {
  const args = ["dask", "worker", "--name", "$(DASK_WORKER_NAME)"];
  const cpu = resources?.limits?.cpu;
  if (cpu !== undefined) args.push("--nthreads", String(Math.ceil(quantityValue(String(cpu)) ?? 1)));
  const memory = resources?.limits?.memory;
  if (memory !== undefined) args.push("--memory-limit", String(memory));
  return args;
}

/** The DaskJob of a serialized Dask task (TaskSpec proto JSON). */
export function buildDaskJob(taskSpec: Json): Json {
  const template = taskSpec.taskTemplate as Json;
  const custom = (template.custom ?? {}) as Json;
  const name = objectName(template.id.name, 63);

  const job = taskPod(template);
  job.primary.name = "job-runner";
  job.spec.restartPolicy = "Never";

  const scheduler = rolePod(template, "scheduler", custom.scheduler, "Always");
  scheduler.primary.args = ["dask", "scheduler"];
  scheduler.primary.ports = [
    { name: "tcp-comm", containerPort: 8786, protocol: "TCP" },
    { name: "dashboard", containerPort: 8787, protocol: "TCP" },
  ];
  scheduler.primary.readinessProbe ??= { httpGet: { port: "dashboard" }, initialDelaySeconds: 5, periodSeconds: 5, failureThreshold: 30 };

  const worker = rolePod(template, "dask-worker", custom.workers, "Always");
  worker.primary.args = workerArgs(worker.primary.resources);

  return {
    apiVersion: "kubernetes.dask.org/v1",
    kind: "DaskJob",
    metadata: { name },
    spec: {
      job: { spec: job.spec },
      cluster: {
        spec: {
          scheduler: {
            spec: scheduler.spec,
            service: {
              type: "NodePort",
              selector: { "dask.org/cluster-name": name, "dask.org/component": "scheduler" },
              ports: [
                { name: "tcp-comm", protocol: "TCP", port: 8786, targetPort: "tcp-comm" },
                { name: "dashboard", protocol: "TCP", port: 8787, targetPort: "dashboard" },
              ],
            },
          },
          worker: { replicas: custom.workers?.numberOfWorkers ?? 0, spec: worker.spec },
        },
      },
    },
  };
}

/** Renders and checks the DaskJob; fails naming every path the CRD schema rejects. */
export async function renderDaskJob(taskSpec: Record<string, unknown>): Promise<RenderedResource[]> {
  const resource = buildDaskJob(taskSpec);
  const name = (taskSpec.taskTemplate as Json).id.name as string;
  await assertValidDaskJob(resource, `task ${name}`);
  return [{ name: `${name}.daskjob`, resource }];
}
