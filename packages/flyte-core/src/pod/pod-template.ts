import { show } from "../util/show.ts";
import { checkOptionKeys, isValidated, markValidated } from "../util/validated.ts";
import type { V1PodSpec } from "@kubernetes/client-node";
import { ConfigError } from "../errors.ts";
import { IssueCollector, checkKnownKeys, isPlainObject } from "../util/issues.ts";
import { type JsonObject, toKubernetesJson } from "./kubernetes-json.ts";
import { checkKnownFields } from "./known-fields.ts";
import { deepFreeze } from "../util/deep-freeze.ts";

export const PRIMARY_CONTAINER_DEFAULT_NAME = "primary";
/** The `TaskTemplate.config` key that names the primary container of a pod task. */
export const PRIMARY_CONTAINER_NAME_FIELD = "primary_container_name";

/** A pod spec as Kubernetes JSON (camelCase keys). */
export type PodSpecJson = JsonObject & { containers: Array<JsonObject & { name: string }> };

/** Options of {@link PodTemplate}; any other key is refused. */
export interface PodTemplateOptions {
  /**
   * The pod spec: a `V1PodSpec` from @kubernetes/client-node or Kubernetes JSON, listing `containers`.
   * A template that only sets labels/annotations (or lists no containers) gets the task's primary
   * container added when serialized, as the reference does.
   *
   * Validation: an object with a `containers` list (empty allowed); every container has a name that is a
   * lower-case DNS label (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`), and names are unique; the whole spec is JSON
   * (plain objects, lists, strings, finite numbers, booleans; client-node models and Dates too), with no
   * cycle and at most 64 levels deep. As a task's pod template, a non-empty `containers` list must hold
   * the primary container.
   *
   * @defaultValue `{ containers: [] }`
   */
  podSpec?: V1PodSpec | Record<string, unknown>;
  /**
   * The container the task runs in.
   *
   * Validation: a lower-case DNS label (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`); {@link PodTemplate.fromSpec}
   * also requires it to name a container of the spec.
   *
   * @defaultValue `"primary"`
   */
  primaryContainerName?: string;
  /**
   * Labels of the pod.
   *
   * Validation: an object whose values are strings.
   *
   * @defaultValue `undefined`: no labels
   */
  labels?: Record<string, string>;
  /**
   * Annotations of the pod.
   *
   * Validation: an object whose values are strings.
   *
   * @defaultValue `undefined`: no annotations
   */
  annotations?: Record<string, string>;
}

/** Proto-JSON form of `flyteidl2.core.K8sPod`. */
export interface K8sPodJson {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  podSpec: PodSpecJson;
  primaryContainerName?: string;
}

const OPTION_KEYS = ["podSpec", "primaryContainerName", "labels", "annotations"] as const;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes pod spec plus the name of the container the task's code runs in. */
export class PodTemplate {
  readonly kind = "flyte.PodTemplate" as const;
  readonly podSpec: PodSpecJson;
  readonly primaryContainerName: string;
  readonly labels: Readonly<Record<string, string>> | undefined;
  readonly annotations: Readonly<Record<string, string>> | undefined;

  constructor(options: PodTemplateOptions) {
    const issues = new IssueCollector();
    if (!isPlainObject(options)) {
      throw new ConfigError("PodTemplate", [{ path: [], message: "expected an options object (podSpec, primaryContainerName, labels, annotations)" }]);
    }
    checkOptionKeys(issues, options, OPTION_KEYS, "flyte.PodTemplate");
    const name = options.primaryContainerName ?? PRIMARY_CONTAINER_DEFAULT_NAME;
    if (typeof name !== "string" || !DNS_LABEL.test(name)) {
      issues.add(["primaryContainerName"], `must be a Kubernetes container name (lower-case DNS label), got ${show(name)}`);
    }
    checkStringMap(issues, "labels", options.labels);
    checkStringMap(issues, "annotations", options.annotations);
    const spec = options.podSpec === undefined ? { containers: [] } : issues.nested(["podSpec"], () => toPodSpecJson(options.podSpec));
    issues.throwIfAny("PodTemplate");
    this.podSpec = deepFreeze(spec!);
    this.primaryContainerName = name;
    this.labels = options.labels && Object.keys(options.labels).length > 0 ? Object.freeze({ ...options.labels }) : undefined;
    this.annotations =
      options.annotations && Object.keys(options.annotations).length > 0 ? Object.freeze({ ...options.annotations }) : undefined;
    markValidated(Object.freeze(this));
  }

