import { V1Container, V1EnvVar, V1PodSpec, V1ResourceRequirements, V1Toleration } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  PRIMARY_CONTAINER_DEFAULT_NAME,
  PRIMARY_CONTAINER_NAME_FIELD,
  PodTemplate,
  isPodTemplate,
  toKubernetesJson,
  toPodSpecJson,
} from "@flyte-ts/core";
import { configError } from "./helpers.ts";


const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function container(fields: Partial<V1Container> & { name: string }): V1Container {
  return Object.assign(new V1Container(), fields);
}

describe("constants", () => {
  it("match the reference", () => {
    expect(PRIMARY_CONTAINER_DEFAULT_NAME).toBe("primary");
    expect(PRIMARY_CONTAINER_NAME_FIELD).toBe("primary_container_name");
  });
});

describe("PodTemplate.toK8sPod", () => {
  it("has the shape {metadata: {}, podSpec, primaryContainerName} with the default name", () => {
    const t = new PodTemplate({ podSpec: { containers: [{ name: "primary", image: "python:3.12" }] } });
    expect(wire(t.toK8sPod())).toEqual({
      metadata: {},
      podSpec: { containers: [{ name: "primary", image: "python:3.12" }] },
      primaryContainerName: "primary",
    });
  });

  it("puts labels and annotations into metadata", () => {
    const t = new PodTemplate({
      podSpec: { containers: [] },
      primaryContainerName: "main",
      labels: { team: "ml" },
      annotations: { "example.com/owner": "alice" },
    });
    expect(wire(t.toK8sPod())).toEqual({
      metadata: { labels: { team: "ml" }, annotations: { "example.com/owner": "alice" } },
      podSpec: { containers: [] },
      primaryContainerName: "main",
    });
  });

  it("treats empty labels and annotations as absent", () => {
    const t = new PodTemplate({ podSpec: { containers: [] }, labels: {}, annotations: {} });
    expect(t.labels).toBeUndefined();
    expect(t.annotations).toBeUndefined();
    expect(wire(t.toK8sPod())).toEqual({ metadata: {}, podSpec: { containers: [] }, primaryContainerName: "primary" });
  });

  it("drops null and undefined at every level, keeps empty arrays/objects, numbers, strings and false", () => {
    const t = new PodTemplate({
      podSpec: {
        containers: [
          {
            name: "primary",
            image: null,
            command: [],
            args: ["--n", "1"],
            env: [],
            workingDir: undefined,
            resources: { limits: {}, requests: { cpu: 1, memory: "1Gi", "nvidia.com/gpu": "1", "example.com/half": 0.5 } },
            securityContext: { runAsUser: 1000, privileged: false, capabilities: null },
          },
        ],
        nodeSelector: {},
        hostNetwork: false,
        terminationGracePeriodSeconds: 30,
        serviceAccountName: null,
        tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule", tolerationSeconds: undefined }],
      },
    });
    const pod = t.toK8sPod();
    expect(pod.podSpec).toStrictEqual({
      containers: [
        {
          name: "primary",
          command: [],
          args: ["--n", "1"],
          env: [],
          resources: { limits: {}, requests: { cpu: 1, memory: "1Gi", "nvidia.com/gpu": "1", "example.com/half": 0.5 } },
          securityContext: { runAsUser: 1000, privileged: false },
        },
      ],
      nodeSelector: {},
      hostNetwork: false,
      terminationGracePeriodSeconds: 30,
      tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }],
    });
  });

  it("does not mutate the given spec, and later changes to it do not leak in", () => {
    const spec = { containers: [{ name: "primary", image: "a", env: null as unknown }] };
    const t = new PodTemplate({ podSpec: spec });
    expect(spec.containers[0]).toEqual({ name: "primary", image: "a", env: null });
    spec.containers[0]!.image = "b";
    expect(wire(t.toK8sPod().podSpec)).toEqual({ containers: [{ name: "primary", image: "a" }] });
  });

  it("keeps its pod spec frozen and returns a fresh copy from every toK8sPod()", () => {
    const t = new PodTemplate({ podSpec: { containers: [{ name: "primary", args: ["x"] }] } });
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.podSpec)).toBe(true);
    expect(Object.isFrozen(t.podSpec.containers[0])).toBe(true);
    const first = t.toK8sPod();
    first.podSpec.containers[0]!.args = ["changed"];
    first.metadata.labels = { x: "y" };
    expect(wire(t.toK8sPod())).toEqual({ metadata: {}, podSpec: { containers: [{ name: "primary", args: ["x"] }] }, primaryContainerName: "primary" });
  });

  it("serialises @kubernetes/client-node model instances to Kubernetes JSON", () => {
    const spec = new V1PodSpec();
    const primary = container({ name: "primary", image: "ghcr.io/acme/app:1", command: [], args: ["run"] });
    primary.resources = Object.assign(new V1ResourceRequirements(), { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } });
    primary.env = [Object.assign(new V1EnvVar(), { name: "MODE", value: "prod" })];
    primary.imagePullPolicy = "IfNotPresent";
    spec.containers = [primary, container({ name: "sidecar", image: "busybox" })];
    spec.tolerations = [Object.assign(new V1Toleration(), { key: "gpu", operator: "Exists" })];
    spec.terminationGracePeriodSeconds = 30;
    spec.restartPolicy = "Never";
    expect(wire(new PodTemplate({ podSpec: spec, labels: { app: "x" } }).toK8sPod())).toEqual({
      metadata: { labels: { app: "x" } },
      podSpec: {
        containers: [
          {
            name: "primary",
            image: "ghcr.io/acme/app:1",
            command: [],
            args: ["run"],
            env: [{ name: "MODE", value: "prod" }],
            imagePullPolicy: "IfNotPresent",
            resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
          },
          { name: "sidecar", image: "busybox" },
        ],
        tolerations: [{ key: "gpu", operator: "Exists" }],
        terminationGracePeriodSeconds: 30,
        restartPolicy: "Never",
      },
      primaryContainerName: "primary",
    });
  });

  it("accepts a plain spec whose containers are model instances", () => {
    const t = new PodTemplate({ podSpec: { containers: [container({ name: "primary", image: "img", args: [] })] } });
    expect(wire(t.toK8sPod().podSpec)).toEqual({ containers: [{ name: "primary", image: "img", args: [] }] });
  });

  it("isPodTemplate recognises templates only", () => {
    expect(isPodTemplate(new PodTemplate({ podSpec: { containers: [] } }))).toBe(true);
    expect(isPodTemplate({ podSpec: { containers: [] } })).toBe(false);
  });
});

