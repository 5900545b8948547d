import { formatProtoDuration } from "../config/duration.ts";
import { FlyteTsError } from "../errors.ts";
import type { FieldSpec, MessageSpec } from "./task-spec-schema.ts";
import { BIT64, LENGTH_DELIMITED, VARINT, WireWriter } from "./wire-writer.ts";

// Proto JSON and binary of the messages in task-spec-schema.ts, without protobuf-es reflection:
// - canonicalJson() gives what protobuf-es `toJson(fromJson(value))` gives: fields in number order, zero
//   values of implicit-presence fields left out, enum numbers as names, durations in canonical form;
// - writeMessage() writes the binary that protobuf-es `toBinary(fromJson(value))` writes.
// Frozen inputs are deep-frozen parts shared between tasks (an environment's resources, pod template,
// plugin config, an interface): their canonical JSON and their bytes are computed once and reused.

type Json = Record<string, unknown>;

function internal(message: string): FlyteTsError {
  return new FlyteTsError("SERIALIZATION", `internal: ${message}`);
}

// Bodies of google.protobuf.Struct (objects) and ListValue (arrays), for frozen values.
const jsonBodyCache = new WeakMap<object, Uint8Array>();

// A task's container arguments start with those of its serialization context (a frozen list): the encoded
// bytes of that prefix are kept per list and form (a repeated string field's number, or 0 for ListValue items).
const PREFIX = Symbol("flyte-ts.stringsPrefix");
const prefixBytes = new WeakMap<readonly string[], Map<number, Uint8Array>>();

/** `prefix` followed by `rest`, as a new list that carries its (frozen) prefix for the encoder. */
export function withPrefix(prefix: readonly string[], rest: readonly string[]): string[] {
  const list = rest.length === 0 ? [...prefix] : [...prefix, ...rest];
  // A symbol key: left out by JSON.stringify, Object.keys and spreading, so the list stays plain JSON.
  (list as { [PREFIX]?: readonly string[] })[PREFIX] = prefix;
  return list;
}

const prefixOnlyLists = new WeakMap<readonly string[], readonly string[]>();

/**
 * {@link withPrefix} without arguments of the task's own: one frozen list per prefix, shared by the tasks
 * (so the container or pod spec holding it can be cached whole).
 */
export function prefixOnly(prefix: readonly string[]): readonly string[] {
  let list = prefixOnlyLists.get(prefix);
  if (!list) prefixOnlyLists.set(prefix, (list = Object.freeze(withPrefix(prefix, []))));
  return list;
}

function writePrefix(w: WireWriter, prefix: readonly string[], field: number): void {
  let forms = prefixBytes.get(prefix);
  if (!forms) prefixBytes.set(prefix, (forms = new Map()));
  const hit = forms.get(field);
  if (hit) {
    w.raw(hit);
    return;
  }
  const start = w.pos;
  for (const item of prefix) {
    if (field === 0) {
      w.tag(1, LENGTH_DELIMITED);
      w.fork();
      writeValue(w, item, true);
      w.join();
    } else {
      w.tag(field, LENGTH_DELIMITED);
      w.string(item);
    }
  }
  forms.set(field, w.keep(start));
}

/** Seconds and nanos of a proto JSON duration ("3600s", "1.500s", "-0.250s"), as protobuf-es reads it. */
function parseDuration(text: unknown): { seconds: number; nanos: number } {
  const m = typeof text === "string" ? /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(text) : null;
  if (!m) throw internal(`not a protobuf duration: ${String(text)}`);
  const negative = m[1] === "-";
  const whole = Number(m[2]);
  const nanos = m[3] ? Number(m[3].padEnd(9, "0")) : 0;
  return { seconds: negative ? -whole : whole, nanos: negative ? -nanos : nanos };
}

function formatDuration({ seconds, nanos }: { seconds: number; nanos: number }): string {
  const sign = seconds < 0 || nanos < 0 ? "-" : "";
  const whole = Math.abs(seconds);
  if (nanos === 0) return `${sign}${whole}s`;
  let frac = String(Math.abs(nanos)).padStart(9, "0");
  if (frac.endsWith("000000")) frac = frac.slice(0, 3);
  else if (frac.endsWith("000")) frac = frac.slice(0, 6);
  return `${sign}${whole}.${frac}s`;
}

function enumNumber(field: FieldSpec, value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  const n = typeof value === "string" ? field.enumType!.numbers[value] : undefined;
  if (n === undefined) throw internal(`${String(value)} is not a ${field.enumType!.typeName}`);
  return n;
}

