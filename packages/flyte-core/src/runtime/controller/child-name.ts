// Deterministic names of child actions (controller contract §4), the reference SDK's rules, so that a
// retried parent computes the same names and finds the children it already started:
//   name = base36(md5("<parent>-<inputsHash>-<taskHash>-<seq>[-<group>]"))
// with H(x) = standard padded base64 of sha256(x) for the hashes.
import { createHash } from "node:crypto";
import { type DescMessage, type MessageShape, clone, toBinary } from "@bufbuild/protobuf";
import { type Literal, LiteralSchema } from "../../gen/flyteidl2/core/literals_pb.ts";
import { type TypedInterface, TypedInterfaceSchema } from "../../gen/flyteidl2/core/interface_pb.ts";
import type { TaskTemplate } from "../../gen/flyteidl2/core/tasks_pb.ts";
import type { NamedLiteral } from "../../gen/flyteidl2/task/common_pb.ts";
import { type MsgpackValue, decodeMsgpack, encodeMsgpack } from "../msgpack.ts";

const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";

/** Big-endian unsigned integer of the bytes in base 36, no padding ("0" for zero). */
export function base36(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  if (n === 0n) return "0";
  let out = "";
  while (n > 0n) {
    out = BASE36[Number(n % 36n)]! + out;
    n /= 36n;
  }
  return out;
}

/** H(x): standard padded base64 of the SHA-256 of x (UTF-8 for a string). */
export function hashData(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("base64");
}

/**
 * Protobuf bytes as a deterministic serializer writes them: fields by number (as protobuf-es already
 * does) and map entries sorted by key. (Keys that look like array indices keep JS's numeric order.)
 */
export function deterministicBytes<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>): Uint8Array {
  const copy = clone(schema, message);
  sortMaps(schema, copy as unknown as Record<string, unknown>);
  return toBinary(schema, copy);
}

function sortMaps(desc: DescMessage, msg: Record<string, unknown>): void {
  for (const field of desc.fields) {
    let value: unknown;
    if (field.oneof) {
      const holder = msg[field.oneof.localName] as { case?: string; value?: unknown } | undefined;
      if (holder?.case !== field.localName) continue;
      value = holder.value;
    } else {
      value = msg[field.localName];
    }
    if (value === undefined || value === null) continue;
    if (field.fieldKind === "message") sortMaps(field.message, value as Record<string, unknown>);
    else if (field.fieldKind === "list" && field.listKind === "message") for (const item of value as Record<string, unknown>[]) sortMaps(field.message, item);
    else if (field.fieldKind === "map") {
      const entries = value as Record<string, unknown>;
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(entries).sort()) {
        sorted[key] = entries[key];
        if (field.mapKind === "message") sortMaps(field.message, entries[key] as Record<string, unknown>);
      }
      msg[field.localName] = sorted;
    }
  }
}

const utf8 = (text: string) => Buffer.from(text, "utf8");

/** The bytes of one literal that go into the inputs hash: its own hash when set, else its deterministic bytes. */
export function literalRepr(literal: Literal): Uint8Array {
  if (literal.hash) return utf8(literal.hash);
  const value = literal.value;
  if (value.case === "collection") {
    return Buffer.concat(value.value.literals.map((l) => (l.hash ? utf8(l.hash) : literalRepr(l))));
  }
  if (value.case === "map") {
    const keys = Object.keys(value.value.literals).sort();
    return Buffer.concat(keys.flatMap((k) => {
      const l = value.value.literals[k]!;
      return [utf8(k), l.hash ? utf8(l.hash) : literalRepr(l)];
    }));
  }
  if (value.case === "scalar" && value.value.value.case === "binary" && value.value.value.value.tag === "msgpack") {
    // msgpack maps keep insertion order: re-encode with sorted keys so equal dicts hash the same.
    const canonical = canonicalMsgpack(value.value.value.value.value);
    if (canonical) {
      const copy = clone(LiteralSchema, literal);
      (copy.value as { value: { value: { value: { value: Uint8Array } } } }).value.value.value.value = canonical;
      return deterministicBytes(LiteralSchema, copy);
    }
  }
  return deterministicBytes(LiteralSchema, literal);
}

function canonicalMsgpack(bytes: Uint8Array): Uint8Array | undefined {
  try {
    return encodeMsgpack(sortKeys(decodeMsgpack(bytes)) as MsgpackValue);
  } catch {
    return undefined;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Map) {
    // Sorted by their msgpack encoding, as the reference sorts keys of mixed types.
    const entries = [...value.entries()].map(([k, v]) => [k, sortKeys(v), Buffer.from(encodeMsgpack(k as MsgpackValue))] as const);
    entries.sort((a, b) => Buffer.compare(a[2], b[2]));
    return new Map(entries.map(([k, v]) => [k, v]));
  }
  return value;
}

/** I: "" without literals, else H of `name:repr;` for each named literal in order. */
export function inputsHash(literals: readonly NamedLiteral[]): string {
  if (literals.length === 0) return "";
  return hashData(Buffer.concat(literals.flatMap((n) => [utf8(n.name), utf8(":"), literalRepr(n.value!), utf8(";")])));
}

/** H of the interface's deterministic bytes, variables sorted by name. */
export function interfaceHash(typed: TypedInterface | undefined): string {
  if (!typed) return "";
  const copy = clone(TypedInterfaceSchema, typed);
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  copy.inputs?.variables.sort(byKey);
  copy.outputs?.variables.sort(byKey);
  return hashData(deterministicBytes(TypedInterfaceSchema, copy));
}

/**
 * T: the task's run-independent identity, H("<template name>-<interface hash>-<discovery version>").
 * Image, bundle, resources and plugin config are left out, so an `override(…)` keeps the name.
 */
export function taskIdentityHash(template: TaskTemplate): string {
  return hashData(`${template.id?.name ?? ""}-${interfaceHash(template.interface)}-${template.metadata?.discoveryVersion ?? ""}`);
}

/** The child's name: base36(md5("<parent>-<I>-<T>-<seq>[-<group>]")). */
export function childActionName(parts: { parent: string; inputsHash: string; taskHash: string; seq: number; group?: string }): string {
  const components = `${parts.parent}-${parts.inputsHash}-${parts.taskHash}-${parts.seq}${parts.group ? `-${parts.group}` : ""}`;
  return base36(createHash("md5").update(components, "utf8").digest());
}

/** The cache key of a cacheable child: H(I + task name + interface hash + cache version). */
export function cacheKey(inputs: string, taskName: string, typed: TypedInterface | undefined, cacheVersion: string): string {
  return hashData(`${inputs}${taskName}${interfaceHash(typed)}${cacheVersion}`);
}
