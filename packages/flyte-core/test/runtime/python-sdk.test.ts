// Cross-language checks with the real Python SDK (flyte==2.12.1, conformance/python/literal_vectors.py):
//  - golden vectors (conformance/golden-literals/literals.json, written by the SDK): TS reads each to the exact
//    JS value, writes the same value to the same bytes, and declares the same LiteralType;
//  - live: bytes written by TS are read by the SDK (TypeEngine.to_python_value / convert_outputs_to_native)
//    and must give the SDK's own value. Needs conformance/.venv, which the test set-up creates
//    (scripts/setup-test-env.sh, run by scripts/run-tests.sh); without it these tests fail, never skip.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fromBinary, toBinary, toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { duration, literalTypeOf } from "@flyte-ts/core";
import { LiteralSchema } from "../../src/gen/flyteidl2/core/literals_pb.ts";
import { decodeInputs, encodeErrorDocument, encodeOutputs } from "../../src/runtime/literal-io.ts";
import { literalToValue, valueToLiteral } from "../../src/runtime/literals.ts";
import { hex, settingsOf, unhex } from "./helpers.ts";

const root = resolve(import.meta.dirname, "../../../..");
const venvPython = join(root, "conformance/.venv/bin/python");
const script = join(root, "conformance/python/literal_vectors.py");

type Tagged = null | Record<string, unknown>;
interface Golden {
  literals: Record<string, { type: Record<string, unknown>; literal: string; value: Tagged }>;
  files: Record<string, string>;
}
const golden = JSON.parse(readFileSync(join(root, "conformance/golden-literals/literals.json"), "utf8")) as Golden;

enum Color { RED = "red", GREEN = "green" }
const Point = z.object({ x: z.int(), y: z.number(), s: z.string() });
const Inner = z.object({ a: z.int(), when: z.date(), tags: z.array(z.string()), opt: z.int().nullable() });
const Outer = z.object({
  name: z.string(), inner: Inner, items: z.array(Inner), counts: z.record(z.string(), z.int()), maybe: Inner.nullable(),
  ratio: z.number(), color: z.enum(Color), flag: z.boolean(), big: z.bigint(), pair: z.tuple([z.int(), z.string()]),
});
const Timing = z.object({ t: duration(), back: duration().nullable(), never: duration().nullable(), steps: z.array(duration()) });
// Like the output of examples/src/ray.ts: untyped values inside an object (Python: dict, dict[str, Any], Any fields).
const Sweep = z.object({ best: z.number(), ray_init: z.record(z.string(), z.unknown()), extra: z.record(z.string(), z.any()), anything: z.unknown() });
const WHEN = new Date("2024-01-02T03:04:05.006Z");
const INNER = { a: 7, when: WHEN, tags: ["p", "q"], opt: null };

