import { create } from "@bufbuild/protobuf";
import { DataTypeSchema, type DataType as DataTypeProto } from "../gen/spark/connect/types_pb.ts";
import { SparkConnectError } from "../errors/spark-connect-error.ts";

/** A Spark SQL data type, as plain data. `simpleString(type)` gives Spark's DDL spelling. */
export type DataType =
  | { type: "null" | "boolean" | "byte" | "short" | "integer" | "long" | "float" | "double" | "string" | "binary" | "date" | "timestamp" | "timestamp_ntz" | "variant" | "calendar_interval" }
  | { type: "decimal"; precision: number; scale: number }
  | { type: "char" | "varchar"; length: number }
  | { type: "year_month_interval" | "day_time_interval"; startField: number; endField: number }
  | { type: "time"; precision: number }
  | { type: "array"; elementType: DataType; containsNull: boolean }
  | { type: "map"; keyType: DataType; valueType: DataType; valueContainsNull: boolean }
  | StructType
  | { type: "udt"; sqlType: DataType | undefined; className: string }
  | { type: "unparsed"; text: string };

/** One column of a {@link StructType}. */
export interface StructField {
  name: string;
  dataType: DataType;
  nullable: boolean;
  metadata?: string;
}

/** A row type: the schema of a DataFrame. */
export interface StructType {
  type: "struct";
  fields: StructField[];
}

const YM = ["year", "month"];
const DT = ["day", "hour", "minute", "second"];

function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, "``")}\``;
}

/** Spark's DDL spelling of a type, e.g. `array<decimal(10,2)>`, `struct<a:int,b:string>`. */
export function simpleString(t: DataType): string {
  switch (t.type) {
    case "null":
      return "void";
    case "byte":
      return "tinyint";
    case "short":
      return "smallint";
    case "integer":
      return "int";
    case "long":
      return "bigint";
    case "calendar_interval":
      return "interval";
    case "decimal":
      return `decimal(${t.precision},${t.scale})`;
    case "char":
    case "varchar":
      return `${t.type}(${t.length})`;
    case "time":
      return `time(${t.precision})`;
    case "year_month_interval":
      return t.startField === t.endField ? `interval ${YM[t.startField]}` : `interval ${YM[t.startField]} to ${YM[t.endField]}`;
    case "day_time_interval":
      return t.startField === t.endField ? `interval ${DT[t.startField]}` : `interval ${DT[t.startField]} to ${DT[t.endField]}`;
    case "array":
      return `array<${simpleString(t.elementType)}>`;
    case "map":
      return `map<${simpleString(t.keyType)},${simpleString(t.valueType)}>`;
    case "struct":
      return `struct<${t.fields.map((f) => `${quote(f.name)}:${simpleString(f.dataType)}`).join(",")}>`;
    case "udt":
      return t.sqlType ? simpleString(t.sqlType) : t.className;
    case "unparsed":
      return t.text;
    default:
      return t.type;
  }
}

/** The DDL of a schema's columns, `a INT NOT NULL, b STRING`, as `createDataFrame` sends it. */
export function schemaToDDL(schema: StructType): string {
  return schema.fields.map((f) => `${quote(f.name)} ${simpleString(f.dataType)}${f.nullable ? "" : " NOT NULL"}`).join(", ");
}

/** Reads a Spark Connect DataType message. */
export function fromProto(p: DataTypeProto | undefined): DataType {
  const k = p?.kind;
  switch (k?.case) {
    case undefined:
    case "null":
      return { type: "null" };
    case "boolean":
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
    case "string":
    case "binary":
    case "date":
    case "variant":
      return { type: k.case };
    case "timestamp":
    case "timestampLtzNanos":
      return { type: "timestamp" };
    case "timestampNtz":
    case "timestampNtzNanos":
      return { type: "timestamp_ntz" };
    case "calendarInterval":
      return { type: "calendar_interval" };
    case "decimal":
      return { type: "decimal", precision: k.value.precision ?? 10, scale: k.value.scale ?? 0 };
    case "char":
      return { type: "char", length: k.value.length };
    case "varChar":
      return { type: "varchar", length: k.value.length };
    case "time":
      return { type: "time", precision: k.value.precision ?? 6 };
    case "yearMonthInterval":
      return { type: "year_month_interval", startField: k.value.startField ?? 0, endField: k.value.endField ?? 1 };
    case "dayTimeInterval":
      return { type: "day_time_interval", startField: k.value.startField ?? 0, endField: k.value.endField ?? 3 };
    case "array":
      return { type: "array", elementType: fromProto(k.value.elementType), containsNull: k.value.containsNull };
    case "map":
      return { type: "map", keyType: fromProto(k.value.keyType), valueType: fromProto(k.value.valueType), valueContainsNull: k.value.valueContainsNull };
    case "struct":
      return {
        type: "struct",
        fields: k.value.fields.map((f) => ({ name: f.name, dataType: fromProto(f.dataType), nullable: f.nullable, ...(f.metadata ? { metadata: f.metadata } : {}) })),
      };
    case "udt":
      return { type: "udt", sqlType: k.value.sqlType ? fromProto(k.value.sqlType) : undefined, className: k.value.jvmClass ?? k.value.type };
    case "unparsed":
      return { type: "unparsed", text: k.value.dataTypeString };
    default:
      return { type: "unparsed", text: String((k as { case: unknown }).case) };
  }
}

/** Writes a Spark Connect DataType message. */
export function toProto(t: DataType): DataTypeProto {
  const kind = ((): DataTypeProto["kind"] => {
    switch (t.type) {
      case "null":
        return { case: "null", value: {} as never };
      case "boolean":
      case "byte":
      case "short":
      case "integer":
      case "long":
      case "float":
      case "double":
      case "binary":
      case "date":
      case "variant":
        return { case: t.type, value: {} as never };
      case "string":
        return { case: "string", value: { collation: "" } as never };
      case "timestamp":
        return { case: "timestamp", value: {} as never };
      case "timestamp_ntz":
        return { case: "timestampNtz", value: {} as never };
      case "calendar_interval":
        return { case: "calendarInterval", value: {} as never };
      case "decimal":
        return { case: "decimal", value: { precision: t.precision, scale: t.scale } as never };
      case "char":
        return { case: "char", value: { length: t.length } as never };
      case "varchar":
        return { case: "varChar", value: { length: t.length } as never };
      case "time":
        return { case: "time", value: { precision: t.precision } as never };
      case "year_month_interval":
        return { case: "yearMonthInterval", value: { startField: t.startField, endField: t.endField } as never };
      case "day_time_interval":
        return { case: "dayTimeInterval", value: { startField: t.startField, endField: t.endField } as never };
      case "array":
        return { case: "array", value: { elementType: toProto(t.elementType), containsNull: t.containsNull } as never };
      case "map":
        return { case: "map", value: { keyType: toProto(t.keyType), valueType: toProto(t.valueType), valueContainsNull: t.valueContainsNull } as never };
      case "struct":
        return { case: "struct", value: { fields: t.fields.map((f) => ({ name: f.name, dataType: toProto(f.dataType), nullable: f.nullable, metadata: f.metadata })) } as never };
      case "unparsed":
        return { case: "unparsed", value: { dataTypeString: t.text } as never };
      case "udt":
        throw new SparkConnectError("a user-defined type cannot be sent to the server", { code: "INVALID_ARGUMENT" });
    }
  })();
  return create(DataTypeSchema, { kind } as never);
}
