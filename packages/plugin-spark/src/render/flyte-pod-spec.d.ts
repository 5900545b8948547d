type Json = Record<string, unknown>;
/**
 * The primary container's resources as the executor resolves them: a request or limit given alone is
 * used for both, and cpu/memory get the platform defaults when neither is set.
 */
export declare function resolveResources(resources: Json | undefined): {
    requests: Record<string, string>;
    limits: Record<string, string>;
};
/**
 * The pod spec the backend puts into a driver/executor template when the user gave none: Flyte's own
 * pod spec for the task, with the primary container renamed to Spark's container name and its
 * command and args cleared (Spark supplies them). Sidecars are kept as they are. Flyte's pod builder
 * sets restartPolicy Never (unless the task's pod sets one) and turns service links off.
 */
export declare function flytePodSpecFor(sparkContainer: string, primary: Json, podSpec: Json | undefined, primaryName: string | undefined): Json;
export {};
//# sourceMappingURL=flyte-pod-spec.d.ts.map