import { DRIVER_CONTAINER, EXECUTOR_CONTAINER } from "../config/read-settings.ts";
import { flytePodSpecFor } from "./flyte-pod-spec.ts";
import { mergedSparkConf, positiveInteger } from "./spark-conf.ts";
import { readTemplateParts, type TemplateParts } from "./task-template.ts";

type Json = Record<string, unknown>;

const SPEC_TYPES: Record<string, string> = { PYTHON: "Python", JAVA: "Java", SCALA: "Scala", R: "R" };
// Scheduling fields the backend copies from the pod spec it built into the SparkPodSpec of each side.
const COPIED_POD_FIELDS = ["affinity", "tolerations", "nodeSelector", "schedulerName", "hostNetwork", "dnsConfig"] as const;
const DEFAULT_SERVICE_ACCOUNT = "spark";

/**
 * The name the preview gives the SparkApplication. The backend names it after the execution, which does
 * not exist yet; a DNS-1035 label made from the task name stands in for it (and for the pod name prefix).
 */
export function previewName(taskName: string): string {
  const base = taskName.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-+|-+$/g, "");
  const name = /^[a-z]/.test(base) ? base : `t-${base}`;
  return name.slice(0, 63).replace(/-+$/, "");
}

/**
 * The SparkApplication (sparkoperator.k8s.io/v1beta2) that the backend's Spark plugin builds from a
 * serialized Spark task, on the pod-template path (the default with the v2.5.2 CRD). Execution-time
 * values (labels, Flyte's injected environment, the start time) are left out or shown as placeholders.
 */
export function buildSparkApplication(taskSpec: Record<string, unknown>): Record<string, unknown> {
  const parts = readTemplateParts(taskSpec);
  const custom = parts.custom;
  const name = previewName(parts.taskName);
  const sparkConf = mergedSparkConf(custom, name);
  const spec: Json = {
    type: SPEC_TYPES[String(custom.applicationType ?? "PYTHON")] ?? "Python",
    image: parts.primary.image,
  };
  // The backend writes an empty file as null, which the API server prunes: leave it out.
  if (typeof custom.mainApplicationFile === "string" && custom.mainApplicationFile !== "") spec.mainApplicationFile = custom.mainApplicationFile;
  if (typeof custom.mainClass === "string" && custom.mainClass !== "") spec.mainClass = custom.mainClass;
  spec.arguments = (parts.primary.args as string[] | undefined) ?? [];
  spec.sparkConf = sparkConf;
  const hadoopConf = custom.hadoopConf as Record<string, string> | undefined;
  if (hadoopConf && Object.keys(hadoopConf).length > 0) spec.hadoopConf = hadoopConf;
  // The operator's webhook refuses pod templates on Spark versions below 3.0.0.
  spec.sparkVersion = "3.0.0";
  spec.restartPolicy = { type: "OnFailure", onSubmissionFailureRetries: 14 };
  if (sparkConf["spark.batchScheduler"] !== undefined) spec.batchScheduler = sparkConf["spark.batchScheduler"];
  spec.driver = podSide(parts, "driver", sparkConf, (custom.driverPod as Json | undefined)?.podSpec as Json | undefined);
  spec.executor = podSide(parts, "executor", sparkConf, (custom.executorPod as Json | undefined)?.podSpec as Json | undefined);
  return { apiVersion: "sparkoperator.k8s.io/v1beta2", kind: "SparkApplication", metadata: { name }, spec };
}

function podSide(parts: TemplateParts, side: "driver" | "executor", conf: Record<string, string>, userPodSpec: Json | undefined): Json {
  const env = [...((parts.primary.env ?? []) as Json[]), { name: "FLYTE_MAX_ATTEMPTS", value: String(parts.maxAttempts) }];
  const out: Json = { image: parts.primary.image, env, serviceAccount: parts.serviceAccount ?? DEFAULT_SERVICE_ACCOUNT };
  for (const field of COPIED_POD_FIELDS) {
    if (parts.podSpec?.[field] !== undefined) out[field] = parts.podSpec[field];
  }
  if (parts.podSpec?.securityContext !== undefined) out.podSecurityContext = parts.podSpec.securityContext;
  const cores = positiveInteger(conf[`spark.${side}.cores`]);
  if (cores !== undefined) out.cores = cores;
  const memory = conf[`spark.${side}.memory`];
  if (memory) out.memory = memory;
  if (side === "executor") {
    const instances = positiveInteger(conf["spark.executor.instances"]);
    if (instances !== undefined) out.instances = instances;
  }
  const container = side === "driver" ? DRIVER_CONTAINER : EXECUTOR_CONTAINER;
  // A user's pod spec is passed verbatim, but keeps Flyte's "no service links" unless it says otherwise.
  out.template = {
    spec: userPodSpec
      ? { ...structuredClone(userPodSpec), enableServiceLinks: userPodSpec.enableServiceLinks ?? false }
      : flytePodSpecFor(container, parts.primary, parts.podSpec, parts.primaryName),
  };
  return out;
}
