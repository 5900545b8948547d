type Json = Record<string, unknown>;
/** The parts of a serialized TaskTemplate (proto JSON) that the backend's Spark plugin reads. */
export interface TemplateParts {
    readonly taskName: string;
    readonly custom: Json;
    /** The primary container as Kubernetes JSON (`env` as `{name, value}`, resources as maps). */
    readonly primary: Json;
    /** The task's own pod spec when its target is a k8sPod (primary container inside). */
    readonly podSpec: Json | undefined;
    readonly primaryName: string | undefined;
    readonly maxAttempts: number;
    readonly serviceAccount: string | undefined;
}
/** Reads a TaskSpec (or a bare TaskTemplate) in proto JSON. */
export declare function readTemplateParts(taskSpec: Json): TemplateParts;
export {};
//# sourceMappingURL=task-template.d.ts.map