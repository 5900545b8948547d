import { testPluginContract } from "@flyte-ts/core/testing";
import { HeadNodeConfig, RayJobConfig, WorkerNodeConfig, rayPlugin } from "@flyte-ts/plugin-ray";

testPluginContract({
  plugin: rayPlugin,
  config: () =>
    new RayJobConfig({
      headNodeConfig: new HeadNodeConfig({ rayStartParams: { "num-cpus": "0" } }),
      workerNodeConfig: [new WorkerNodeConfig({ groupName: "cpu", replicas: 2, minReplicas: 1, maxReplicas: 4 })],
      enableAutoscaling: true,
      runtimeEnv: { pip: ["numpy"] },
    }),
  expectedCustom: {
    rayCluster: {
      headGroupSpec: { rayStartParams: { "num-cpus": "0" } },
      workerGroupSpec: [{ groupName: "cpu", replicas: 2, minReplicas: 1, maxReplicas: 4 }],
      enableAutoscaling: true,
    },
    runtimeEnv: "eyJwaXAiOiBbIm51bXB5Il19",
    runtimeEnvYaml: "pip:\n- numpy\n",
  },
  invalid: [
    { name: "a negative replica count", config: () => new RayJobConfig({ workerNodeConfig: [new WorkerNodeConfig({ groupName: "w", replicas: -1 })] }), path: ["workerNodeConfig", 0, "replicas"] },
    { name: "an unknown option", config: () => new RayJobConfig({ workerNodeConfig: [], shutdown: true } as never), path: [], message: "shutdown" },
  ],
});
