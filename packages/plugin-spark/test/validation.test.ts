import { ConfigError, PodTemplate, TaskEnvironment, type ConfigIssue } from "@flyte-ts/core";
import { describe, expect, it } from "vitest";
import { Spark, type SparkOptions } from "@flyte-ts/plugin-spark";

let count = 0;
/** The issues a declaration with this Spark config fails with (none when it is accepted). */
function issues(options: SparkOptions | Record<string, unknown>): ConfigIssue[] {
  try {
    new TaskEnvironment({ name: `spark-validation-${++count}`, pluginConfig: new Spark(options as SparkOptions) });
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe("INVALID_CONFIG");
    return [...(err as ConfigError).issues];
  }
}
const at = (path: (string | number)[], message: string) => ({ path: ["pluginConfig", ...path], message });

describe("Spark config validation", () => {
  it("accepts well-formed well-known keys", () => {
    expect(
      issues({
        sparkConf: {
          "spark.executor.instances": "0",
          "spark.executor.cores": "4",
          "spark.driver.memory": "512m",
          "spark.executor.memory": "4G",
          "spark.executor.memoryOverhead": "1024",
          "spark.kubernetes.executor.request.cores": "500m",
          "spark.dynamicAllocation.enabled": "true",
          "spark.sql.shuffle.partitions": "64",
        },
      }),
    ).toEqual([]);
  });

  it("conf values must be strings", () => {
    expect(issues({ sparkConf: { "spark.executor.instances": 2, "x.flag": true, "x.obj": {} } as never, hadoopConf: { "fs.a": 1 } as never })).toEqual([
      at(["sparkConf", "spark.executor.instances"], 'must be a string (Spark reads every setting as text), got number; write "2"'),
      at(["sparkConf", "x.flag"], 'must be a string (Spark reads every setting as text), got boolean; write "true"'),
      at(["sparkConf", "x.obj"], "must be a string (Spark reads every setting as text), got object"),
      at(["hadoopConf", "fs.a"], "must be a string, got number"),
    ]);
  });

  it("confs must be objects", () => {
    expect(issues({ sparkConf: ["a"] as never })).toEqual([at(["sparkConf"], "must be an object of string keys to string values, got an array")]);
  });

  it("executor instances and cores are integers", () => {
    expect(issues({ sparkConf: { "spark.executor.instances": "2.5", "spark.executor.cores": "1.5", "spark.driver.cores": "0" } })).toEqual([
      at(["sparkConf", "spark.executor.instances"], 'must be a non-negative integer up to 2147483647 such as "4", got "2.5"'),
      at(["sparkConf", "spark.executor.cores"], 'must be a positive integer up to 2147483647 such as "2", got "1.5"'),
      at(["sparkConf", "spark.driver.cores"], 'must be a positive integer up to 2147483647 such as "2", got "0"'),
    ]);
  });

  it("instances and cores fit the SparkApplication's int32 fields (refused when declared, not when rendered)", () => {
    expect(issues({ sparkConf: { "spark.executor.instances": "2147483648", "spark.driver.cores": "3000000000" } })).toEqual([
      at(["sparkConf", "spark.executor.instances"], 'must be a non-negative integer up to 2147483647 such as "4", got "2147483648"'),
      at(["sparkConf", "spark.driver.cores"], 'must be a positive integer up to 2147483647 such as "2", got "3000000000"'),
    ]);
    expect(issues({ sparkConf: { "spark.executor.instances": "2147483647" } })).toEqual([]);
  });

  it("memory settings are Spark sizes", () => {
    const expected = 'must be a Spark size: an integer with an optional unit b, k, m, g, t or p, such as "512m" or "4g"';
    expect(issues({ sparkConf: { "spark.executor.memory": "4Gi", "spark.driver.memory": "1.5g", "spark.driver.memoryOverhead": "lots" } })).toEqual([
      at(["sparkConf", "spark.executor.memory"], `${expected}, got "4Gi"`),
      at(["sparkConf", "spark.driver.memory"], `${expected}, got "1.5g"`),
      at(["sparkConf", "spark.driver.memoryOverhead"], `${expected}, got "lots"`),
    ]);
  });

  it("Kubernetes cores and booleans are checked", () => {
    expect(issues({ sparkConf: { "spark.kubernetes.driver.limit.cores": "two", "spark.dynamicAllocation.enabled": "yes" } })).toEqual([
      at(["sparkConf", "spark.kubernetes.driver.limit.cores"], 'must be a Kubernetes CPU quantity such as "500m" or "1.5", got "two"'),
      at(["sparkConf", "spark.dynamicAllocation.enabled"], 'must be "true" or "false", got "yes"'),
    ]);
  });

  it("keys the Spark operator refuses or the backend overwrites are rejected with the reason", () => {
    const result = issues({
      sparkConf: {
        "spark.master": "local[4]",
        "spark.kubernetes.container.image": "x",
        "spark.kubernetes.authenticate.driver.serviceAccountName": "sa",
        "spark.kubernetes.authenticate.submission.oauthToken": "t0ken",
        "spark.kubernetes.authenticate.driver.oauthTokenFile": "/t",
        "spark.kubernetes.namespace": "ns",
        "spark.kubernetes.executor.podNamePrefix": "p",
      },
    });
    const token = "cannot be set: the Spark operator refuses credentials in sparkConf, and a task spec is stored in plain text: use the operator's service account";
    expect(result).toEqual([
      at(["sparkConf", "spark.master"], "cannot be set: the Spark operator refuses it: the master is the Kubernetes API server in the cluster and local[*] in local runs"),
      at(["sparkConf", "spark.kubernetes.container.image"], "cannot be set: the Spark operator refuses it: the image is the task environment's `image` (spec.image)"),
      at(["sparkConf", "spark.kubernetes.authenticate.driver.serviceAccountName"], 'cannot be set: the Spark operator refuses it: the backend sets the service account from the task\'s Kubernetes service account (default "spark")'),
      at(["sparkConf", "spark.kubernetes.authenticate.submission.oauthToken"], token),
      at(["sparkConf", "spark.kubernetes.authenticate.driver.oauthTokenFile"], token),
      at(["sparkConf", "spark.kubernetes.namespace"], "cannot be set: the Spark operator refuses a namespace other than the application's, which Flyte chooses"),
      at(["sparkConf", "spark.kubernetes.executor.podNamePrefix"], "cannot be set: the Flyte backend always overwrites it with the execution's name"),
    ]);
    expect(JSON.stringify(result)).not.toContain("t0ken");
  });

  it("paths must be non-empty strings", () => {
    expect(issues({ executorPath: "", applicationsPath: 3 as never })).toEqual([
      at(["executorPath"], 'must be a non-empty path (leave it out for the default), got string ""'),
      at(["applicationsPath"], "must be a non-empty path (leave it out for the default), got number 3"),
    ]);
  });

  it("application type and main class: allowed values and consistency", () => {
    expect(issues({ applicationType: "Python" as never })).toEqual([at(["applicationType"], 'must be one of "python", "java", "scala", "r", got string "Python"')]);
    expect(issues({ applicationType: "java" })).toEqual([
      at(["mainClass"], 'is required when applicationType is "java": the class whose main() Spark runs'),
      at(["applicationsPath"], 'is required when applicationType is "java": the jar Spark starts (the default is the Python runtime entrypoint)'),
    ]);
    expect(issues({ applicationType: "r", applicationsPath: "local:///a.R", mainClass: "a.B", executorPath: "/py" })).toEqual([
      at(["mainClass"], 'is only used by JVM applications: set applicationType "java" or "scala" (it is "r")'),
      at(["executorPath"], 'is the Python interpreter of the executors, unused when applicationType is "r"'),
    ]);
    expect(issues({ applicationType: "scala", applicationsPath: "s3://a.jar", mainClass: "not a class" })).toEqual([
      at(["mainClass"], 'must be a fully qualified class name such as "org.example.WordCount", got string "not a class"'),
      at(["mainClass"], 'is required when applicationType is "scala": the class whose main() Spark runs'),
    ]);
  });

  it("arguments: strings, and only for JVM and R applications", () => {
    expect(issues({ applicationType: "scala", applicationsPath: "s3://a.jar", mainClass: "a.B", arguments: ["10", "{{.outputPrefix}}"] })).toEqual([]);
    expect(issues({ applicationType: "r", applicationsPath: "local:///a.R", arguments: [] })).toEqual([]);
    expect(issues({ arguments: ["10"] })).toEqual([
      at(["arguments"], 'are the arguments of a JVM or R application (applicationType "java", "scala" or "r"); a Python application receives the runtime\'s arguments'),
    ]);
    expect(issues({ applicationType: "java", applicationsPath: "s3://a.jar", mainClass: "a.B", arguments: "10" as never })).toEqual([
      at(["arguments"], "must be an array of strings (the application's arguments), got string \"10\""),
    ]);
    expect(issues({ applicationType: "java", applicationsPath: "s3://a.jar", mainClass: "a.B", arguments: ["1", 2 as never] })).toEqual([
      at(["arguments", 1], "must be a string, got number 2"),
    ]);
  });

  it("pod templates: their own errors under the field, and the Spark container must be identifiable", () => {
    expect(issues({ driverPod: { podSpec: {} } as never, executorPod: "big" as never })).toEqual([
      at(["driverPod", "podSpec", "containers"], "a pod spec must list its containers (an empty list is allowed)"),
      at(["executorPod"], "must be a PodTemplate or its options ({ podSpec, primaryContainerName?, labels?, annotations? })"),
    ]);
    const sidecar = new PodTemplate({ podSpec: { containers: [{ name: "primary" }, { name: "proxy" }] } });
    expect(issues({ executorPod: sidecar })).toEqual([
      at(["executorPod", "podSpec", "containers"], 'has containers ["primary","proxy"] but none named "spark-kubernetes-executor": Spark would run in the first one; name the Spark container "spark-kubernetes-executor"'),
    ]);
    const named = new PodTemplate({ podSpec: { containers: [{ name: "proxy" }, { name: "spark-kubernetes-driver" }] }, primaryContainerName: "spark-kubernetes-driver" });
    expect(issues({ driverPod: named })).toEqual([]);
  });

  it("unknown options and a wrong kind are reported", () => {
    expect(issues({ sparkConfs: {}, executor_path: "/p" })).toEqual([
      at(["sparkConfs"], "unknown option; allowed: kind, sparkConf, hadoopConf, executorPath, applicationsPath, driverPod, executorPod, applicationType, mainClass, arguments"),
      at(["executor_path"], "unknown option; allowed: kind, sparkConf, hadoopConf, executorPath, applicationsPath, driverPod, executorPod, applicationType, mainClass, arguments"),
    ]);
  });

  it("reports every problem at once", () => {
    expect(issues({ sparkConf: { "spark.master": "x", "spark.executor.cores": "x" }, executorPath: "" })).toHaveLength(3);
  });
});
