import { testPluginContract } from "@flyte-ts/core/testing";
import { Dask, Scheduler, WorkerGroup, daskPlugin } from "@flyte-ts/plugin-dask";

testPluginContract({
  plugin: daskPlugin,
  config: () => new Dask({ scheduler: new Scheduler({ image: "ghcr.io/example/dask:1" }), workers: new WorkerGroup({ numberOfWorkers: 4, resources: { cpu: "2", memory: "8Gi" } }) }),
  expectedCustom: {
    scheduler: { image: "ghcr.io/example/dask:1" },
    workers: { numberOfWorkers: 4, resources: { requests: [{ name: "CPU", value: "2" }, { name: "MEMORY", value: "8Gi" }] } },
  },
  invalid: [
    { name: "zero workers", config: () => new Dask({ workers: new WorkerGroup({ numberOfWorkers: 0 }) }), path: ["workers", "numberOfWorkers"], message: "positive integer" },
    { name: "a GPU for the workers", config: () => new Dask({ workers: new WorkerGroup({ resources: { gpu: 1 } }) }), path: ["workers", "resources", "gpu"], message: "Kubernetes rejects" },
    { name: "an unknown option", config: () => new Dask({ worker: new WorkerGroup() } as never), path: [], message: "worker" },
  ],
});
