/**
 * Ray tasks: head and worker groups, autoscaling, the runtime environment, the `RayJob` serializer
 * and preview, and the cluster a body works with (`ctx().data.ray`: Jobs API and Python drivers).
 * Importing this module registers the plugin with @flyte-ts/core.
 *
 * @module @flyte-ts/plugin-ray
 */
import { registerPlugin } from "@flyte-ts/core";
import { rayPlugin } from "./plugin.ts";

export { RayJobConfig, RAY_JOB_CONFIG_KIND, type RayJobConfigOptions } from "./config/ray-job-config.ts";
export { HeadNodeConfig, type HeadNodeConfigOptions } from "./config/head-node-config.ts";
export { WorkerNodeConfig, type WorkerNodeConfigOptions } from "./config/worker-node-config.ts";
export { AutoscalerOptions, type AutoscalerOptionsOptions } from "./config/autoscaler-options.ts";
export { UpscalingMode, UPSCALING_MODES } from "./config/upscaling-mode.ts";
export { RayJobConfigSchema, type RayJobSpec, type HeadNodeSpec, type WorkerNodeSpec, type AutoscalerOptionsSpec } from "./schema.ts";
export { rayJobCustom } from "./serialize/ray-job-custom.ts";
export { pythonJsonDumps } from "./serialize/python-json.ts";
export { pyyamlDump } from "./serialize/pyyaml-dump.ts";
export { type RayHookData, RUNTIME_ENV_EXCLUDES } from "./hooks.ts";
export { RayTaskCluster, stopLocalRayHead, type RayClusterEndpoint } from "./task-cluster.ts";
export {
  RayJobsClient, type RayJobDetails, type RayJobStatus, type RaySubmitOptions, type RayWaitOptions, type RayJobsClientOptions,
} from "./jobs/ray-jobs-client.ts";
export { packageWorkingDir, type WorkingDirPackage } from "./jobs/working-dir-package.ts";
export { type RunDriverOptions, type RayDriverProgram, type RayDriverResult } from "./driver/run-driver.ts";
export { LocalRayNode, freePorts, type RayNodeOptions, type RayHeadAddresses } from "./local/local-ray-node.ts";
export { findRayPython, INSTALL_RAY_HINT } from "./local/find-ray.ts";
export { renderRayJob } from "./render/render-ray-job.ts";
export { rayPlugin };

registerPlugin(rayPlugin);
