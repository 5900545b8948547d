/**
 * The name the preview gives the SparkApplication. The backend names it after the execution, which does
 * not exist yet; a DNS-1035 label made from the task name stands in for it (and for the pod name prefix).
 */
export declare function previewName(taskName: string): string;
/**
 * The SparkApplication (sparkoperator.k8s.io/v1beta2) that the backend's Spark plugin builds from a
 * serialized Spark task, on the pod-template path (the default with the v2.5.2 CRD). Execution-time
 * values (labels, Flyte's injected environment, the start time) are left out or shown as placeholders.
 */
export declare function buildSparkApplication(taskSpec: Record<string, unknown>): Record<string, unknown>;
//# sourceMappingURL=spark-application.d.ts.map