describe("PodTemplate validation", () => {
  it("accepts a primary container name that the spec does not list (as the reference does)", () => {
    const t = new PodTemplate({ podSpec: { containers: [] }, primaryContainerName: "main" });
    expect(t.primaryContainerName).toBe("main");
  });

  it("may leave out the pod spec (labels/annotations only): no containers until serialization adds the primary", () => {
    const t = new PodTemplate({ labels: { queue: "q1" } });
    expect(t.podSpec).toEqual({ containers: [] });
    expect(t.primaryContainerName).toBe("primary");
    expect(t.labels).toEqual({ queue: "q1" });
  });

  it("requires a containers list in a given pod spec", () => {
    const err = configError(() => new PodTemplate({ podSpec: {} }));
    expect(err.subject).toBe("PodTemplate");
    expect(err.issues).toEqual([{ path: ["podSpec", "containers"], message: "a pod spec must list its containers (an empty list is allowed)" }]);
  });

  it("rejects a podSpec that is not an object (number, null, array)", () => {
    for (const podSpec of [5, null, []]) {
      expect(configError(() => new PodTemplate({ podSpec: podSpec as never })).issues, JSON.stringify(podSpec)).toEqual([
        { path: ["podSpec"], message: "must be a V1PodSpec or a Kubernetes JSON object with containers" },
      ]);
    }
  });

  it("rejects a non-object options argument", () => {
    expect(configError(() => new PodTemplate(undefined as never)).issues).toEqual([
      { path: [], message: "expected an options object (podSpec, primaryContainerName, labels, annotations)" },
    ]);
  });

  it("reports every problem with its path in one error", () => {
    const err = configError(
      () =>
        new PodTemplate({
          podSpec: { containers: [{ name: "Main" }, { image: "x" }, { name: "a" }, { name: "a" }] },
          primaryContainerName: "Bad_Name",
          labels: { team: 1 as never },
          annotations: "x" as never,
          extra: true,
        } as never),
    );
    expect(err.issues).toEqual([
      { path: ["extra"], message: "unknown option; allowed: podSpec, primaryContainerName, labels, annotations" },
      { path: ["primaryContainerName"], message: 'must be a Kubernetes container name (lower-case DNS label), got "Bad_Name"' },
      { path: ["labels", "team"], message: "must be a string, got number" },
      { path: ["annotations"], message: "must be an object of string values" },
      { path: ["podSpec", "containers", 0, "name"], message: 'every container needs a name that is a lower-case DNS label, got "Main"' },
      { path: ["podSpec", "containers", 1, "name"], message: "every container needs a name that is a lower-case DNS label, got undefined" },
      { path: ["podSpec", "containers", 3, "name"], message: 'duplicate container name "a"' },
    ]);
    expect(err.message.split("\n")).toEqual([
      "Invalid PodTemplate (7 problems):",
      "  - extra: unknown option; allowed: podSpec, primaryContainerName, labels, annotations",
      '  - primaryContainerName: must be a Kubernetes container name (lower-case DNS label), got "Bad_Name"',
      "  - labels.team: must be a string, got number",
      "  - annotations: must be an object of string values",
      '  - podSpec.containers[0].name: every container needs a name that is a lower-case DNS label, got "Main"',
      "  - podSpec.containers[1].name: every container needs a name that is a lower-case DNS label, got undefined",
      '  - podSpec.containers[3].name: duplicate container name "a"',
    ]);
  });
});

