import { type OpenApiSchema } from "@flyte-ts/core";
/**
 * The openAPIV3Schema of the SparkApplication CRD, v1beta2 (spark-operator v2.5.2), loaded on first use
 * so that importing the plugin stays cheap. Regenerate with `pnpm crd:schema`.
 */
export declare function sparkApplicationSchema(): Promise<OpenApiSchema>;
/** Throws a SERIALIZATION error listing every schema violation (and field the API server would prune). */
export declare function assertValidSparkApplication(resource: Record<string, unknown>, taskName: string): Promise<void>;
//# sourceMappingURL=crd-check.d.ts.map