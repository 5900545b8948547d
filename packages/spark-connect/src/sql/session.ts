import type { MessageInitShape } from "@bufbuild/protobuf";
import type { CommandSchema } from "../gen/spark/connect/commands_pb.ts";
import { SparkConnectClient, type ExecuteOptions } from "../connect/client.ts";
import { parseConnectionString } from "../connect/connection-string.ts";
import { SparkConnectError } from "../errors/spark-connect-error.ts";
import { lit, type ColumnOrValue } from "../expr/column.ts";
import { relation } from "../plan/relation.ts";
import { inferStruct, rowsToArrowIpc } from "../arrow/local-relation.ts";
import { fromProto, schemaToDDL, type StructType } from "../types/data-type.ts";
import { DataFrame } from "./dataframe.ts";
import { DataFrameReader } from "./reader.ts";
import { RuntimeConfig } from "./runtime-config.ts";

/** Options of {@link SparkSession.connect}. */
export interface ConnectOptions {
  /**
   * Spark SQL settings applied to the new session (`spark.conf.set`).
   *
   * Validation: string values; keys Spark accepts at run time.
   *
   * @defaultValue `{}`
   */
  conf?: Record<string, string>;
  /**
   * Aborts connecting.
   *
   * Validation: an AbortSignal.
   *
   * @defaultValue `undefined`
   */
  signal?: AbortSignal;
  /**
   * Names the application in the server's logs (the URL's `user_agent` parameter wins).
   *
   * Validation: a string; the client type sent is cut at 2048 characters.
   *
   * @defaultValue `process.env.SPARK_CONNECT_USER_AGENT`, else `"flyte-ts-spark-connect"`
   */
  userAgent?: string;
}

/**
 * A session on a Spark Connect server: the entry point to SQL and DataFrames.
 *
 * ```ts
 * const spark = await SparkSession.connect("sc://localhost:15002");
 * const rows = await spark.sql("SELECT 1 AS one").collect(); // [{ one: 1 }]
 * await spark.stop();
 * ```
 */
export class SparkSession {
  /** The Spark SQL configuration of this session. */
  readonly conf: RuntimeConfig;
  private cachedVersion: string | undefined;

  /** @internal */
  constructor(/** @internal */ readonly client: SparkConnectClient) {
    this.conf = new RuntimeConfig(client);
  }

  /**
   * Connects to a Spark Connect server, `sc://host[:port][/;param=value…]` (port 15002 by default; parameters
   * `token`, `user_id`, `use_ssl`, `session_id`, `user_agent`, and any other as a gRPC header). Resolves once
   * the server has answered, with `conf` applied.
   * @throws {@link SparkConnectError} `INVALID_URL` for a malformed URL, `UNAVAILABLE` when no server answers.
   */
  static async connect(url: string, options: ConnectOptions = {}): Promise<SparkSession> {
    const connection = parseConnectionString(url);
    const session = new SparkSession(new SparkConnectClient(connection, { userAgent: options.userAgent }));
    try {
      await session.version(options.signal);
      if (options.conf && Object.keys(options.conf).length > 0) {
        for (const [k, v] of Object.entries(options.conf)) {
          if (typeof v !== "string") throw new SparkConnectError(`conf.${k}: must be a string, got ${typeof v}`, { code: "INVALID_ARGUMENT" });
        }
        await session.client.config({ case: "set", value: { pairs: Object.entries(options.conf).map(([key, value]) => ({ key, value })) } }, options.signal);
      }
      return session;
    } catch (err) {
      await session.client.close();
      throw err;
    }
  }

  /** The id of this session on the server. */
  get sessionId(): string {
    return this.client.sessionId;
  }

  /** The server's Spark version, e.g. `"4.3.0"`. */
  async version(signal?: AbortSignal): Promise<string> {
    if (this.cachedVersion === undefined) {
      const response = await this.client.analyze({ case: "sparkVersion", value: {} }, signal);
      if (response.result.case !== "sparkVersion") throw new SparkConnectError("the server sent no version", { code: "PROTOCOL" });
      this.cachedVersion = response.result.value.version;
    }
    return this.cachedVersion;
  }

