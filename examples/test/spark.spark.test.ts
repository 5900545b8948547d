// The Spark example run locally against real Spark: the body's session is the one of SPARK_REMOTE, here
// the spark project's local Spark Connect server (its global setup), and Spark computes the answer.
import { run } from "@flyte-ts/core";
import { SparkSession } from "@flyte-ts/spark-connect";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { exampleInputs, wordCount } from "../src/spark.ts";

// The spark project's global setup (packages/spark-connect/test/spark-global-setup.ts) provides it.
declare module "vitest" {
  export interface ProvidedContext {
    sparkConnectUrl: string;
  }
}

const url = inject("sparkConnectUrl");
let saved: string | undefined;
beforeAll(() => {
  saved = process.env.SPARK_REMOTE;
  process.env.SPARK_REMOTE = url;
});
afterAll(() => {
  if (saved === undefined) delete process.env.SPARK_REMOTE;
  else process.env.SPARK_REMOTE = saved;
});

describe("Spark example, run locally", () => {
  it("word_count counts words with Spark SQL, a DataFrame aggregation and a join with stop words", async () => {
    const server = await SparkSession.connect(url);
    const applicationId = await server.conf.get("spark.app.id");
    await server.stop();
    expect(await run(wordCount, exampleInputs["spark-examples.word_count"] as { text: string })).toEqual({
      words: 19,
      counts: [
        { word: "to", count: 3, stopWord: true },
        { word: "be", count: 2, stopWord: true },
        { word: "is", count: 2, stopWord: true },
        { word: "the", count: 2, stopWord: true },
        { word: "in", count: 1, stopWord: false },
        { word: "it", count: 1, stopWord: false },
        { word: "mind", count: 1, stopWord: false },
        { word: "nobler", count: 1, stopWord: false },
        { word: "not", count: 1, stopWord: true },
        { word: "or", count: 1, stopWord: true },
        { word: "question", count: 1, stopWord: false },
        { word: "suffer", count: 1, stopWord: false },
        { word: "that", count: 1, stopWord: false },
        { word: "whether", count: 1, stopWord: false },
      ],
      contentWords: 8,
      sparkVersion: "4.3.0",
      applicationId,
    });
  });

  it("a text without words fails without retries, after Spark found none", async () => {
    await expect(run(wordCount, { text: "--- 123 ---" })).rejects.toThrowError(
      expect.objectContaining({ name: "NonRecoverableError", message: 'the text has no words: "--- 123 ---"' }),
    );
  });
});
