// The pod the backend builds from a serialized task, as the plugins' render previews derive it.
import { describe, expect, it } from "vitest";
import { addSharedMemory, objectName, taskPod, withFlytePodDefaults } from "@flyte-ts/core/plugin-kit";

describe("taskPod", () => {
  it("builds the primary container from the task container: image, args, env (empty values as names only), resources", () => {
    const template = {
      container: {
        image: "ghcr.io/acme/etl:1",
        args: ["a0", "--inputs", "{{.input}}"],
        env: [{ key: "A", value: "1" }, { key: "EMPTY" }],
        resources: { requests: [{ name: "CPU", value: "2" }] },
      },
    };
    const pod = taskPod(template);
    expect(pod).toEqual({
      spec: {
        containers: [
          {
            name: "primary",
            image: "ghcr.io/acme/etl:1",
            args: ["a0", "--inputs", "{{.input}}"],
            env: [{ name: "A", value: "1" }, { name: "EMPTY" }],
            resources: { requests: { cpu: "2", memory: "1Gi" }, limits: { cpu: "2", memory: "1Gi" } },
            terminationMessagePolicy: "FallbackToLogsOnError",
          },
        ],
        restartPolicy: "Never",
        enableServiceLinks: false,
      },
      primary: pod.spec.containers[0],
      labels: {},
      annotations: {},
    });
    expect(pod.primary).toBe(pod.spec.containers[0]);
    pod.primary.args.push("changed");
    expect(template.container.args).toEqual(["a0", "--inputs", "{{.input}}"]);
  });

  it("leaves env out when the task sets none", () => {
    expect(taskPod({ container: { image: "i", args: [] } }).primary).toEqual({
      name: "primary", image: "i", args: [],
      resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
      terminationMessagePolicy: "FallbackToLogsOnError",
    });
  });

  it("takes a pod template's spec, primary container, labels and annotations as copies, keeping its restart policy", () => {
    const template = {
      config: { primary_container_name: "main" },
      k8sPod: {
        metadata: { labels: { team: "a" }, annotations: { note: "x" } },
        podSpec: { containers: [{ name: "side" }, { name: "main", image: "m" }], restartPolicy: "OnFailure" },
      },
    };
    const pod = taskPod(template);
    expect(pod.spec).toEqual({ containers: [{ name: "side" }, { name: "main", image: "m" }], restartPolicy: "OnFailure", enableServiceLinks: false });
    expect(pod.primary).toBe(pod.spec.containers[1]);
    expect(pod.labels).toEqual({ team: "a" });
    expect(pod.annotations).toEqual({ note: "x" });
    pod.primary.image = "changed";
    pod.labels.extra = "y";
    expect(template.k8sPod.podSpec.containers[1]!.image).toBe("m");
    expect(template.k8sPod.metadata.labels).toEqual({ team: "a" });
  });

  it("fails when the pod template lacks the primary container it names", () => {
    expect(() => taskPod({ config: { primary_container_name: "main" }, k8sPod: { podSpec: { containers: [{ name: "other" }] } } })).toThrow(
      "primary container main not defined in the pod spec",
    );
  });
});

describe("withFlytePodDefaults", () => {
  it("keeps the spec's key order and restart policy, appending what is missing", () => {
    expect(Object.entries(withFlytePodDefaults({ restartPolicy: "Always", containers: [] }))).toEqual([
      ["restartPolicy", "Always"], ["containers", []], ["enableServiceLinks", false],
    ]);
    expect(Object.entries(withFlytePodDefaults({ containers: [], enableServiceLinks: true }))).toEqual([
      ["containers", []], ["enableServiceLinks", false], ["restartPolicy", "Never"],
    ]);
  });
});

describe("objectName", () => {
  it("lower-cases, replaces other characters by '-', starts with a letter and fits the limit", () => {
    expect(objectName("ray_training.Sweep", 47)).toBe("ray-training-sweep");
    expect(objectName("__1main.task", 63)).toBe("main-task");
    expect(objectName("abcdef-ghij", 7)).toBe("abcdef");
    expect(objectName("123_", 63)).toBe("task");
  });
});

describe("addSharedMemory", () => {
  it("appends an in-memory emptyDir volume and its mount; nothing without shared memory", () => {
    const spec = { volumes: [{ name: "data", emptyDir: {} }], containers: [{ name: "primary" }] };
    const container = spec.containers[0]!;
    addSharedMemory(spec, container, undefined);
    expect(spec).toEqual({ volumes: [{ name: "data", emptyDir: {} }], containers: [{ name: "primary" }] });
    addSharedMemory(spec, container, { mountName: "shm", mountPath: "/dev/shm", sizeLimit: "2Gi" });
    expect(spec).toEqual({
      volumes: [{ name: "data", emptyDir: {} }, { name: "shm", emptyDir: { medium: "Memory", sizeLimit: "2Gi" } }],
      containers: [{ name: "primary", volumeMounts: [{ name: "shm", mountPath: "/dev/shm" }] }],
    });
    const bare: Record<string, unknown> = {};
    addSharedMemory(bare, {}, { mountName: "m", mountPath: "/m" });
    expect(bare).toEqual({ volumes: [{ name: "m", emptyDir: { medium: "Memory" } }] });
  });
});
