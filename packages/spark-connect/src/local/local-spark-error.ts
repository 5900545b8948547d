/** Why a local Spark Connect server could not be found or started. */
export type LocalSparkErrorCode =
  /** No Spark distribution (SPARK_HOME) and no Python with pyspark ≥ 3.5. */
  | "SPARK_NOT_FOUND"
  /** The Spark found is older than 3.5 (no Spark Connect server). */
  | "SPARK_TOO_OLD"
  /** No `java` (JAVA_HOME or PATH). */
  | "JAVA_NOT_FOUND"
  /** spark-submit exited, or the server did not answer in time. */
  | "SERVER_START_FAILED"
  /** An option has a value outside its allowed values. */
  | "INVALID_OPTION";

/** A typed error of {@link startLocalSparkConnect} and {@link findSpark}; the message says what to install. */
export class LocalSparkError extends Error {
  override readonly name = "LocalSparkError";
  constructor(
    readonly code: LocalSparkErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
