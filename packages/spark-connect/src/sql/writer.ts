import { WriteOperation_SaveMode, WriteOperation_SaveTable_TableSaveMethod } from "../gen/spark/connect/commands_pb.ts";
import { SparkConnectError } from "../errors/spark-connect-error.ts";
import type { ActionOptions, DataFrame } from "./dataframe.ts";

/** Save modes of {@link DataFrameWriter.mode}. */
export type SaveMode = "append" | "overwrite" | "error" | "errorifexists" | "ignore";

const MODES: Record<SaveMode, WriteOperation_SaveMode> = {
  append: WriteOperation_SaveMode.APPEND,
  overwrite: WriteOperation_SaveMode.OVERWRITE,
  error: WriteOperation_SaveMode.ERROR_IF_EXISTS,
  errorifexists: WriteOperation_SaveMode.ERROR_IF_EXISTS,
  ignore: WriteOperation_SaveMode.IGNORE,
};

/** Writes a DataFrame to files or tables (`df.write`). Each setter returns a new writer. */
export class DataFrameWriter {
  /** @internal */
  constructor(
    private readonly df: DataFrame,
    private readonly settings: { source?: string; mode?: WriteOperation_SaveMode; options: Record<string, string>; partitionBy: string[]; sortBy: string[]; bucketBy?: { numBuckets: number; cols: string[] } } = { options: {}, partitionBy: [], sortBy: [] },
  ) {}

  private with(change: Partial<DataFrameWriter["settings"]>): DataFrameWriter {
    return new DataFrameWriter(this.df, { ...this.settings, ...change });
  }

  /** The data source: `parquet`, `csv`, `json`, `orc`, `text`, … (Spark's default: `spark.sql.sources.default`). */
  format(source: string): DataFrameWriter {
    return this.with({ source });
  }

  /** What to do when the target exists: `error` (default), `append`, `overwrite`, `ignore`. */
  mode(mode: SaveMode): DataFrameWriter {
    const value = MODES[mode];
    if (value === undefined) throw new SparkConnectError(`write.mode: must be one of ${Object.keys(MODES).join(", ")}, got ${JSON.stringify(mode)}`, { code: "INVALID_ARGUMENT" });
    return this.with({ mode: value });
  }

  option(key: string, value: string | number | boolean): DataFrameWriter {
    return this.with({ options: { ...this.settings.options, [key]: String(value) } });
  }

  options(options: Record<string, string | number | boolean>): DataFrameWriter {
    return this.with({ options: { ...this.settings.options, ...Object.fromEntries(Object.entries(options).map(([k, v]) => [k, String(v)])) } });
  }

  partitionBy(...cols: string[]): DataFrameWriter {
    return this.with({ partitionBy: cols });
  }

  bucketBy(numBuckets: number, ...cols: string[]): DataFrameWriter {
    return this.with({ bucketBy: { numBuckets, cols } });
  }

  sortBy(...cols: string[]): DataFrameWriter {
    return this.with({ sortBy: cols });
  }

  private async run(saveType: { case: "path"; value: string } | { case: "table"; value: { tableName: string; saveMethod: WriteOperation_SaveTable_TableSaveMethod } } | undefined, options?: ActionOptions): Promise<void> {
    const s = this.settings;
    await this.df.session.runCommand(
      {
        case: "writeOperation",
        value: {
          input: this.df.plan,
          ...(s.source ? { source: s.source } : {}),
          ...(saveType ? { saveType } : {}),
          mode: s.mode ?? WriteOperation_SaveMode.ERROR_IF_EXISTS,
          options: s.options,
          partitioningColumns: s.partitionBy,
          sortColumnNames: s.sortBy,
          ...(s.bucketBy ? { bucketBy: { numBuckets: s.bucketBy.numBuckets, bucketColumnNames: s.bucketBy.cols } } : {}),
        },
      },
      options,
    );
  }

  /** Writes to `path` (or to the `path` option) with the format and mode set. */
  async save(path?: string, options?: ActionOptions): Promise<void> {
    await this.run(path === undefined ? undefined : { case: "path", value: path }, options);
  }

  async parquet(path: string, options?: ActionOptions): Promise<void> {
    await this.format("parquet").save(path, options);
  }
  async csv(path: string, options?: ActionOptions): Promise<void> {
    await this.format("csv").save(path, options);
  }
  async json(path: string, options?: ActionOptions): Promise<void> {
    await this.format("json").save(path, options);
  }
  async orc(path: string, options?: ActionOptions): Promise<void> {
    await this.format("orc").save(path, options);
  }
  async text(path: string, options?: ActionOptions): Promise<void> {
    await this.format("text").save(path, options);
  }

  /** Saves as a table in the catalog (created, or per the mode when it exists). */
  async saveAsTable(name: string, options?: ActionOptions): Promise<void> {
    await this.run({ case: "table", value: { tableName: name, saveMethod: WriteOperation_SaveTable_TableSaveMethod.SAVE_AS_TABLE } }, options);
  }

  /** Inserts into an existing table, by column position (`mode("overwrite")` replaces its rows). */
  async insertInto(name: string, options?: ActionOptions & { overwrite?: boolean }): Promise<void> {
    const writer = options?.overwrite ? this.mode("overwrite") : this.settings.mode === undefined ? this.mode("append") : this;
    await writer.run({ case: "table", value: { tableName: name, saveMethod: WriteOperation_SaveTable_TableSaveMethod.INSERT_INTO } }, options);
  }
}
