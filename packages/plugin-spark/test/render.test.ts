import { FlyteTsError, PodTemplate, TaskEnvironment, serializeTask, taskSpecToJson, type AnyTask } from "@flyte-ts/core";
import { describe, expect, it } from "vitest";
import { Spark, sparkPlugin } from "@flyte-ts/plugin-spark";

const sctx = { version: "v1", codeBundle: { computedVersion: "abc", tgz: "s3://bucket/code.tgz" }, rootDir: "/" };
const specOf = (task: AnyTask) => taskSpecToJson(serializeTask(task, sctx));
const ARGS = [
  "a0", "--inputs", "{{.input}}", "--outputs-path", "{{.outputPrefix}}", "--version", "v1",
  "--raw-data-path", "{{.rawOutputDataPrefix}}", "--checkpoint-path", "{{.checkpointOutputPrefix}}",
  "--prev-checkpoint", "{{.prevCheckpointPrefix}}", "--run-name", "{{.runName}}", "--name", "{{.actionName}}",
  "--run-start-time", "{{.runStartTime}}", "--tgz", "s3://bucket/code.tgz", "--dest", ".",
];

describe("SparkApplication preview", () => {
  it("builds what the backend builds for a container task without pod templates", async () => {
    const env = new TaskEnvironment({
      name: "spark_render",
      image: "repo/spark:3.5",
      envVars: { MODE: "batch" },
      resources: { cpu: "2", memory: "4Gi" },
      retries: 2,
      pluginConfig: new Spark({
        sparkConf: { "spark.driver.cores": "1", "spark.executor.cores": "2", "spark.executor.instances": "3", "spark.executor.memory": "4g", "spark.batchScheduler": "volcano" },
        hadoopConf: { "fs.s3a.fast.upload": "true" },
      }),
    });
    const task = env.task(async function word_count() { return 1; });
    const rendered = await sparkPlugin.render!(specOf(task));
    const env_ = [{ name: "MODE", value: "batch" }, { name: "FLYTE_MAX_ATTEMPTS", value: "3" }];
    const podSpec = (name: string) => ({
      containers: [{
        image: "repo/spark:3.5",
        env: [{ name: "MODE", value: "batch" }],
        name,
        resources: { requests: { cpu: "2", memory: "4Gi" }, limits: { cpu: "2", memory: "4Gi" } },
        terminationMessagePolicy: "FallbackToLogsOnError",
      }],
      restartPolicy: "Never",
      enableServiceLinks: false,
    });
    expect(rendered).toEqual([{
      name: "spark_render.word_count.sparkapplication",
      resource: {
        apiVersion: "sparkoperator.k8s.io/v1beta2",
        kind: "SparkApplication",
        metadata: { name: "spark-render-word-count" },
        spec: {
          type: "Python",
          image: "repo/spark:3.5",
          mainApplicationFile: "local:///opt/venv/bin/runtime.py",
          arguments: [...ARGS, "--resolver", "flyte_ts.DefaultTaskResolver", "mod", expect.any(String), "task", "spark_render.word_count"],
          sparkConf: {
            "spark.pyspark.python": "/opt/venv/bin/python",
            "spark.pyspark.driver.python": "/opt/venv/bin/python",
            "spark.driver.cores": "1",
            "spark.executor.cores": "2",
            "spark.executor.instances": "3",
            "spark.executor.memory": "4g",
            "spark.batchScheduler": "volcano",
            "spark.kubernetes.driver.limit.cores": "1",
            "spark.kubernetes.executor.limit.cores": "2",
            "spark.kubernetes.executor.podNamePrefix": "spark-render-word-count",
            "spark.kubernetes.driverEnv.FLYTE_START_TIME": "<submission time in ms>",
            "spark.kubernetes.driver.podTemplateContainerName": "spark-kubernetes-driver",
            "spark.kubernetes.executor.podTemplateContainerName": "spark-kubernetes-executor",
          },
          hadoopConf: { "fs.s3a.fast.upload": "true" },
          sparkVersion: "3.0.0",
          restartPolicy: { type: "OnFailure", onSubmissionFailureRetries: 14 },
          batchScheduler: "volcano",
          driver: { image: "repo/spark:3.5", env: env_, serviceAccount: "spark", cores: 1, template: { spec: podSpec("spark-kubernetes-driver") } },
          executor: { image: "repo/spark:3.5", env: env_, serviceAccount: "spark", cores: 2, memory: "4g", instances: 3, template: { spec: podSpec("spark-kubernetes-executor") } },
        },
      },
    }]);
  });

  it("passes user pod templates through verbatim, and copies scheduling fields of a pod task", async () => {
    const env = new TaskEnvironment({
      name: "spark-pods",
      image: "repo/spark:3.5",
      podTemplate: new PodTemplate({ podSpec: { containers: [{ name: "primary" }], nodeSelector: { pool: "spark" } } }),
      pluginConfig: new Spark({
        applicationType: "scala",
        mainClass: "org.example.Main",
        applicationsPath: "local:///opt/app.jar",
        driverPod: new PodTemplate({ podSpec: { containers: [{ name: "spark-kubernetes-driver", resources: { limits: { memory: "2Gi" } } }] } }),
      }),
    });
    const task = env.task(async function jvm() { return 1; });
    const [{ resource }] = await sparkPlugin.render!(specOf(task));
    const spec = (resource as { spec: Record<string, any> }).spec;
    expect(spec.type).toBe("Scala");
    expect(spec.mainClass).toBe("org.example.Main");
    expect(spec.mainApplicationFile).toBe("local:///opt/app.jar");
    expect(spec.sparkConf["spark.pyspark.python"]).toBeUndefined();
    expect(spec.driver).toEqual({
      image: "repo/spark:3.5",
      env: [{ name: "FLYTE_MAX_ATTEMPTS", value: "1" }],
      serviceAccount: "spark",
      nodeSelector: { pool: "spark" },
      template: { spec: { containers: [{ name: "spark-kubernetes-driver", resources: { limits: { memory: "2Gi" } } }], enableServiceLinks: false } },
    });
    expect(spec.executor.template.spec).toEqual({
      containers: [{
        name: "spark-kubernetes-executor",
        image: "repo/spark:3.5",
        env: [],
        resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
        terminationMessagePolicy: "FallbackToLogsOnError",
      }],
      nodeSelector: { pool: "spark" },
      restartPolicy: "Never",
      enableServiceLinks: false,
    });
  });

  it("fails with the schema path when the SparkApplication breaks the CRD schema", async () => {
    const env = new TaskEnvironment({ name: "spark-bad", image: "repo/spark:1", pluginConfig: new Spark() });
    const spec = specOf(env.task(async function bad() { return 1; }));
    const template = spec.taskTemplate as { custom: Record<string, unknown> };
    delete template.custom.mainApplicationFile;
    template.custom.hadoopConf = { retries: 3 };
    const error = await sparkPlugin.render!(spec).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(FlyteTsError);
    expect((error as FlyteTsError).code).toBe("SERIALIZATION");
    expect((error as Error).message).toBe(
      "The SparkApplication for task spark-bad.bad does not match the CRD schema sparkoperator.k8s.io/v1beta2 (spark-operator v2.5.2):\n" +
        "  - spec.mainApplicationFile: is required (schema: properties.spec.required)\n" +
        "  - spec.hadoopConf.retries: must be string, got integer (schema: properties.spec.properties.hadoopConf.additionalProperties.type)",
    );
  });

  it("refuses a task without custom, as the backend does", async () => {
    await expect(sparkPlugin.render!({ taskTemplate: { id: { name: "x.y" }, container: { image: "i" } } })).rejects.toThrow(
      'task x.y has no custom: the backend refuses it ("nil Struct Object passed")',
    );
  });
});
