import { Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { tableToRows } from "../src/arrow/to-rows.ts";

// Result batches come from the server as Arrow IPC: decode them the same way.
const roundTrip = (table: Table) => tableFromIPC(tableToIPC(table, "stream"));

describe("Arrow result batches to rows", () => {
  it("reads ASCII and non-ASCII strings, nulls and numbers", () => {
    const table = roundTrip(
      new Table({
        id: vectorFromArray(BigInt64Array.from([1n, 2n, 3n, 4n])),
        ascii: vectorFromArray(["a", "", null, "xyz"], new Utf8()),
        text: vectorFromArray(["grüße", "日本", null, "a😀b"], new Utf8()),
        x: vectorFromArray(Float64Array.from([0.5, -1, 2, 3])),
      }),
    );
    expect(tableToRows(table)).toEqual([
      { id: 1n, ascii: "a", text: "grüße", x: 0.5 },
      { id: 2n, ascii: "", text: "日本", x: -1 },
      { id: 3n, ascii: null, text: null, x: 2 },
      { id: 4n, ascii: "xyz", text: "a😀b", x: 3 },
    ]);
  });

  it("reads a slice of a string column (offsets not starting at zero)", () => {
    const table = new Table({ s: vectorFromArray(["aa", "bbb", "c", "dddd"], new Utf8()) }).slice(1, 3);
    expect(tableToRows(table)).toEqual([{ s: "bbb" }, { s: "c" }]);
  });

  it("keeps the columns in schema order, a column named __proto__ included, and appends to `out`", () => {
    // (an object literal's `__proto__:` would set the prototype: build the columns as entries)
    const columns = Object.fromEntries([["b", vectorFromArray(Int32Array.from([1]))], ["__proto__", vectorFromArray(["p"], new Utf8())], ["a", vectorFromArray(Int32Array.from([2]))]]);
    const table = roundTrip(new Table(columns));
    const out = [{ earlier: true }] as Array<Record<string, unknown>>;
    const rows = tableToRows(table, out);
    expect(rows).toBe(out);
    expect(Object.keys(rows[1]!)).toEqual(["b", "__proto__", "a"]);
    expect(Object.getPrototypeOf(rows[1])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(rows[1], "__proto__")?.value).toBe("p");
  });
});