interface Case {
  schema: z.ZodType;
  value: unknown;
  /** TS cannot write these bytes (a JS Date has no microseconds): checked in the read direction only. */
  readOnly?: boolean;
  /** The union's variant type carries a JSON Schema, which each SDK writes its own way: compare without it. */
  unionMetadata?: boolean;
}
// The same names as CASES in literal_vectors.py.
const cases: Record<string, Case> = {
  int_42: { schema: z.int(), value: 42 },
  int_negative: { schema: z.int(), value: -1 },
  int_zero: { schema: z.int(), value: 0 },
  int_safe_max: { schema: z.int(), value: Number.MAX_SAFE_INTEGER },
  int64_max: { schema: z.bigint(), value: 9223372036854775807n },
  int64_min: { schema: z.bigint(), value: -9223372036854775808n },
  float_1_5: { schema: z.number(), value: 1.5 },
  float_integral: { schema: z.number(), value: 2 },
  float_negative_zero: { schema: z.number(), value: -0 },
  float_large: { schema: z.number(), value: 1e300 },
  float_small: { schema: z.number(), value: -2.5e-300 },
  str_hello: { schema: z.string(), value: "hello" },
  str_empty: { schema: z.string(), value: "" },
  str_unicode: { schema: z.string(), value: "héllo ✓ 🚀" },
  bool_true: { schema: z.boolean(), value: true },
  bool_false: { schema: z.boolean(), value: false },
  datetime_ms: { schema: z.date(), value: WHEN },
  datetime_us: { schema: z.date(), value: new Date("2024-01-02T03:04:05.123Z"), readOnly: true },
  datetime_naive: { schema: z.date(), value: new Date("1999-12-31T23:59:59Z") },
  datetime_before_epoch: { schema: z.date(), value: new Date("1969-07-20T20:17:40.500Z") },
  date: { schema: z.date(), value: new Date("2024-02-29T00:00:00Z") },
  none: { schema: z.null(), value: null },
  list_int: { schema: z.array(z.int()), value: [1, 2, 3] },
  list_empty: { schema: z.array(z.int()), value: [] },
  list_float: { schema: z.array(z.number()), value: [1, 2.5, -3] },
  list_list_str: { schema: z.array(z.array(z.string())), value: [["a"], [], ["b", "c"]] },
  list_optional_int: { schema: z.array(z.int().nullable()), value: [1, null] },
  dict_str_int: { schema: z.record(z.string(), z.int()), value: { a: 1, b: 2 } },
  dict_str_float: { schema: z.record(z.string(), z.number()), value: { x: 1 } },
  dict_str_list: { schema: z.record(z.string(), z.array(z.int())), value: { k: [1, 2] } },
  optional_int_some: { schema: z.int().nullable(), value: 3 },
  optional_int_none: { schema: z.int().nullable(), value: null },
  optional_float_some: { schema: z.number().nullable(), value: 2 },
  optional_int64_some: { schema: z.bigint().nullable(), value: -(2n ** 62n) },
  union_int_str_int: { schema: z.union([z.int(), z.string()]), value: 5 },
  union_int_str_str: { schema: z.union([z.int(), z.string()]), value: "x" },
  enum_red: { schema: z.enum(Color), value: Color.RED },
  enum_green: { schema: z.enum(Color), value: Color.GREEN },
  dataclass_point: { schema: Point, value: { x: 1, y: 2, s: "a" } },
  dataclass_nested: {
    schema: Outer,
    value: {
      name: "n", inner: INNER, items: [INNER, { a: -3, when: new Date("2000-01-01T00:00:00Z"), tags: [], opt: 4 }],
      counts: { one: 1, two: 2 }, maybe: null, ratio: 0.5, color: Color.GREEN, flag: true, big: 2n ** 62n, pair: [1, "x"],
    },
  },
  optional_dataclass_some: { schema: Point.nullable(), value: { x: -5, y: 0.25, s: "" }, unionMetadata: true },
  optional_dataclass_none: { schema: Point.nullable(), value: null },
  list_dataclass: { schema: z.array(Point), value: [{ x: 1, y: 1, s: "a" }, { x: 2, y: 2.5, s: "b" }] },
  dict_dataclass: { schema: z.record(z.string(), Point), value: { p: { x: 3, y: -1, s: "c" } } },
  tuple_int_str: { schema: z.tuple([z.int(), z.string()]), value: [1, "x"] },
  tuple_datetime_float_list: { schema: z.tuple([z.date(), z.number(), z.array(z.int())]), value: [WHEN, 2, [1, 2]] },
  duration_1_5: { schema: duration(), value: 1.5 },
  duration_minus_1_5: { schema: duration(), value: -1.5 },
  duration_zero: { schema: duration(), value: 0 },
  duration_day_and_us: { schema: duration(), value: 86400.000001 },
  duration_minus_us: { schema: duration(), value: -0.000001 },
  duration_large: { schema: duration(), value: 31536000001.25 },
  list_duration: { schema: z.array(duration()), value: [1.5, -0.25, 7200] },
  optional_duration_some: { schema: duration().nullable(), value: 3 },
  optional_duration_none: { schema: duration().nullable(), value: null },
  dataclass_durations: { schema: Timing, value: { t: 90.25, back: -2, never: null, steps: [0, 172800] } },
  tuple_durations: {
    schema: z.tuple([duration(), duration(), duration(), duration(), duration(), duration()]),
    value: [-1.5, 86400.000001, 0, 34560005, 3723, 31536000],
  },
  untyped_dict: {
    schema: z.record(z.string(), z.unknown()),
    value: { a: 1, b: 2.5, c: [1, "x", null, true], d: { e: 2n ** 62n, f: -(2 ** 40) }, big: 2n ** 64n - 1n, raw: new Uint8Array([0, 255]), s: "" },
  },
  untyped_dict_empty: { schema: z.json(), value: {} },
  // A JS number cannot say 2.0: flyte-ts writes integral numbers as msgpack ints, so these bytes are read only.
  untyped_dict_float_integral: { schema: z.record(z.string(), z.any()), value: { x: 2, y: -0 }, readOnly: true },
  optional_untyped_dict_some: { schema: z.record(z.string(), z.unknown()).nullable(), value: { k: [1.5] } },
  optional_untyped_dict_none: { schema: z.record(z.string(), z.unknown()).nullable(), value: null },
  list_untyped_dict: { schema: z.array(z.json()), value: [{ a: 1 }, {}] },
  dict_str_untyped_dict: { schema: z.record(z.string(), z.record(z.string(), z.unknown())), value: { p: { q: null } } },
  dataclass_untyped_fields: {
    schema: Sweep,
    value: { best: 0.5, ray_init: { num_cpus: 2, address: "auto", resources: { GPU: 0.5 } }, extra: { k: [1, { x: "y" }] }, anything: [1, "a"] },
  },
};

