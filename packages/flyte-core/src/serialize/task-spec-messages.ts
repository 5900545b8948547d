// The protobuf-es side of the TaskSpec API: messages from and to proto JSON and binary, with the generated
// flyteidl2 descriptors. It is loaded on first use (see load-task-spec-messages.ts): declaring tasks and
// encoding them (encodeTask) need none of it.
import { fromBinary, fromJson, toBinary, toJson, type JsonObject as ProtoJsonObject } from "@bufbuild/protobuf";
import { FlyteTsError } from "../errors.ts";
import { type TaskSpec, TaskSpecSchema } from "../gen/flyteidl2/task/task_definition_pb.ts";
import type { TaskSpecJson } from "./task-spec-json.ts";
import {
  TASK_METADATA_CACHE_MAX_AGE_FIELD, TASK_METADATA_PRODUCES_ARTIFACTS_FIELD, TASK_TEMPLATE_REUSE_POLICY_FIELD,
  cacheMaxAgeField, producesArtifactsField, readBool, readCacheMaxAge, readReusePolicy, reusePolicyField,
} from "./unknown-fields.ts";

export { TaskSpecSchema };

export function taskSpecToJson(spec: TaskSpec): TaskSpecJson {
  const json = toJson(TaskSpecSchema, spec) as TaskSpecJson;
  const template = spec.taskTemplate;
  const tplJson = json.taskTemplate as Record<string, unknown> | undefined;
  if (template && tplJson) {
    const reuse = template.$unknown?.find((f) => f.no === TASK_TEMPLATE_REUSE_POLICY_FIELD);
    if (reuse) tplJson.reusePolicy = readReusePolicy(reuse);
    const produces = template.metadata?.$unknown?.find((f) => f.no === TASK_METADATA_PRODUCES_ARTIFACTS_FIELD);
    if (produces && readBool(produces)) (tplJson.metadata as Record<string, unknown>).producesArtifacts = true;
    const maxAge = template.metadata?.$unknown?.find((f) => f.no === TASK_METADATA_CACHE_MAX_AGE_FIELD);
    if (maxAge) (tplJson.metadata as Record<string, unknown>).cacheMaxAge = readCacheMaxAge(maxAge);
  }
  return json;
}

export function taskSpecFromJson(json: TaskSpecJson): TaskSpec {
  // Shallow copies: only the keys the npm schema lacks are taken out, without touching the input.
  const copy = { ...json } as Record<string, any>;
  const source = json.taskTemplate as Record<string, any> | undefined;
  const reusePolicy = source?.reusePolicy;
  const producesArtifacts = source?.metadata?.producesArtifacts;
  const cacheMaxAge = source?.metadata?.cacheMaxAge;
  if (source) {
    const { reusePolicy: _r, ...template } = source;
    if (template.metadata) {
      const { producesArtifacts: _p, cacheMaxAge: _c, ...metadata } = template.metadata;
      template.metadata = metadata;
    }
    copy.taskTemplate = template;
  }
  let spec: TaskSpec;
  try {
    spec = fromJson(TaskSpecSchema, copy as ProtoJsonObject);
  } catch (err) {
    throw new FlyteTsError("SERIALIZATION", `not a valid flyteidl2.task.TaskSpec: ${(err as Error).message}`, { cause: err });
  }
  if (spec.taskTemplate && reusePolicy) {
    spec.taskTemplate.$unknown = [...(spec.taskTemplate.$unknown ?? []), reusePolicyField(reusePolicy)];
  }
  if (spec.taskTemplate?.metadata && producesArtifacts === true) {
    spec.taskTemplate.metadata.$unknown = [...(spec.taskTemplate.metadata.$unknown ?? []), producesArtifactsField(true)];
  }
  if (spec.taskTemplate?.metadata && typeof cacheMaxAge === "string") {
    spec.taskTemplate.metadata.$unknown = [...(spec.taskTemplate.metadata.$unknown ?? []), cacheMaxAgeField(cacheMaxAge)];
  }
  return spec;
}

export function taskSpecToBinary(spec: TaskSpec): Uint8Array {
  return toBinary(TaskSpecSchema, spec);
}

export function taskSpecFromBinary(bytes: Uint8Array): TaskSpec {
  return fromBinary(TaskSpecSchema, bytes);
}
