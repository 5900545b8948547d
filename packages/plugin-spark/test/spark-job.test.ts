import { PodTemplate, SerializationContext, TaskEnvironment, serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { describe, expect, it } from "vitest";
import { Spark, type SparkOptions, sparkConfigSchema, sparkPlugin } from "@flyte-ts/plugin-spark";

// The reference's custom_config() output (python-sdk-behaviour.md §3.1.3, tests of §3.1.6), compared as
// parsed JSON.
const sctx = new SerializationContext({ version: "123" });
const custom = (options: SparkOptions, context = sctx) => sparkPlugin.customConfig(sparkConfigSchema.parse(new Spark(options)), context);

const driverPod = new PodTemplate({
  podSpec: { containers: [{ name: "spark-kubernetes-driver", image: "repo/driver:1" }], nodeSelector: { pool: "drivers" } },
  primaryContainerName: "spark-kubernetes-driver",
  labels: { role: "driver" },
});
const executorPod = new PodTemplate({ podSpec: { containers: [{ name: "primary" }], tolerations: [{ key: "spot", operator: "Exists" }] } });

describe("Spark custom (SparkJob)", () => {
  it("defaults: the runtime entrypoint and the interpreter of the serialization context", () => {
    expect(custom({})).toEqual({ mainApplicationFile: "local:///opt/venv/bin/runtime.py", executorPath: "/opt/venv/bin/python" });
  });

  it("reference test_custom_config: every field set", () => {
    expect(
      custom({
        sparkConf: { a: "b" },
        hadoopConf: { c: "d" },
        applicationsPath: "/main.py",
        executorPath: "/usr/bin/python3",
        driverPod,
        executorPod,
      }),
    ).toEqual({
      mainApplicationFile: "/main.py",
      sparkConf: { a: "b" },
      hadoopConf: { c: "d" },
      executorPath: "/usr/bin/python3",
      driverPod: {
        metadata: { labels: { role: "driver" } },
        podSpec: { containers: [{ name: "spark-kubernetes-driver", image: "repo/driver:1" }], nodeSelector: { pool: "drivers" } },
        primaryContainerName: "spark-kubernetes-driver",
      },
      executorPod: {
        metadata: {},
        podSpec: { containers: [{ name: "primary" }], tolerations: [{ key: "spot", operator: "Exists" }] },
        primaryContainerName: "primary",
      },
    });
  });

  it("pod templates may be given as options", () => {
    expect(custom({ executorPod: { podSpec: { containers: [] } } })).toEqual({
      mainApplicationFile: "local:///opt/venv/bin/runtime.py",
      executorPath: "/opt/venv/bin/python",
      executorPod: { metadata: {}, podSpec: { containers: [] }, primaryContainerName: "primary" },
    });
  });

  it("empty paths mean the defaults, as in the reference (declaring them is refused, see validation)", () => {
    const unvalidated = new Spark({ executorPath: "", applicationsPath: "" }) as unknown as Parameters<typeof sparkPlugin.customConfig>[0];
    expect(sparkPlugin.customConfig(unvalidated, sctx)).toEqual({ mainApplicationFile: "local:///opt/venv/bin/runtime.py", executorPath: "/opt/venv/bin/python" });
  });

  it("empty confs are left out, as proto JSON leaves out empty maps", () => {
    expect(custom({ sparkConf: {}, hadoopConf: {} })).toEqual({ mainApplicationFile: "local:///opt/venv/bin/runtime.py", executorPath: "/opt/venv/bin/python" });
  });

  it("follows the interpreter and entrypoint of the serialization context", () => {
    const other = new SerializationContext({ version: "1", interpreterPath: "/usr/local/bin/python3.12" });
    expect(custom({}, other)).toEqual({ mainApplicationFile: "local:///usr/local/bin/runtime.py", executorPath: "/usr/local/bin/python3.12" });
    const explicit = new SerializationContext({ version: "1", entrypointPath: "/app/run.py" });
    expect(custom({}, explicit)).toEqual({ mainApplicationFile: "local:///app/run.py", executorPath: "/opt/venv/bin/python" });
  });

  it("JVM applications: applicationType and mainClass, no executorPath", () => {
    expect(custom({ applicationType: "scala", mainClass: "org.example.WordCount", applicationsPath: "s3://jars/wc.jar" })).toEqual({
      applicationType: "SCALA",
      mainApplicationFile: "s3://jars/wc.jar",
      mainClass: "org.example.WordCount",
    });
    expect(custom({ applicationType: "java", mainClass: "a.Main", applicationsPath: "local:///opt/app.jar" })).toEqual({
      applicationType: "JAVA",
      mainApplicationFile: "local:///opt/app.jar",
      mainClass: "a.Main",
    });
    expect(custom({ applicationType: "r", applicationsPath: "local:///opt/job.R" })).toEqual({ applicationType: "R", mainApplicationFile: "local:///opt/job.R" });
  });

  it("a JVM or R application's container (hence SparkApplication) arguments are its own, never the runtime's", () => {
    const env = new TaskEnvironment({
      name: "spark-jvm-args", image: "repo/spark:1",
      pluginConfig: new Spark({ applicationType: "scala", mainClass: "org.apache.spark.examples.SparkPi", applicationsPath: "local:///opt/spark/examples/jars/spark-examples.jar", arguments: ["10"] }),
    });
    const args = (task: Parameters<typeof serializeTask>[0]) => ((taskSpecToJson(serializeTask(task, sctx)).taskTemplate as { container: { args: string[] } }).container.args);
    expect(args(env.task(async function pi() {}))).toEqual(["10"]);
    const noArgs = env.clone({ name: "spark-jvm-no-args", pluginConfig: new Spark({ applicationType: "java", mainClass: "a.Main", applicationsPath: "local:///opt/app.jar" }) });
    // Proto JSON leaves out an empty list: the backend reads no arguments.
    expect(args(noArgs.task(async function main() {}))).toBeUndefined();
    const r = env.clone({ name: "spark-r-args", pluginConfig: new Spark({ applicationType: "r", applicationsPath: "local:///opt/job.R", arguments: ["--in", "{{.input}}"] }) });
    expect(args(r.task(async function job() {}))).toEqual(["--in", "{{.input}}"]);
    // A Python application is the driver bridge: it receives the runtime's `a0 …` arguments.
    const python = env.clone({ name: "spark-python-args", pluginConfig: new Spark() });
    const bundled = new SerializationContext({ version: "123", codeBundle: { computedVersion: "x", pkl: "s3://b/x.pkl" } });
    expect((taskSpecToJson(serializeTask(python.task(async function count() {}), bundled)).taskTemplate as { container: { args: string[] } }).container.args[0]).toBe("a0");
  });

  it("is the serialized task's custom, with task type spark", () => {
    const env = new TaskEnvironment({ name: "spark-serialize", image: "repo/spark:1", pluginConfig: new Spark({ sparkConf: { "spark.driver.memory": "2g" } }) });
    const task = env.task(async function count() { return 1; });
    const template = taskSpecToJson(serializeTask(task, { version: "v1", codeBundle: { computedVersion: "x", pkl: "s3://b/x.pkl" } })).taskTemplate as Record<string, unknown>;
    expect(template.type).toBe("spark");
    expect(template.custom).toEqual({
      mainApplicationFile: "local:///opt/venv/bin/runtime.py",
      executorPath: "/opt/venv/bin/python",
      sparkConf: { "spark.driver.memory": "2g" },
    });
  });

  it("reference test_spark_post_init: missing confs are empty maps", () => {
    expect(new Spark().sparkConf).toEqual({});
    expect(new Spark().hadoopConf).toEqual({});
    expect(new Spark({ sparkConf: { a: "b" }, hadoopConf: { c: "d" } })).toMatchObject({ sparkConf: { a: "b" }, hadoopConf: { c: "d" } });
  });
});