describe("PodTemplate.fromSpec", () => {
  it("uses an explicit primary container name that exists", () => {
    const t = PodTemplate.fromSpec({ containers: [{ name: "primary" }, { name: "worker" }] }, { primaryContainerName: "worker" });
    expect(t.primaryContainerName).toBe("worker");
  });

  it("prefers a container named primary", () => {
    const t = PodTemplate.fromSpec({ containers: [{ name: "sidecar" }, { name: "primary" }] });
    expect(t.primaryContainerName).toBe("primary");
  });

  it("uses the only container otherwise", () => {
    const t = PodTemplate.fromSpec({ containers: [{ name: "app", image: "img" }] }, { labels: { a: "b" }, annotations: {} });
    expect(wire(t.toK8sPod())).toEqual({
      metadata: { labels: { a: "b" } },
      podSpec: { containers: [{ name: "app", image: "img" }] },
      primaryContainerName: "app",
    });
  });

  it("resolves from a V1PodSpec instance", () => {
    const spec = new V1PodSpec();
    spec.containers = [container({ name: "trainer", image: "img" })];
    expect(wire(PodTemplate.fromSpec(spec).toK8sPod())).toEqual({
      metadata: {},
      podSpec: { containers: [{ name: "trainer", image: "img" }] },
      primaryContainerName: "trainer",
    });
  });

  it("rejects an explicit name that is not in the spec, listing the containers", () => {
    const err = configError(() => PodTemplate.fromSpec({ containers: [{ name: "a" }, { name: "b" }] }, { primaryContainerName: "x" }));
    expect(err.issues).toEqual([
      { path: ["primaryContainerName"], message: `primary_container_name 'x' not found in pod spec; available containers: ["a","b"]` },
    ]);
  });

  it("rejects several containers none of which is named primary", () => {
    const err = configError(() => PodTemplate.fromSpec({ containers: [{ name: "a" }, { name: "b" }] }));
    expect(err.issues).toEqual([
      {
        path: ["primaryContainerName"],
        message: `Cannot determine the primary container: the pod spec has containers ["a","b"] and none is named 'primary'. Pass primaryContainerName to pick one.`,
      },
    ]);
  });

  it("rejects an empty containers list (nothing to pick)", () => {
    expect(configError(() => PodTemplate.fromSpec({ containers: [] })).issues).toEqual([
      {
        path: ["primaryContainerName"],
        message: "Cannot determine the primary container: the pod spec has containers [] and none is named 'primary'. Pass primaryContainerName to pick one.",
      },
    ]);
  });

  it("rejects a spec without containers before resolving", () => {
    const err = configError(() => PodTemplate.fromSpec({ hostNetwork: true }));
    expect(err.subject).toBe("pod spec");
    expect(err.issues).toEqual([{ path: ["containers"], message: "a pod spec must list its containers (an empty list is allowed)" }]);
  });

  it("copies the spec", () => {
    const spec = { containers: [{ name: "primary", args: ["a"] }] };
    const t = PodTemplate.fromSpec(spec);
    spec.containers[0]!.args.push("b");
    expect(t.podSpec.containers[0]!.args).toEqual(["a"]);
  });
});