function isZero(field: FieldSpec, value: unknown): boolean {
  switch (field.kind) {
    case "string": return value === "";
    case "bool": return value === false;
    case "int32": case "uint32": return value === 0;
    case "double": return Object.is(value, 0);
    case "enum": return enumNumber(field, value) === 0;
    case "strings": case "messages": return (value as unknown[]).length === 0;
    case "stringMap": return Object.keys(value as object).length === 0;
    default: return false;
  }
}

/**
 * Canonical proto JSON of `value` (proto JSON of the message `spec`). That of a frozen value is kept (`keep`),
 * not that of its parts: a part is only ever asked for through its whole.
 */
export function canonicalJson(spec: MessageSpec, value: Json, keep = true): Json {
  const frozen = Object.isFrozen(value);
  if (frozen && keep) {
    const hit = spec.canonical.get(value);
    if (hit) return hit;
  }
  for (const key in value) {
    if (!spec.byName.has(key) && value[key] !== undefined) throw internal(`${spec.typeName} has no field ${key}`);
  }
  const out: Json = {};
  for (const field of spec.fields) {
    const v = value[field.name];
    if (v === undefined || v === null) continue;
    if (!field.explicit && isZero(field, v)) continue;
    switch (field.kind) {
      case "enum": {
        const n = enumNumber(field, v);
        out[field.name] = field.enumType!.names.get(n) ?? n;
        break;
      }
      case "message":
        out[field.name] = canonicalJson(field.sub!, v as Json, false);
        break;
      case "messages":
        out[field.name] = canonicalList(field.sub!, v as Json[]);
        break;
      case "duration":
        out[field.name] = canonicalDuration(v as string);
        break;
      default:
        out[field.name] = v;
    }
  }
  if (frozen) {
    Object.freeze(out);
    if (keep) spec.canonical.set(value, out);
  }
  return out;
}

function canonicalList(spec: MessageSpec, items: readonly Json[]): readonly Json[] {
  const out = items.map((item) => canonicalJson(spec, item, false));
  return Object.isFrozen(items) ? Object.freeze(out) : out;
}

// Durations repeat (an environment's retries and timeouts): their canonical text and binary body are kept,
// up to a bound.
const durationTexts = new Map<string, string>();
const durationBodies = new Map<string, Uint8Array>();
const durationBodiesBySeconds = new Map<number, Uint8Array>();
const DURATION_CACHE_SIZE = 4096;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= DURATION_CACHE_SIZE) cache.clear();
  cache.set(key, value);
  return value;
}

/** A proto JSON duration as protobuf-es writes it back ("1.5s" is "1.500s"). */
export function canonicalDuration(text: string): string {
  return durationTexts.get(text) ?? remember(durationTexts, text, formatDuration(parseDuration(text)));
}

/** The body of a binary google.protobuf.Duration for a number of seconds, as its proto JSON text reads back. */
export function durationBodyOfSeconds(seconds: number): Uint8Array {
  return durationBodiesBySeconds.get(seconds) ?? remember(durationBodiesBySeconds, seconds, durationBody(formatProtoDuration(seconds)));
}

/** The body of a binary google.protobuf.Duration for its proto JSON text, kept per text. */
export function durationBody(text: string): Uint8Array {
  let body = durationBodies.get(text);
  if (!body) {
    const { seconds, nanos } = parseDuration(text);
    const w = new WireWriter(32);
    if (seconds !== 0) {
      w.tag(1, VARINT);
      w.int64(seconds);
    }
    if (nanos !== 0) {
      w.tag(2, VARINT);
      w.int32(nanos);
    }
    body = remember(durationBodies, text, w.keep(0));
  }
  return body;
}

/** Writes the binary of a canonical proto JSON message (from {@link canonicalJson}). */
export function writeMessage(w: WireWriter, spec: MessageSpec, value: Json, cached = false): void {
  for (const field of spec.fields) {
    const v = value[field.name];
    if (v === undefined) continue;
    const no = field.no;
    switch (field.code) {
      case 0: // string
        w.tag(no, LENGTH_DELIMITED);
        w.string(v as string);
        break;
      case 1: // bool
        w.tag(no, VARINT);
        w.bool(v as boolean);
        break;
      case 2: // int32
        w.tag(no, VARINT);
        w.int32(v as number);
        break;
      case 3: // uint32
        w.tag(no, VARINT);
        w.uint32(v as number);
        break;
      case 4: // double
        w.tag(no, BIT64);
        w.double(v as number);
        break;
      case 5: // enum
        w.tag(no, VARINT);
        w.int32(enumNumber(field, v));
        break;
      case 6: // message
        writeMessageField(w, no, field.sub!, v as Json, cached);
        break;
      case 11: // messages
        if (!cached && Object.isFrozen(v)) writeFrozenList(w, field, v as readonly Json[]);
        else for (const item of v as Json[]) writeMessageField(w, no, field.sub!, item, cached);
        break;
      case 10: { // strings
        const items = v as string[];
        const prefix = (items as { [PREFIX]?: readonly string[] })[PREFIX];
        if (prefix) writePrefix(w, prefix, no);
        for (let i = prefix ? prefix.length : 0; i < items.length; i++) {
          w.tag(no, LENGTH_DELIMITED);
          w.string(items[i]!);
        }
        break;
      }
      case 12: { // stringMap
        const map = v as Record<string, string>;
        for (const key of Object.keys(map)) {
          w.tag(no, LENGTH_DELIMITED);
          w.fork();
          w.tag(1, LENGTH_DELIMITED);
          w.string(key);
          w.tag(2, LENGTH_DELIMITED);
          w.string(map[key]!);
          w.join();
        }
        break;
      }
      case 7: // struct
        w.tag(no, LENGTH_DELIMITED);
        writeJsonBody(w, v as object, cached);
        break;
      case 8: // duration
        w.tag(no, LENGTH_DELIMITED);
        w.bytes(durationBody(v as string));
        break;
      case 9: // boolValue
        w.tag(no, LENGTH_DELIMITED);
        w.fork();
        if (v === true) {
          w.tag(1, VARINT);
          w.bool(true);
        }
        w.join();
        break;
    }
  }
}

