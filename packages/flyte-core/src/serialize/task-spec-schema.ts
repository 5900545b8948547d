// The part of the flyteidl2 `TaskSpec` schema that flyte-ts writes, as a table: field names (proto JSON),
// numbers, kinds and presence, in field-number order. The direct encoder (task-spec-wire.ts) walks it to
// write canonical proto JSON and binary without loading the generated descriptors or protobuf-es
// reflection. The facts come from the flyteidl2 descriptors (npm @flyteorg/flyteidl2, plus the three
// fields the npm schema lacks, see unknown-fields.ts); a test checks every entry against them.

export type FieldKind =
  | "string" | "bool" | "int32" | "uint32" | "double" | "enum"
  | "message" | "struct" | "duration" | "boolValue" | "strings" | "messages" | "stringMap";

export interface EnumSpec {
  readonly typeName: string;
  readonly numbers: Readonly<Record<string, number>>;
  readonly names: ReadonlyMap<number, string>;
}

/** Numbers of the field kinds, for the encoder's switch (a number compares faster than a string). */
export const KIND_CODES = {
  string: 0, bool: 1, int32: 2, uint32: 3, double: 4, enum: 5, message: 6, struct: 7, duration: 8, boolValue: 9, strings: 10, messages: 11, stringMap: 12,
} as const satisfies Record<FieldKind, number>;

export interface FieldSpec {
  /** The proto JSON name. */
  readonly name: string;
  readonly no: number;
  readonly kind: FieldKind;
  /** `KIND_CODES[kind]`. */
  readonly code: number;
  /** Explicit presence (messages, oneof members, proto3 optional): written even when zero. */
  readonly explicit: boolean;
  readonly enumType?: EnumSpec;
  readonly message?: () => MessageSpec;
  /** The message type of a message field, resolved once all types are defined (see the end of this file). */
  sub: MessageSpec | undefined;
  /** The encoder's cache of a repeated message field: the bytes of frozen lists of frozen items, field tags included. */
  readonly listBytes: WeakMap<object, Uint8Array> | undefined;
}

export interface MessageSpec {
  readonly typeName: string;
  /** In field-number order: the order protobuf-es writes binary and JSON. */
  readonly fields: readonly FieldSpec[];
  readonly byName: ReadonlyMap<string, FieldSpec>;
  /** The encoder's caches for frozen (shared, deep-frozen) values of this type. */
  readonly canonical: WeakMap<object, Record<string, unknown>>;
  readonly bytes: WeakMap<object, Uint8Array>;
}

const allMessages: MessageSpec[] = [];

function enumType(typeName: string, values: Record<string, number>): EnumSpec {
  return { typeName, numbers: values, names: new Map(Object.entries(values).map(([name, no]) => [no, name])) };
}

type FieldInit = [name: string, no: number, kind: FieldKind, options?: { explicit?: boolean; enumType?: EnumSpec; message?: () => MessageSpec }];

function message(typeName: string, init: FieldInit[]): MessageSpec {
  const fields = init
    .map(([name, no, kind, options = {}]): FieldSpec => ({
      name,
      no,
      kind,
      code: KIND_CODES[kind],
      // Singular message fields (and the well-known wrappers) always have explicit presence.
      explicit: options.explicit ?? ["message", "struct", "duration", "boolValue"].includes(kind),
      ...(options.enumType ? { enumType: options.enumType } : {}),
      ...(options.message ? { message: options.message } : {}),
      sub: undefined,
      listBytes: kind === "messages" ? new WeakMap() : undefined,
    }))
    .sort((a, b) => a.no - b.no);
  const spec: MessageSpec = {
    typeName, fields, byName: new Map(fields.map((f) => [f.name, f])), canonical: new WeakMap(), bytes: new WeakMap(),
  };
  allMessages.push(spec);
  return spec;
}

const ResourceType = enumType("flyteidl2.core.ResourceType", { UNSPECIFIED: 0, TASK: 1, WORKFLOW: 2, LAUNCH_PLAN: 3, DATASET: 4 });
const RuntimeType = enumType("flyteidl2.core.RuntimeMetadata.RuntimeType", { OTHER: 0, FLYTE_SDK: 1 });
const SimpleType = enumType("flyteidl2.core.SimpleType", {
  NONE: 0, INTEGER: 1, FLOAT: 2, STRING: 3, BOOLEAN: 4, DATETIME: 5, DURATION: 6, BINARY: 7, ERROR: 8, STRUCT: 9,
});
const ResourceName = enumType("flyteidl2.core.Resources.ResourceName", { UNKNOWN: 0, CPU: 1, GPU: 2, MEMORY: 3, STORAGE: 4, EPHEMERAL_STORAGE: 5 });
const MountType = enumType("flyteidl2.core.Secret.MountType", { ANY: 0, ENV_VAR: 1, FILE: 2 });
const DeviceClass = enumType("flyteidl2.core.GPUAccelerator.DeviceClass", { NVIDIA_GPU: 0, GOOGLE_TPU: 1, AMAZON_NEURON: 2, AMD_GPU: 3, HABANA_GAUDI: 4 });
// flyteidl2.core.ReusePolicy.Scope in the 2.0.51 descriptors (not in the npm schema; see unknown-fields.ts).
const ReuseScope = enumType("flyteidl2.core.ReusePolicy.Scope", { SCOPE_UNSPECIFIED: 0, RUN: 1 });

