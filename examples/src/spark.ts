// Spark tasks: a TypeScript task whose body runs Spark SQL and DataFrame work through its Spark session,
// and a JVM application.
import { z } from "zod";
import { NonRecoverableError, PodTemplate, TaskEnvironment, ctx } from "@flyte-ts/core";
import { Spark, type SparkHookData } from "@flyte-ts/plugin-spark";
import { col, lit } from "@flyte-ts/spark-connect";

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

const WordCount = z.object({ word: z.string(), count: z.int(), stopWord: z.boolean() });

/**
 * Counts the words of a text with Spark: SQL splits the text into words (the text is a query parameter,
 * never spliced into SQL), a DataFrame groups and counts them and joins them with a table of stop words
 * built in Spark. Also tells which Spark application ran the queries. A text without words fails
 * without retries.
 */
export const wordCount = env.task(
  {
    inputs: z.object({ text: z.string() }),
    output: z.object({ words: z.int(), counts: z.array(WordCount), contentWords: z.int(), sparkVersion: z.string(), applicationId: z.string() }),
  },
  async function word_count({ text }) {
    const { spark } = ctx()!.data as SparkHookData;
    const session = await spark.session;
    const words = session.sql("SELECT explode(split(lower(:text), '[^a-z]+')) AS word", { text }).filter("word <> ''");
    const stopWords = session
      .sql("SELECT word FROM VALUES ('a'), ('an'), ('and'), ('be'), ('is'), ('not'), ('of'), ('or'), ('the'), ('to') AS stop(word)")
      .withColumn("stopWord", lit(true));
    const counts = words
      .groupBy("word")
      .count()
      .join(stopWords, "word", "left")
      .selectExpr("word", "CAST(count AS INT) AS count", "coalesce(stopWord, false) AS stopWord")
      .orderBy(col("count").desc(), col("word").asc());
    const rows = (await counts.collect()) as z.infer<typeof WordCount>[];
    // The same text fails the same way on every attempt: no retries.
    if (rows.length === 0) throw new NonRecoverableError(`the text has no words: ${JSON.stringify(text.slice(0, 40))}`);
    const [totals] = await counts.selectExpr("CAST(sum(count) AS INT) AS words", "CAST(sum(CASE WHEN stopWord THEN 0 ELSE count END) AS INT) AS contentWords").collect();
    return {
      words: Number(totals!.words ?? 0),
      counts: rows,
      contentWords: Number(totals!.contentWords ?? 0),
      sparkVersion: await session.version(),
      // The Spark application whose session ran the queries: the driver's in the cluster.
      applicationId: (await session.conf.get("spark.app.id"))!,
    };
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
  "spark-examples.word_count": { text: "To be, or not to be, that is the question: whether it is nobler in the mind to suffer" },
};
