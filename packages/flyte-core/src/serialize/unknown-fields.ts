import { BinaryReader, BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import type { ReusePolicyJson } from "../config/reuse-policy.ts";
import { formatProtoDuration } from "../config/duration.ts";

// npm @flyteorg/flyteidl2@2.0.16 lacks TaskTemplate.reuse_policy (field 19),
// TaskMetadata.produces_artifacts (field 23) and TaskMetadata.cache_max_age (field 24, a Duration; the
// numbers are those of the flyteidl2 2.0.51 descriptors the reference SDK uses), which the backend reads.
// They are written as unknown fields of those messages, so the binary form carries them and the JSON
// form gets them by name.
export const TASK_TEMPLATE_REUSE_POLICY_FIELD = 19;
export const TASK_METADATA_PRODUCES_ARTIFACTS_FIELD = 23;
export const TASK_METADATA_CACHE_MAX_AGE_FIELD = 24;

export interface UnknownField {
  no: number;
  wireType: WireType;
  data: Uint8Array;
}

function parseDuration(text: string): { seconds: bigint; nanos: number } {
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(text);
  if (!m) throw new Error(`not a protobuf duration: ${text}`);
  const sign = m[1] === "-" ? -1 : 1;
  const nanos = m[3] ? Number(m[3].padEnd(9, "0")) : 0;
  return { seconds: BigInt(sign) * BigInt(m[2]!), nanos: sign * nanos };
}

/** The body of a binary `google.protobuf.Duration` for its JSON text ("600s"). */
function durationBytes(text: string): Uint8Array {
  const { seconds, nanos } = parseDuration(text);
  const w = new BinaryWriter();
  if (seconds !== 0n) w.tag(1, WireType.Varint).int64(seconds);
  if (nanos !== 0) w.tag(2, WireType.Varint).int32(nanos);
  return w.finish();
}

function writeDuration(writer: BinaryWriter, field: number, text: string): void {
  writer.tag(field, WireType.LengthDelimited).bytes(durationBytes(text));
}

/** Binary `flyteidl2.core.ReusePolicy` as an unknown field of TaskTemplate. */
export function reusePolicyField(policy: ReusePolicyJson): UnknownField {
  const w = new BinaryWriter();
  if (policy.minReplicas) w.tag(1, WireType.Varint).int32(policy.minReplicas);
  if (policy.maxReplicas) w.tag(2, WireType.Varint).int32(policy.maxReplicas);
  if (policy.concurrency) w.tag(3, WireType.Varint).int32(policy.concurrency);
  writeDuration(w, 4, policy.idleTtl);
  writeDuration(w, 5, policy.scaledownTtl);
  if (policy.scope === "RUN") w.tag(6, WireType.Varint).int32(1);
  // Unknown length-delimited data keeps its length prefix (protobuf-es writes it back verbatim).
  return { no: TASK_TEMPLATE_REUSE_POLICY_FIELD, wireType: WireType.LengthDelimited, data: new BinaryWriter().bytes(w.finish()).finish() };
}

export function producesArtifactsField(value: boolean): UnknownField {
  return { no: TASK_METADATA_PRODUCES_ARTIFACTS_FIELD, wireType: WireType.Varint, data: new BinaryWriter().bool(value).finish() };
}

/** Binary `google.protobuf.Duration` ("3600s") as the unknown field `cache_max_age` of TaskMetadata. */
export function cacheMaxAgeField(duration: string): UnknownField {
  // Unknown length-delimited data keeps its length prefix (as in reusePolicyField).
  return { no: TASK_METADATA_CACHE_MAX_AGE_FIELD, wireType: WireType.LengthDelimited, data: new BinaryWriter().bytes(durationBytes(duration)).finish() };
}

/** The Duration JSON ("3600s") back from the `cache_max_age` unknown field. */
export function readCacheMaxAge(field: UnknownField): string {
  return readDuration(new BinaryReader(field.data).bytes());
}

function readDuration(bytes: Uint8Array): string {
  const r = new BinaryReader(bytes);
  let seconds = 0n;
  let nanos = 0;
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    if (no === 1) seconds = BigInt(r.int64());
    else if (no === 2) nanos = r.int32();
    else r.skip(wt);
  }
  return formatProtoDuration(Number(seconds) + nanos / 1e9);
}

/** ReusePolicy proto JSON back from the unknown field's bytes. */
export function readReusePolicy(field: UnknownField): ReusePolicyJson {
  const r = new BinaryReader(new BinaryReader(field.data).bytes());
  const out: Partial<ReusePolicyJson> = {};
  let idleTtl = "0s";
  let scaledownTtl = "0s";
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    if (no === 1) out.minReplicas = r.int32();
    else if (no === 2) out.maxReplicas = r.int32();
    else if (no === 3) out.concurrency = r.int32();
    else if (no === 4) idleTtl = readDuration(r.bytes());
    else if (no === 5) scaledownTtl = readDuration(r.bytes());
    else if (no === 6) { if (r.int32() === 1) out.scope = "RUN"; }
    else r.skip(wt);
  }
  const ordered: ReusePolicyJson = {
    ...(out.minReplicas ? { minReplicas: out.minReplicas } : {}),
    ...(out.maxReplicas ? { maxReplicas: out.maxReplicas } : {}),
    ...(out.concurrency ? { concurrency: out.concurrency } : {}),
    idleTtl,
    scaledownTtl,
    ...(out.scope ? { scope: out.scope } : {}),
  };
  return ordered;
}

export function readBool(field: UnknownField): boolean {
  return new BinaryReader(field.data).bool();
}