describe("toPodSpecJson / toKubernetesJson", () => {
  it("toPodSpecJson returns the cleaned spec", () => {
    expect(toPodSpecJson({ containers: [{ name: "primary", image: null }], volumes: [] })).toStrictEqual({
      containers: [{ name: "primary" }],
      volumes: [],
    });
  });

  it("toKubernetesJson turns Dates into ISO strings and drops nullish values", () => {
    expect(toKubernetesJson({ a: new Date("2024-01-02T03:04:05.000Z"), b: null, c: { d: undefined, e: 0, f: "" } }, "Object")).toStrictEqual({
      a: "2024-01-02T03:04:05.000Z",
      c: { e: 0, f: "" },
    });
  });
});

describe("list items in Kubernetes JSON", () => {
  it("keeps a null list item in place (as the Python client does), while null fields are dropped", () => {
    expect(toKubernetesJson({ containers: [{ name: "primary", args: ["a", null, "b"], image: null }] }, "V1PodSpec")).toEqual({
      containers: [{ name: "primary", args: ["a", null, "b"] }],
    });
  });
});

describe("unknown pod-spec fields", () => {
  const podSpecFields =
    "activeDeadlineSeconds, affinity, automountServiceAccountToken, containers, dnsConfig, dnsPolicy, enableServiceLinks, ephemeralContainers, hostAliases, hostIPC, hostNetwork, hostPID, hostUsers, hostname, hostnameOverride, imagePullSecrets, initContainers, nodeName, nodeSelector, os, overhead, preemptionPolicy, priority, priorityClassName, readinessGates, resourceClaims, resources, restartPolicy, runtimeClassName, schedulerName, schedulingGates, securityContext, serviceAccount, serviceAccountName, setHostnameAsFQDN, shareProcessNamespace, subdomain, terminationGracePeriodSeconds, tolerations, topologySpreadConstraints, volumes";

  it("are refused where the template is declared, each with its path, at any depth", () => {
    const issues = configError(() =>
      new PodTemplate({
        podSpec: {
          containers: [{ name: "primary", imagePullPolicy: "Always", env: [{ name: "A", value: "1", valueFromm: {} }] }],
          priorityClass: "high",
          tolerations: [{ key: "gpu", operator: "Exists", efect: "NoSchedule" }],
          affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "k", operator: "In", valuse: ["v"] }] }] } } },
        },
      }),
    ).issues;
    // In the order the spec lists them.
    expect(issues.map((i) => i.path)).toEqual([
      ["podSpec", "containers", 0, "env", 0, "valueFromm"],
      ["podSpec", "priorityClass"],
      ["podSpec", "tolerations", 0, "efect"],
      ["podSpec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms", 0, "matchExpressions", 0, "valuse"],
    ]);
    expect(issues.find((i) => i.path.at(-1) === "priorityClass")!.message).toBe(`unknown field of PodSpec; allowed: ${podSpecFields}`);
    expect(issues.find((i) => i.path.at(-1) === "efect")!.message).toBe("unknown field of Toleration; allowed: effect, key, operator, tolerationSeconds, value");
  });

  it("known fields at every level pass, also given as client-node models", () => {
    const spec = new V1PodSpec();
    spec.containers = [Object.assign(new V1Container(), { name: "primary", env: [Object.assign(new V1EnvVar(), { name: "A", value: "1" })] })];
    spec.tolerations = [Object.assign(new V1Toleration(), { key: "gpu", operator: "Exists", effect: "NoSchedule" })];
    expect(new PodTemplate({ podSpec: spec }).podSpec).toEqual({
      containers: [{ name: "primary", env: [{ name: "A", value: "1" }] }],
      tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }],
    });
    expect(toPodSpecJson({ containers: [{ name: "c", resources: { limits: { cpu: "1" } } }], nodeSelector: { pool: "a" }, priorityClassName: "high" })).toEqual({
      containers: [{ name: "c", resources: { limits: { cpu: "1" } } }], nodeSelector: { pool: "a" }, priorityClassName: "high",
    });
  });
});