const outputs: Record<string, { output: z.ZodType | undefined; value: unknown; python: Tagged }> = {
  outputs_int: { output: z.int(), value: 42, python: { int: "42" } },
  outputs_tuple: { output: z.tuple([z.int(), z.string()]), value: [1, "x"], python: { tuple: [{ int: "1" }, { str: "x" }] } },
  outputs_dataclass: {
    output: Point, value: { x: 1, y: 2, s: "a" },
    python: { dataclass: "Point", fields: [["x", { int: "1" }], ["y", { float: "2.0" }], ["s", { str: "a" }]] },
  },
  outputs_nothing: { output: undefined, value: undefined, python: null },
  outputs_sweep: {
    output: Sweep, value: { best: 0.75, ray_init: { num_cpus: 4, ignore_reinit_error: true }, extra: {}, anything: null },
    python: {
      dataclass: "Sweep",
      fields: [
        ["best", { float: "0.75" }],
        ["ray_init", { dict: [[{ str: "ignore_reinit_error" }, { bool: true }], [{ str: "num_cpus" }, { int: "4" }]] }],
        ["extra", { dict: [] }],
        ["anything", null],
      ],
    },
  },
  outputs_untyped_dict: {
    output: z.record(z.string(), z.unknown()), value: { best: 0.75, trials: 3 },
    python: { dict: [[{ str: "best" }, { float: "0.75" }], [{ str: "trials" }, { int: "3" }]] },
  },
};

const withoutMetadata = (json: unknown): unknown => {
  if (Array.isArray(json)) return json.map(withoutMetadata);
  if (typeof json !== "object" || json === null) return json;
  return Object.fromEntries(Object.entries(json).filter(([k]) => k !== "metadata").map(([k, v]) => [k, withoutMetadata(v)]));
};
const literalJson = (bytes: Uint8Array) => toJson(LiteralSchema, fromBinary(LiteralSchema, bytes));
const writeHex = (c: Case) => hex(toBinary(LiteralSchema, valueToLiteral(c.value, c.schema, ["output"])));

