/** Stands for the submission time the backend writes into the driver's environment. */
export declare const START_TIME_PLACEHOLDER = "<submission time in ms>";
/**
 * The SparkApplication's sparkConf, merged in the backend's order: executorPath → the two PySpark
 * interpreter keys, then the user's sparkConf, then cores limits copied from requests/cores when unset,
 * then the keys the backend always writes. (Platform defaults and feature flags are cluster config,
 * unknown here: feature keys stay verbatim, as the backend keeps unknown features.)
 */
export declare function mergedSparkConf(custom: {
    executorPath?: unknown;
    sparkConf?: unknown;
}, executionName: string): Record<string, string>;
/** An integer Spark setting as the backend reads it: set only when it parses as a positive integer. */
export declare function positiveInteger(value: string | undefined): number | undefined;
//# sourceMappingURL=spark-conf.d.ts.map