/**
 * A Spark Connect client for Node: sessions, SQL and DataFrames on a Spark Connect server, results read
 * from Arrow with exact types. Usable without Flyte.
 *
 * @module @flyte-ts/spark-connect
 */
export { SparkSession, type ConnectOptions } from "./sql/session.ts";
export { DataFrame, type ActionOptions, type ExplainMode, type JoinType } from "./sql/dataframe.ts";
export { GroupedData } from "./sql/grouped-data.ts";
export { DataFrameNaFunctions } from "./sql/na-functions.ts";
export { DataFrameReader } from "./sql/reader.ts";
export { DataFrameWriter, type SaveMode } from "./sql/writer.ts";
export { RuntimeConfig } from "./sql/runtime-config.ts";
export { Column, col, lit, expr, type ColumnLike, type ColumnOrValue } from "./expr/column.ts";
export type { LiteralValue } from "./expr/literal.ts";
export * as functions from "./functions.ts";
export type { Row } from "./arrow/to-rows.ts";
export { simpleString, schemaToDDL, type DataType, type StructField, type StructType } from "./types/data-type.ts";
export { parseConnectionString, type ConnectionString } from "./connect/connection-string.ts";
export type { ExecuteOptions } from "./connect/client.ts";
export {
  SparkConnectError,
  AnalysisException,
  ParseException,
  ArithmeticException,
  NumberFormatException,
  IllegalArgumentException,
  DateTimeException,
  SparkRuntimeException,
  OperationCancelledError,
  type SparkConnectErrorCode,
  type SparkConnectErrorInit,
  type QueryContext,
} from "./errors/spark-connect-error.ts";
