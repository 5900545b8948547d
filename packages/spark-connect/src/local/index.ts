/**
 * Starting a Spark Connect server on this machine, for local runs and tests.
 *
 * @module @flyte-ts/spark-connect/local
 */
export { startLocalSparkConnect, type LocalSparkConnect, type LocalSparkConnectOptions } from "./start-local-spark-connect.ts";
export { findSpark, type FindSparkOptions, type FoundSpark } from "./find-spark.ts";
export { LocalSparkError, type LocalSparkErrorCode } from "./local-spark-error.ts";
