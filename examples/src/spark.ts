// Spark tasks: a PySpark-style task whose body gets the Spark session settings, and a JVM application.
import { z } from "zod";
import { PodTemplate, TaskEnvironment, ctx } from "@flyte-ts/core";
import { Spark, type SparkHookData } from "@flyte-ts/plugin-spark";

export const env = new TaskEnvironment({
  name: "spark-examples",
  image: "ghcr.io/example/flyte-ts-spark:0.1.0",
  pluginConfig: new Spark({
    sparkConf: {
      "spark.driver.memory": "2g",
      "spark.executor.memory": "4g",
      "spark.executor.cores": "2",
      "spark.executor.instances": "3",
    },
    hadoopConf: { "fs.s3a.path.style.access": "true" },
    // Executors on spot nodes; the Spark container is named as the backend expects.
    executorPod: new PodTemplate({
      podSpec: {
        containers: [{ name: "spark-kubernetes-executor" }],
        tolerations: [{ key: "spot", operator: "Exists", effect: "NoSchedule" }],
      },
      primaryContainerName: "spark-kubernetes-executor",
    }),
  }),
});

/** Counts words; shows what a Spark task body receives in `ctx().data.spark`. */
export const wordCount = env.task(
  { inputs: z.object({ text: z.string() }), output: z.object({ words: z.int(), appName: z.string(), master: z.string(), submitArgs: z.array(z.string()) }) },
  async function word_count({ text }) {
    const { spark } = ctx()!.data as SparkHookData;
    return { words: text.split(/\s+/).filter(Boolean).length, appName: spark.appName, master: spark.master ?? "(set by the Spark operator)", submitArgs: [...spark.submitArgs] };
  },
);

/**
 * A JVM application: in the cluster Spark runs the jar's main class with `arguments` (SparkPi's number of
 * slices) instead of the TypeScript runtime, so the body is not used there.
 */
export const sparkPi = env.clone({
  name: "spark-examples-jvm",
  pluginConfig: new Spark({
    applicationType: "scala",
    mainClass: "org.apache.spark.examples.SparkPi",
    applicationsPath: "local:///opt/spark/examples/jars/spark-examples.jar",
    arguments: ["10"],
    sparkConf: { "spark.executor.instances": "2" },
  }),
}).task(async function spark_pi() {
  return null;
});

export const exampleInputs: Record<string, Record<string, unknown>> = {
  "spark-examples.word_count": { text: "to be or not to be" },
};
