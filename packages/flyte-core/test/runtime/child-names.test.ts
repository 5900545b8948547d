// Child action names, hashes and cache keys computed by flyte-ts against the values the real Python SDK
// (flyte==2.12.1) computes for the same inputs and interfaces: conformance/golden-child-names/child-names.json,
// written by conformance/python/child_names.py. Plus the controller contract's own example vectors (§4).
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fromBinary, fromJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TypedInterfaceSchema } from "../../src/gen/flyteidl2/core/interface_pb.ts";
import { LiteralSchema } from "../../src/gen/flyteidl2/core/literals_pb.ts";
import { NamedLiteralSchema } from "../../src/gen/flyteidl2/task/common_pb.ts";
import { create } from "@bufbuild/protobuf";
import { typedInterfaceOf } from "../../src/serialize/interface.ts";
import { childInputs } from "../../src/runtime/controller/child-inputs.ts";
import { base36, cacheKey, childActionName, deterministicBytes, hashData, inputsHash, interfaceHash, taskIdentityHash } from "../../src/runtime/controller/child-name.ts";
import { parseTaskInputs } from "../../src/run/execute.ts";
import { hex, settingsOf, unhex } from "./helpers.ts";

const root = resolve(import.meta.dirname, "../../../..");
interface Golden {
  provenance: { sdk: { flyte: string } };
  base36: Array<{ md5Of?: string; digestHex?: string; bytesHex?: string; base36: string }>;
  hashData: Array<{ text: string; hash: string }>;
  inputs: Record<string, { literals: Array<{ name: string; literalHex: string }>; inputsHash: string }>;
  tasks: Record<string, { templateName: string; discoveryVersion: string; interface: unknown; interfaceHash: string; taskHash: string }>;
  names: Array<{ parent: string; inputs?: string; task?: string; inputsHashLiteral?: string; taskHashLiteral?: string; seq: number; group: string | null; name: string }>;
  cacheKeys: Array<{ inputs: string; task: string; cacheVersion: string; cacheKey: string }>;
}
const golden = JSON.parse(readFileSync(join(root, "conformance/golden-child-names/child-names.json"), "utf8")) as Golden;

// The same inputs as INPUT_CASES in child_names.py, declared with zod.
const inputCases: Record<string, { inputs?: z.ZodObject; values: Record<string, unknown> }> = {
  int_7: { inputs: z.object({ n: z.int() }), values: { n: 7 } },
  int_100: { inputs: z.object({ n: z.int() }), values: { n: 100 } },
  two_ints_default: { inputs: z.object({ a: z.int(), b: z.int().default(1) }), values: { a: 41 } },
  two_ints_given: { inputs: z.object({ a: z.int(), b: z.int().default(1) }), values: { a: 41, b: 1 } },
  scalars: { inputs: z.object({ s: z.string(), f: z.number(), flag: z.boolean() }), values: { s: "héllo ✓", f: 2.5, flag: true } },
  list_int: { inputs: z.object({ xs: z.array(z.int()) }), values: { xs: [3, 1, 2] } },
  map_unsorted: { inputs: z.object({ m: z.record(z.string(), z.int()) }), values: { m: { b: 2, a: 1, c: 3 } } },
  map_sorted: { inputs: z.object({ m: z.record(z.string(), z.int()) }), values: { m: { a: 1, b: 2, c: 3 } } },
  nested: { inputs: z.object({ rows: z.array(z.record(z.string(), z.number())), label: z.string().nullable().default(null) }), values: { rows: [{ y: 1.5, x: -2 }, {}], label: "z" } },
  untyped_dict_unsorted: { inputs: z.object({ d: z.record(z.string(), z.unknown()) }), values: { d: { zeta: 1, alpha: [1, 2], mid: { b: true, a: null } } } },
  none: { values: {} },
};
const taskCases: Record<string, { inputs?: z.ZodObject; output?: z.ZodType }> = {
  square: { inputs: z.object({ n: z.int() }), output: z.int() },
  describe: { inputs: z.object({ rows: z.array(z.record(z.string(), z.number())), label: z.string().nullable().default(null) }), output: z.tuple([z.string(), z.int()]) },
  nothing: {},
};

const tsInputs = (id: string) => {
  const c = inputCases[id]!;
  const settings = settingsOf(c.inputs, undefined);
  return childInputs(settings, parseTaskInputs(settings, c.values));
};
const tsInterface = (id: string) => {
  const c = taskCases[id]!;
  return fromJson(TypedInterfaceSchema, typedInterfaceOf(settingsOf(c.inputs, c.output)) as never);
};