  /**
   * A template whose primary container is resolved from the spec: the given name (which must exist),
   * else a container named "primary", else the only container.
   */
  static fromSpec(
    podSpec: V1PodSpec | Record<string, unknown>,
    options: Omit<PodTemplateOptions, "podSpec"> = {},
  ): PodTemplate {
    const spec = toPodSpecJson(podSpec);
    const names = spec.containers.map((c) => c.name);
    let primary = options.primaryContainerName;
    if (primary !== undefined) {
      if (typeof primary !== "string" || !names.includes(primary)) {
        throw new ConfigError("PodTemplate", [
          { path: ["primaryContainerName"], message: `primary_container_name '${typeof primary === "string" ? primary : show(primary)}' not found in pod spec; available containers: ${JSON.stringify(names)}` },
        ]);
      }
    } else if (names.includes(PRIMARY_CONTAINER_DEFAULT_NAME)) {
      primary = PRIMARY_CONTAINER_DEFAULT_NAME;
    } else if (names.length === 1) {
      primary = names[0];
    } else {
      throw new ConfigError("PodTemplate", [
        { path: ["primaryContainerName"], message: `Cannot determine the primary container: the pod spec has containers ${JSON.stringify(names)} and none is named 'primary'. Pass primaryContainerName to pick one.` },
      ]);
    }
    return new PodTemplate({ ...options, podSpec: spec, primaryContainerName: primary });
  }

  /** The `K8sPod` wire form (proto JSON). `metadata` is always present, as in the reference. */
  toK8sPod(): K8sPodJson {
    const metadata: K8sPodJson["metadata"] = {};
    if (this.labels) metadata.labels = { ...this.labels };
    if (this.annotations) metadata.annotations = { ...this.annotations };
    return { metadata, podSpec: structuredClone(this.podSpec) as PodSpecJson, primaryContainerName: this.primaryContainerName };
  }
}

export function isPodTemplate(value: unknown): value is PodTemplate {
  return isValidated(value, "flyte.PodTemplate");
}

/** Kubernetes JSON for a pod spec, checking what the backend needs: a `containers` list of named containers. */
export function toPodSpecJson(podSpec: unknown): PodSpecJson {
  if (podSpec === null || typeof podSpec !== "object" || Array.isArray(podSpec)) {
    throw new ConfigError("pod spec", [{ path: [], message: "must be a V1PodSpec or a Kubernetes JSON object with containers" }]);
  }
  const spec = toKubernetesJson(podSpec, "V1PodSpec");
  const issues = new IssueCollector();
  checkKnownFields(issues, spec, "V1PodSpec", []);
  const containers = spec.containers;
  if (!Array.isArray(containers)) {
    issues.add(["containers"], "a pod spec must list its containers (an empty list is allowed)");
  } else {
    const seen = new Set<string>();
    containers.forEach((container, i) => {
      const name = isPlainObject(container) ? (container as Record<string, unknown>).name : undefined;
      if (typeof name !== "string" || !DNS_LABEL.test(name)) {
        issues.add(["containers", i, "name"], `every container needs a name that is a lower-case DNS label, got ${show(name)}`);
      } else if (seen.has(name)) {
        issues.add(["containers", i, "name"], `duplicate container name ${JSON.stringify(name)}`);
      } else {
        seen.add(name);
      }
    });
  }
  issues.throwIfAny("pod spec");
  return spec as PodSpecJson;
}

function checkStringMap(issues: IssueCollector, field: string, value: unknown): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) return issues.add([field], "must be an object of string values");
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string") issues.add([field, key], `must be a string, got ${typeof v}`);
  }
}

