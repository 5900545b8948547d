import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkConnectError, SparkSession, type SparkSession as Session } from "../src/index.ts";
import { connect } from "./helpers.ts";
import { inject } from "vitest";

let spark: Session;
beforeAll(async () => {
  spark = await connect();
});
afterAll(async () => {
  await spark?.stop();
});

describe("SparkSession", () => {
  it("reports the server's version", async () => {
    expect(await spark.version()).toBe("4.3.0");
  });

  it("runs SQL and returns plain rows", async () => {
    expect(await spark.sql("SELECT 1 + 1 AS two, 'x' AS s").collect()).toEqual([{ two: 2, s: "x" }]);
  });

  it("binds named and positional SQL parameters", async () => {
    expect(await spark.sql("SELECT :a + :b AS s, :name AS n", { a: 40, b: 2, name: "spark" }).collect()).toEqual([{ s: 42, n: "spark" }]);
    expect(await spark.sql("SELECT ? * 2 AS d, ? AS t", [21, true]).collect()).toEqual([{ d: 42, t: true }]);
  });

  it("applies conf at connect time and gets/sets/unsets conf", async () => {
    const other = await connect({ "spark.sql.shuffle.partitions": "7" });
    try {
      expect(await other.conf.get("spark.sql.shuffle.partitions")).toBe("7");
      await other.conf.set("spark.sql.shuffle.partitions", 3);
      expect(await other.conf.get("spark.sql.shuffle.partitions")).toBe("3");
      await other.conf.set({ "spark.flyte.test.a": "1", "spark.flyte.test.b": "2" });
      expect(await other.conf.getAll("spark.flyte.test.")).toEqual({ "spark.flyte.test.a": "1", "spark.flyte.test.b": "2" });
      await other.conf.unset("spark.flyte.test.a");
      expect(await other.conf.getOption("spark.flyte.test.a")).toBeUndefined();
      expect(await other.conf.get("spark.flyte.test.missing", "dflt")).toBe("dflt");
      expect(await other.conf.isModifiable("spark.sql.shuffle.partitions")).toBe(true);
      // Session conf is per session.
      expect(await spark.conf.get("spark.sql.shuffle.partitions")).toBe("4");
    } finally {
      await other.stop();
    }
  });

  it("stop() releases the session: its temp views are gone and calls fail with SESSION_STOPPED", async () => {
    const s = await connect();
    await s.range(3).createOrReplaceTempView("released_view");
    expect(await s.table("released_view").count()).toBe(3);
    await s.stop();
    await expect(s.sql("SELECT 1").collect()).rejects.toMatchObject({ code: "SESSION_STOPPED" });
    // A new session with the same id would fail on the server: it was released.
    const again = await SparkSession.connect(`${inject("sparkConnectUrl")}/;session_id=${s.sessionId}`).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(SparkConnectError);
    expect((again as SparkConnectError).errorClass).toBe("INVALID_HANDLE.SESSION_CLOSED");
  });

  it("rejects connecting to a port with no server as UNAVAILABLE, after retrying briefly", async () => {
    const started = Date.now();
    const err = await SparkSession.connect("sc://127.0.0.1:1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SparkConnectError);
    expect((err as SparkConnectError).code).toBe("UNAVAILABLE");
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("rejects connecting as CANCELLED when the caller's signal aborts first", async () => {
    const err = await SparkSession.connect("sc://127.0.0.1:1", { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SparkConnectError);
    expect((err as SparkConnectError).code).toBe("CANCELLED");
  });
});