  /**
   * A DataFrame of a SQL query, with parameters: named (`:name` with `{ name: value }`) or positional (`?` with
   * `[value, …]`). Values are literals or Columns. Like every DataFrame it runs when an action is called, so a
   * statement (DDL, INSERT) runs on `collect()` (once per action).
   */
  sql(query: string, args?: Record<string, ColumnOrValue> | ColumnOrValue[]): DataFrame {
    if (typeof query !== "string" || query.trim() === "") throw new SparkConnectError("sql: query must be a non-empty string", { code: "INVALID_ARGUMENT" });
    const value: Record<string, unknown> = { query };
    if (Array.isArray(args)) value.posArguments = args.map((a) => lit(a).expression);
    else if (args) value.namedArguments = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, lit(v).expression]));
    return new DataFrame(this, relation("sql", value));
  }

  /** Runs a SQL statement now and returns its result rows (DDL, INSERT, SET … as well as queries). */
  async execSql(query: string, args?: Record<string, ColumnOrValue> | ColumnOrValue[], options?: ExecuteOptions) {
    return this.sql(query, args).collect(options);
  }

  /** A DataFrame of one `id` column (BIGINT): `range(end)` is 0 … end-1; `range(start, end, step)`. */
  range(start: number | bigint, end?: number | bigint, step: number | bigint = 1, numPartitions?: number): DataFrame {
    const toBig = (n: number | bigint, path: string) => {
      if (typeof n === "number" && !Number.isSafeInteger(n)) throw new SparkConnectError(`range.${path}: must be an integer, got ${n}`, { code: "INVALID_ARGUMENT" });
      return BigInt(n);
    };
    const [s, e] = end === undefined ? [0n, toBig(start, "end")] : [toBig(start, "start"), toBig(end, "end")];
    const st = toBig(step, "step");
    if (st === 0n) throw new SparkConnectError("range.step: must not be 0", { code: "INVALID_ARGUMENT" });
    return new DataFrame(this, relation("range", { start: s, end: e, step: st, ...(numPartitions === undefined ? {} : { numPartitions }) }));
  }

  /**
   * A DataFrame of local rows (plain objects), sent to the server as one Arrow batch in a LocalRelation.
   * `schema` is DDL (`"id BIGINT, name STRING, price DECIMAL(10,2)"`) or a {@link StructType}; without one,
   * types are inferred from the values (integers in INT range → INT, other numbers → DOUBLE, bigint → BIGINT,
   * Date → TIMESTAMP, Uint8Array → BINARY, arrays, Maps and objects → ARRAY, MAP, STRUCT). Values follow the
   * README's type mapping: decimals as strings (or numbers/bigints), dates as `Date` or `"YYYY-MM-DD"`.
   * @throws {@link SparkConnectError} `INVALID_ARGUMENT` naming the row and column of a value that does not fit.
   */
  async createDataFrame(rows: Record<string, unknown>[], schema?: string | StructType): Promise<DataFrame> {
    if (!Array.isArray(rows)) throw new SparkConnectError("createDataFrame: rows must be an array of plain objects", { code: "INVALID_ARGUMENT" });
    let struct: StructType;
    if (typeof schema === "string") {
      const response = await this.client.analyze({ case: "ddlParse", value: { ddlString: schema } });
      const parsed = response.result.case === "ddlParse" ? fromProto(response.result.value.parsed) : undefined;
      if (!parsed) throw new SparkConnectError("createDataFrame: the server did not parse the schema", { code: "PROTOCOL" });
      struct = parsed.type === "struct" ? parsed : { type: "struct", fields: [{ name: "value", dataType: parsed, nullable: true }] };
    } else if (schema) {
      struct = schema;
    } else {
      if (rows.length === 0) throw new SparkConnectError("createDataFrame: give a schema for an empty list of rows", { code: "INVALID_ARGUMENT" });
      struct = inferStruct(rows);
    }
    const data = await rowsToArrowIpc(rows, struct);
    return new DataFrame(this, relation("localRelation", { data, schema: schemaToDDL(struct) }));
  }

  /** A table or view of the catalog. */
  table(name: string): DataFrame {
    return this.read.table(name);
  }

  /** Reading files and tables. */
  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }

  /** @internal Executes a command and drains its responses. */
  async runCommand(command: MessageInitShape<typeof CommandSchema>["commandType"], options?: ExecuteOptions): Promise<void> {
    for await (const _ of this.client.execute({ opType: { case: "command", value: { commandType: command } } } as never, options)) {
      // responses carry only progress and completion
    }
  }

  /** Interrupts every running operation of this session; returns their ids. */
  async interruptAll(): Promise<string[]> {
    return this.client.interrupt({ all: true });
  }

  /** Interrupts the running operations that carry `tag` (see the `tags` option of actions). */
  async interruptTag(tag: string): Promise<string[]> {
    return this.client.interrupt({ tag });
  }

  /** Interrupts one operation by id. */
  async interruptOperation(operationId: string): Promise<string[]> {
    return this.client.interrupt({ operationId });
  }

  /** Releases the session on the server (its temporary views and cached state) and closes the connection. */
  async stop(): Promise<void> {
    await this.client.close();
  }
}