describe(`child action names match the Python SDK (flyte ${golden.provenance.sdk.flyte})`, () => {
  it("base36 of md5 digests and of edge values", () => {
    for (const v of golden.base36) {
      const bytes = v.bytesHex !== undefined ? unhex(v.bytesHex) : unhex(v.digestHex!);
      expect([v.md5Of ?? v.bytesHex, base36(bytes)]).toEqual([v.md5Of ?? v.bytesHex, v.base36]);
    }
  });

  it("H(x) is the base64 SHA-256 of the UTF-8 text", () => {
    for (const v of golden.hashData) expect(hashData(v.text)).toBe(v.hash);
  });

  it.each(Object.keys(golden.inputs))("inputs %s: the same literals and the same inputs hash", (id) => {
    const want = golden.inputs[id]!;
    const inputs = tsInputs(id);
    expect(inputs.literals.map((l) => ({ name: l.name, literalHex: hex(deterministicBytes(LiteralSchema, l.value!)) }))).toEqual(want.literals);
    expect(inputsHash(inputs.literals)).toBe(want.inputsHash);
    // The hash of the SDK's own literals too (repr rules on their bytes, independent of TS conversion).
    const theirs = want.literals.map((l) => create(NamedLiteralSchema, { name: l.name, value: fromBinary(LiteralSchema, unhex(l.literalHex)) }));
    expect(inputsHash(theirs)).toBe(want.inputsHash);
  });

  it("an unsorted map and an unsorted untyped dict hash as their sorted forms", () => {
    expect(golden.inputs.map_unsorted!.inputsHash).toBe(golden.inputs.map_sorted!.inputsHash);
    expect(inputsHash(tsInputs("untyped_dict_unsorted").literals)).toBe(golden.inputs.untyped_dict_unsorted!.inputsHash);
  });

  it.each(Object.keys(golden.tasks))("task %s: the same interface hash and task identity hash", (id) => {
    const want = golden.tasks[id]!;
    const iface = tsInterface(id);
    expect(interfaceHash(iface)).toBe(want.interfaceHash);
    // discovery_version is each SDK's own code hash: T is compared given the SDK's value.
    const template = { id: { name: want.templateName }, interface: iface, metadata: { discoveryVersion: want.discoveryVersion } };
    expect(taskIdentityHash(template as never)).toBe(want.taskHash);
  });

  it("child names for parents, inputs, call sequences and groups", () => {
    const computed = golden.names.map((n) => {
      const i = n.inputs !== undefined ? inputsHash(tsInputs(n.inputs).literals) : n.inputsHashLiteral!;
      const t = n.task !== undefined ? golden.tasks[n.task]!.taskHash : n.taskHashLiteral!;
      return childActionName({ parent: n.parent, inputsHash: i, taskHash: t, seq: n.seq, group: n.group ?? undefined });
    });
    expect(computed).toEqual(golden.names.map((n) => n.name));
    expect(new Set(computed).size).toBe(computed.length);
  });

  it("cache keys", () => {
    for (const k of golden.cacheKeys) {
      const key = cacheKey(inputsHash(tsInputs(k.inputs).literals), golden.tasks[k.task]!.templateName, tsInterface(k.task), k.cacheVersion);
      expect([k.inputs, k.task, k.cacheVersion, key]).toEqual([k.inputs, k.task, k.cacheVersion, k.cacheKey]);
    }
  });
});

describe("the controller contract's example vectors (§4)", () => {
  it("T, the names with and without a group, and int=100", () => {
    const t = hashData("my_env.child-IFACEHASH-v1");
    expect(t).toBe("8+/QQ9UJb9GC0vJ13AuHxfFNi+6E8+UelhuCetfrvYY=");
    expect(childActionName({ parent: "a0", inputsHash: "", taskHash: t, seq: 1 })).toBe("97fhk2szz2a17d95opoq9nvt0");
    expect(childActionName({ parent: "a0", inputsHash: "", taskHash: t, seq: 1, group: "my_group" })).toBe("3plrx1yc5h5fzfpbdwqj5upkf");
    const int100 = create(NamedLiteralSchema, { name: "int", value: { value: { case: "scalar", value: { value: { case: "primitive", value: { value: { case: "integer", value: 100n } } } } } } });
    expect(inputsHash([int100])).toBe("QQ0bB11CiHnSVT6lMP7B6iaZsTWu4OLRhkSGyHGyi8g=");
    expect(inputsHash([])).toBe("");
  });
});