/**
 * A message field. The bytes of a frozen value are kept, unless it is part of a value whose bytes are kept
 * (`cached`): those of its parts would never be asked for again.
 */
export function writeMessageField(w: WireWriter, no: number, spec: MessageSpec, value: Json, cached: boolean): void {
  w.tag(no, LENGTH_DELIMITED);
  if (cached || !Object.isFrozen(value)) {
    w.fork();
    writeMessage(w, spec, value, cached);
    w.join();
    return;
  }
  const hit = spec.bytes.get(value);
  if (hit) {
    w.bytes(hit);
    return;
  }
  w.fork();
  const start = w.pos;
  writeMessage(w, spec, value, true);
  spec.bytes.set(value, w.keep(start));
  w.join();
}

/**
 * The items of a repeated message field. A frozen list of frozen items (an environment's env vars, resource
 * entries, secrets) is written once and its bytes kept: one lookup instead of one per item.
 */
function writeFrozenList(w: WireWriter, field: FieldSpec, items: readonly Json[]): void {
  const hit = field.listBytes!.get(items);
  if (hit) {
    w.raw(hit);
    return;
  }
  let frozen = true;
  for (const item of items) if (!Object.isFrozen(item)) frozen = false;
  const start = w.pos;
  for (const item of items) writeMessageField(w, field.no, field.sub!, item, frozen);
  if (frozen) field.listBytes!.set(items, w.keep(start));
}

/**
 * The length-prefixed body of a google.protobuf.Struct (a JSON object) or ListValue (an array), the
 * message protobuf-es makes of a JSON object or array: map entries in key order, list items in order.
 */
function writeJsonBody(w: WireWriter, value: object, cached: boolean): void {
  const keep = !cached && Object.isFrozen(value);
  if (keep) {
    const hit = jsonBodyCache.get(value);
    if (hit) {
      w.bytes(hit);
      return;
    }
  }
  w.fork();
  const start = w.pos;
  const inner = cached || keep;
  if (Array.isArray(value)) {
    const prefix = (value as { [PREFIX]?: readonly string[] })[PREFIX];
    if (prefix) writePrefix(w, prefix, 0);
    for (let i = prefix ? prefix.length : 0; i < value.length; i++) {
      w.tag(1, LENGTH_DELIMITED);
      w.fork();
      writeValue(w, value[i], inner);
      w.join();
    }
  } else {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      w.tag(1, LENGTH_DELIMITED);
      w.fork();
      w.tag(1, LENGTH_DELIMITED);
      w.string(key);
      w.tag(2, LENGTH_DELIMITED);
      w.fork();
      writeValue(w, object[key], inner);
      w.join();
      w.join();
    }
  }
  if (keep) jsonBodyCache.set(value, w.keep(start));
  w.join();
}

/** The fields of a google.protobuf.Value. */
function writeValue(w: WireWriter, value: unknown, cached: boolean): void {
  switch (typeof value) {
    case "string":
      w.tag(3, LENGTH_DELIMITED);
      w.string(value);
      return;
    case "number":
      w.tag(2, BIT64);
      w.double(value);
      return;
    case "boolean":
      w.tag(4, VARINT);
      w.bool(value);
      return;
    case "object":
      if (value === null) {
        w.tag(1, VARINT);
        w.int32(0);
      } else {
        w.tag(Array.isArray(value) ? 6 : 5, LENGTH_DELIMITED);
        writeJsonBody(w, value, cached);
      }
      return;
    default:
      throw internal(`a ${typeof value} is not a JSON value`);
  }
}
