import { SparkConnectError } from "../errors/spark-connect-error.ts";
import { relation } from "../plan/relation.ts";
import { schemaToDDL, type StructType } from "../types/data-type.ts";
import { DataFrame } from "./dataframe.ts";
import type { SparkSession } from "./session.ts";

/** Reads files and tables into DataFrames (`spark.read`). Each setter returns a new reader. */
export class DataFrameReader {
  /** @internal */
  constructor(
    private readonly session: SparkSession,
    private readonly settings: { source?: string; schema?: string; options: Record<string, string> } = { options: {} },
  ) {}

  private with(change: Partial<DataFrameReader["settings"]>): DataFrameReader {
    return new DataFrameReader(this.session, { ...this.settings, ...change });
  }

  format(source: string): DataFrameReader {
    return this.with({ source });
  }

  /** The schema to read with: DDL (`"id INT, name STRING"`) or a {@link StructType}. */
  schema(schema: string | StructType): DataFrameReader {
    return this.with({ schema: typeof schema === "string" ? schema : schemaToDDL(schema) });
  }

  option(key: string, value: string | number | boolean): DataFrameReader {
    return this.with({ options: { ...this.settings.options, [key]: String(value) } });
  }

  options(options: Record<string, string | number | boolean>): DataFrameReader {
    return this.with({ options: { ...this.settings.options, ...Object.fromEntries(Object.entries(options).map(([k, v]) => [k, String(v)])) } });
  }

  /** Reads the given paths (or the `path` option) with the format set (Spark's default: parquet). */
  load(...paths: string[]): DataFrame {
    const s = this.settings;
    for (const [i, p] of paths.entries()) if (typeof p !== "string" || p === "") throw new SparkConnectError(`read.load: paths[${i}] must be a non-empty string`, { code: "INVALID_ARGUMENT" });
    return new DataFrame(
      this.session,
      relation("read", {
        readType: { case: "dataSource", value: { ...(s.source ? { format: s.source } : {}), ...(s.schema ? { schema: s.schema } : {}), options: s.options, paths } },
        isStreaming: false,
      }),
    );
  }

  parquet(...paths: string[]): DataFrame {
    return this.format("parquet").load(...paths);
  }
  csv(...paths: string[]): DataFrame {
    return this.format("csv").load(...paths);
  }
  json(...paths: string[]): DataFrame {
    return this.format("json").load(...paths);
  }
  orc(...paths: string[]): DataFrame {
    return this.format("orc").load(...paths);
  }
  text(...paths: string[]): DataFrame {
    return this.format("text").load(...paths);
  }

  /** A table or view of the catalog. */
  table(name: string): DataFrame {
    return new DataFrame(this.session, relation("read", { readType: { case: "namedTable", value: { unparsedIdentifier: name, options: this.settings.options } }, isStreaming: false }));
  }
}