export const IdentifierSpec = message("flyteidl2.core.Identifier", [
  ["resourceType", 1, "enum", { enumType: ResourceType }],
  ["project", 2, "string"],
  ["domain", 3, "string"],
  ["name", 4, "string"],
  ["version", 5, "string"],
  ["org", 6, "string"],
]);

export const RuntimeMetadataSpec = message("flyteidl2.core.RuntimeMetadata", [
  ["type", 1, "enum", { enumType: RuntimeType }],
  ["version", 2, "string"],
  ["flavor", 3, "string"],
]);

const BackoffSpec = message("flyteidl2.core.Backoff", [
  ["base", 1, "duration"],
  ["factor", 2, "double", { explicit: true }],
  ["cap", 3, "duration"],
]);

const RetryStrategySpec = message("flyteidl2.core.RetryStrategy", [
  ["retries", 5, "uint32"],
  ["backoff", 6, "message", { message: () => BackoffSpec }],
]);

const TimeoutStrategySpec = message("flyteidl2.core.TimeoutStrategy", [
  ["queuedTimeout", 1, "duration"],
  ["deadline", 2, "duration"],
]);

const TaskMetadataSpec = message("flyteidl2.core.TaskMetadata", [
  ["discoverable", 1, "bool"],
  ["runtime", 2, "message", { message: () => RuntimeMetadataSpec }],
  ["timeout", 4, "duration"],
  ["retries", 5, "message", { message: () => RetryStrategySpec }],
  ["discoveryVersion", 6, "string"],
  ["interruptible", 8, "bool", { explicit: true }],
  ["cacheSerializable", 9, "bool"],
  ["podTemplateName", 12, "string"],
  ["cacheIgnoreInputVars", 13, "strings"],
  ["generatesDeck", 15, "boolValue"],
  ["debuggable", 17, "bool"],
  ["isEntrypoint", 20, "bool"],
  ["codeBundleUri", 21, "string"],
  ["timeouts", 22, "message", { message: () => TimeoutStrategySpec }],
  // Unknown to the npm schema (written as unknown fields, after the known ones).
  ["producesArtifacts", 23, "bool"],
  ["cacheMaxAge", 24, "duration"],
]);

const TypeStructureSpec = message("flyteidl2.core.TypeStructure", [["tag", 1, "string"]]);
const TypeAnnotationSpec = message("flyteidl2.core.TypeAnnotation", [["annotations", 1, "struct"]]);
const EnumTypeSpec = message("flyteidl2.core.EnumType", [["values", 1, "strings"]]);
const UnionTypeSpec: MessageSpec = message("flyteidl2.core.UnionType", [["variants", 1, "messages", { message: () => LiteralTypeSpec }]]);

export const LiteralTypeSpec: MessageSpec = message("flyteidl2.core.LiteralType", [
  ["simple", 1, "enum", { enumType: SimpleType, explicit: true }],
  ["collectionType", 3, "message", { message: () => LiteralTypeSpec }],
  ["mapValueType", 4, "message", { message: () => LiteralTypeSpec }],
  ["metadata", 6, "struct"],
  ["enumType", 7, "message", { message: () => EnumTypeSpec }],
  ["annotation", 9, "message", { message: () => TypeAnnotationSpec }],
  ["unionType", 10, "message", { message: () => UnionTypeSpec }],
  ["structure", 11, "message", { message: () => TypeStructureSpec }],
]);

const VariableSpec = message("flyteidl2.core.Variable", [
  ["type", 1, "message", { message: () => LiteralTypeSpec }],
  ["description", 2, "string"],
]);
const VariableEntrySpec = message("flyteidl2.core.VariableEntry", [
  ["key", 1, "string"],
  ["value", 2, "message", { message: () => VariableSpec }],
]);
const VariableMapSpec = message("flyteidl2.core.VariableMap", [["variables", 1, "messages", { message: () => VariableEntrySpec }]]);
export const TypedInterfaceSpec = message("flyteidl2.core.TypedInterface", [
  ["inputs", 1, "message", { message: () => VariableMapSpec }],
  ["outputs", 2, "message", { message: () => VariableMapSpec }],
]);