describe("golden literals from the Python SDK", () => {
  it("covers exactly the cases of literal_vectors.py", () => {
    expect(Object.keys(cases).sort()).toStrictEqual(Object.keys(golden.literals).sort());
  });

  describe.each(Object.entries(cases))("%s", (name, c) => {
    const g = golden.literals[name]!;
    it("is read to the exact JS value", () => {
      expect(literalToValue(fromBinary(LiteralSchema, unhex(g.literal)), c.schema, ["inputs", name])).toStrictEqual(c.value);
    });
    if (c.readOnly) {
      // The SDK's bytes say more than a JS value can (microseconds, a float 2.0): flyte-ts writes other bytes,
      // which must hold exactly the JS value. Should they ever equal the SDK's, drop readOnly.
      it("is written to bytes that hold the same JS value (not the SDK's bytes: a JS value cannot say as much)", () => {
        expect(writeHex(c)).not.toBe(g.literal);
        expect(literalToValue(fromBinary(LiteralSchema, unhex(writeHex(c))), c.schema, ["outputs", name])).toStrictEqual(c.value);
      });
    } else {
      it("is written to the same bytes", () => {
        if (c.unionMetadata) expect(withoutMetadata(literalJson(unhex(writeHex(c))))).toStrictEqual(withoutMetadata(literalJson(unhex(g.literal))));
        else expect(writeHex(c)).toBe(g.literal);
      });
    }
    it("declares the same LiteralType (JSON Schema metadata aside)", () => {
      expect(withoutMetadata(literalTypeOf(c.schema, [], []))).toStrictEqual(g.type);
    });
  });

  it("inputs.pb written by the SDK", () => {
    const settings = settingsOf(
      z.object({ x: z.int(), y: z.string(), when: z.date(), point: Point, xs: z.array(z.number()), maybe: z.int().nullable().default(null) }),
      undefined,
    );
    expect(decodeInputs(unhex(golden.files.inputs!), settings)).toStrictEqual({
      values: { x: 42, y: "hello", when: WHEN, point: { x: 1, y: 2, s: "a" }, xs: [1, 2.5], maybe: null },
      context: { k: "v" },
    });
  });

  it.each(Object.entries(outputs))("%s: outputs.pb has the SDK's bytes", (name, o) => {
    expect(hex(encodeOutputs(o.value, settingsOf(undefined, o.output)))).toBe(golden.files[name]);
  });

  it("error.pb has the SDK's bytes", () => {
    expect(hex(encodeErrorDocument({ code: "ValueError", message: "boom", kind: "RECOVERABLE", origin: "USER" }))).toBe(golden.files.error_user);
    expect(hex(encodeErrorDocument({ code: "NonRecoverableError", message: "nope", kind: "NON_RECOVERABLE", origin: "USER" }))).toBe(golden.files.error_non_recoverable);
    expect(hex(encodeErrorDocument({ code: "FilesystemIOError", message: "x", kind: "RECOVERABLE", origin: "SYSTEM" }))).toBe(golden.files.error_system);
  });
});

describe("the Python SDK reads what flyte-ts writes", () => {
  const run = () => {
    if (!existsSync(venvPython)) throw new Error(`${venvPython} does not exist: bash scripts/setup-test-env.sh creates it`);
    const dir = mkdtempSync(join(tmpdir(), "flyte-ts-literals-"));
    try {
      const file = join(dir, "ts.json");
      const literals = Object.fromEntries(Object.entries(cases).filter(([, c]) => !c.readOnly).map(([name, c]) => [name, writeHex(c)]));
      const outs = Object.fromEntries(Object.entries(outputs).map(([name, o]) => [name, hex(encodeOutputs(o.value, settingsOf(undefined, o.output)))]));
      writeFileSync(file, JSON.stringify({ literals, outputs: outs }));
      return JSON.parse(execFileSync(venvPython, [script, "read", file], { encoding: "utf8", maxBuffer: 16 << 20 })) as {
        literals: Record<string, Tagged>;
        outputs: Record<string, Tagged>;
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  let result: ReturnType<typeof run> | undefined;
  const read = () => (result ??= run());

  it.each(Object.entries(cases).filter(([, c]) => !c.readOnly))("%s", { timeout: 60_000 }, (name) => {
    expect(read().literals[name]).toStrictEqual(golden.literals[name]!.value);
  });
  it.each(Object.entries(outputs))("%s", { timeout: 60_000 }, (name, o) => {
    expect(read().outputs[name]).toStrictEqual(o.python);
  });
});
