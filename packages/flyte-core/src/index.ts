/**
 * Declare Flyte 2 tasks in TypeScript: resources and devices, pod templates, secrets, retries, timeouts,
 * caching, reuse, `TaskEnvironment` and its tasks, the plugin contract and registry, serialization to
 * flyteidl2 `TaskSpec`, and local runs.
 *
 * @module @flyte-ts/core
 */
export { FlyteTsError, ConfigError, formatPath, type FlyteTsErrorCode, type ConfigIssue, type IssuePath } from "./errors.ts";
export { redactSecrets, REDACTED } from "./redact.ts";
export {
  Device, GPU, TPU, Neuron, AMD_GPU, HABANA_GAUDI, APPLE_SILICON, isDevice, isAccelerator, normalizeAccelerator,
  ACCELERATOR_STRINGS, GPU_TYPES, SHARED_GPU_TYPES, DEPRECATED_GPU_ALIASES, TPU_TYPES, NEURON_TYPES, AMD_GPU_TYPES,
  HABANA_GAUDI_TYPES, APPLE_SILICON_DEVICE, GPU_PARTITIONS, TPU_PARTITIONS, DEVICE_CLASSES,
  type Accelerator, type DeprecatedAccelerator, type DeviceClass, type DeviceOptions, type GPUType, type SharedGPUType,
  type DeprecatedGPUType, type TPUType, type NeuronType, type AMDGPUType, type HabanaGaudiType,
} from "./resources/devices.ts";
export { Resources, isResources, type ResourcesOptions, type ResourcesLike, type CpuValue, type RequestLimit } from "./resources/resources.ts";
export { isQuantity, quantityValue } from "./resources/quantity.ts";
export {
  getProtoResources, getProtoExtendedResources, podSpecFromResources, appleSiliconExecutionEnv, ACCELERATOR_DEVICE_MAP, DEVICE_CLASS_PROTO_NAMES,
  type ProtoResourcesJson, type ProtoExtendedResourcesJson, type ResourceEntryJson, type ResourceName, type K8sResourceMap,
  type PodSpecFromResourcesOptions,
} from "./resources/wire.ts";
export {
  PodTemplate, isPodTemplate, toPodSpecJson, PRIMARY_CONTAINER_DEFAULT_NAME, PRIMARY_CONTAINER_NAME_FIELD,
  type PodTemplateOptions, type PodSpecJson, type K8sPodJson,
} from "./pod/pod-template.ts";
export { toKubernetesJson, type JsonObject, type JsonValue } from "./pod/kubernetes-json.ts";
export { Secret, SECRET_MOUNT_PATH, normalizeSecrets, type SecretOptions, type SecretJson, type SecretRequest } from "./config/secret.ts";
export { RetryStrategy, Backoff, type RetryStrategyOptions, type BackoffOptions, type RetryStrategyJson } from "./config/retry.ts";
export { Timeout, type TimeoutOptions } from "./config/timeout.ts";
export { Cache, type CacheOptions, type CacheBehavior, type CacheLike } from "./config/cache.ts";
export { ReusePolicy, type ReusePolicyOptions, type ReusePolicyJson } from "./config/reuse-policy.ts";
export { toSeconds, formatProtoDuration, type DurationInput } from "./config/duration.ts";
export { duration } from "./types/duration-schema.ts";
export {
  TaskEnvironment, listEnvironments, resetEnvironments, MAX_INLINE_IO_BYTES, type TaskEnvironmentOptions, type TaskOptions,
} from "./environment.ts";
export type { Task, AnyTask, TaskBody, TaskInputs, BodyInputs } from "./task/task.ts";
export { isTask } from "./task/task.ts";
export type { TaskOverride } from "./task/override.ts";
export type { TaskSettings } from "./task/settings.ts";
export { codeVersion } from "./task/code-version.ts";
export {
  definePlugin, packageOfKind, type TaskPlugin, type PluginConfig, type HookContext, type RenderedResource,
} from "./plugin/contract.ts";
export { registerPlugin, unregisterPlugin, findPlugin, pluginFor, listPlugins, type PluginInfo } from "./plugin/registry.ts";
export { SerializationContext, type SerializationContextOptions, type CodeBundle, type ImageCache } from "./serialize/context.ts";
export {
  serializeTask, encodeTask, taskSpecToJson, taskSpecFromJson, taskSpecToBinary, taskSpecFromBinary, type TaskSpec, type TaskSpecJson, type EncodedTaskSpec,
} from "./serialize/task-spec.ts";
export { containerArgs, DEFAULT_TASK_RESOLVER } from "./serialize/container-args.ts";
export { typedInterfaceOf, literalTypeOf, type TypedInterfaceJson, type LiteralTypeJson } from "./serialize/interface.ts";
export { run, type RunOptions } from "./run/execute.ts";
export { ctx, type TaskContext, type RunMode, type RemoteActionInfo } from "./run/context.ts";
// Thrown by task bodies: plain error classes, no runtime code (storage, literal I/O, a0 live in
// @flyte-ts/core/runtime).
export { NonRecoverableError } from "./runtime/non-recoverable-error.ts";
export { ChildActionError, type ChildActionErrorDetails, type ChildActionFailureKind } from "./runtime/controller/child-action-error.ts";
export { group } from "./run/group.ts";
export { codeBundleFromArgs, type RunCodeBundle } from "./run/code-bundle.ts";
export { buildCodeBundle, type BuildCodeBundleOptions, type BuiltCodeBundle } from "./bundle/build.ts";
export { listBundleFiles, type SkippedEntry, type BundleFile, type BundleListing } from "./bundle/list-files.ts";
export { coreVersion, runtimeVersion, A0_CONTRACT_VERSION, RUNTIME_FLAVOR } from "./version.ts";
export { checkAgainstSchema, crdSchema, type OpenApiSchema, type SchemaViolation, type SchemaCheckOptions } from "./k8s/schema-check.ts";