const ResourceEntrySpec = message("flyteidl2.core.Resources.ResourceEntry", [
  ["name", 1, "enum", { enumType: ResourceName }],
  ["value", 2, "string"],
]);
export const ResourcesSpec = message("flyteidl2.core.Resources", [
  ["requests", 1, "messages", { message: () => ResourceEntrySpec }],
  ["limits", 2, "messages", { message: () => ResourceEntrySpec }],
]);
const KeyValuePairSpec = message("flyteidl2.core.KeyValuePair", [
  ["key", 1, "string"],
  ["value", 2, "string"],
]);
export const ContainerSpec = message("flyteidl2.core.Container", [
  ["image", 1, "string"],
  ["command", 2, "strings"],
  ["args", 3, "strings"],
  ["resources", 4, "message", { message: () => ResourcesSpec }],
  ["env", 5, "messages", { message: () => KeyValuePairSpec }],
]);

export const K8sObjectMetadataSpec = message("flyteidl2.core.K8sObjectMetadata", [
  ["labels", 1, "stringMap"],
  ["annotations", 2, "stringMap"],
]);
const K8sPodSpec = message("flyteidl2.core.K8sPod", [
  ["metadata", 1, "message", { message: () => K8sObjectMetadataSpec }],
  ["podSpec", 2, "struct"],
  ["primaryContainerName", 4, "string"],
]);

const IdentitySpec = message("flyteidl2.core.Identity", [
  ["iamRole", 1, "string"],
  ["k8sServiceAccount", 2, "string"],
  ["executionIdentity", 4, "string"],
]);
const SecretSpec = message("flyteidl2.core.Secret", [
  ["group", 1, "string"],
  ["groupVersion", 2, "string"],
  ["key", 3, "string"],
  ["mountRequirement", 4, "enum", { enumType: MountType }],
  ["envVar", 5, "string"],
]);
export const SecurityContextSpec = message("flyteidl2.core.SecurityContext", [
  ["runAs", 1, "message", { message: () => IdentitySpec }],
  ["secrets", 2, "messages", { message: () => SecretSpec }],
]);

const GPUAcceleratorSpec = message("flyteidl2.core.GPUAccelerator", [
  ["device", 1, "string"],
  ["unpartitioned", 2, "bool", { explicit: true }],
  ["partitionSize", 3, "string", { explicit: true }],
  ["deviceClass", 4, "enum", { enumType: DeviceClass }],
]);
const SharedMemorySpec = message("flyteidl2.core.SharedMemory", [
  ["mountPath", 1, "string"],
  ["mountName", 2, "string"],
  ["sizeLimit", 3, "string"],
]);
export const ExtendedResourcesSpec = message("flyteidl2.core.ExtendedResources", [
  ["gpuAccelerator", 1, "message", { message: () => GPUAcceleratorSpec }],
  ["sharedMemory", 2, "message", { message: () => SharedMemorySpec }],
]);

// Not in the npm schema: flyteidl2.core.ReusePolicy, TaskTemplate field 19 (see unknown-fields.ts).
export const ReusePolicySpec = message("flyteidl2.core.ReusePolicy", [
  ["minReplicas", 1, "int32"],
  ["maxReplicas", 2, "int32"],
  ["concurrency", 3, "int32"],
  ["idleTtl", 4, "duration"],
  ["scaledownTtl", 5, "duration"],
  ["scope", 6, "enum", { enumType: ReuseScope }],
]);

export const TaskTemplateSpec = message("flyteidl2.core.TaskTemplate", [
  ["id", 1, "message", { message: () => IdentifierSpec }],
  ["type", 2, "string"],
  ["metadata", 3, "message", { message: () => TaskMetadataSpec }],
  ["interface", 4, "message", { message: () => TypedInterfaceSpec }],
  ["custom", 5, "struct"],
  ["container", 6, "message", { message: () => ContainerSpec }],
  ["taskTypeVersion", 7, "int32"],
  ["securityContext", 8, "message", { message: () => SecurityContextSpec }],
  ["extendedResources", 9, "message", { message: () => ExtendedResourcesSpec }],
  ["config", 16, "stringMap"],
  ["k8sPod", 17, "message", { message: () => K8sPodSpec }],
  ["reusePolicy", 19, "message", { message: () => ReusePolicySpec }],
]);

const EnvironmentSpec = message("flyteidl2.task.Environment", [
  ["name", 1, "string"],
  ["description", 2, "string"],
]);
const DocumentationEntitySpec = message("flyteidl2.task.DocumentationEntity", [
  ["shortDescription", 1, "string"],
  ["longDescription", 2, "string"],
]);

export const TaskSpecSpec = message("flyteidl2.task.TaskSpec", [
  ["taskTemplate", 1, "message", { message: () => TaskTemplateSpec }],
  ["shortName", 3, "string"],
  ["environment", 4, "message", { message: () => EnvironmentSpec }],
  ["documentation", 5, "message", { message: () => DocumentationEntitySpec }],
]);

/** The fields written as unknown fields (numbers the npm flyteidl2 schema lacks), by message type name. */
export const UNKNOWN_TO_NPM_SCHEMA: Readonly<Record<string, readonly number[]>> = {
  "flyteidl2.core.TaskTemplate": [19],
  "flyteidl2.core.TaskMetadata": [23, 24],
};

for (const spec of allMessages) for (const field of spec.fields) field.sub = field.message?.();
