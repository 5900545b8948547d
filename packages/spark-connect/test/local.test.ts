// startLocalSparkConnect's discovery errors, without an engine: fake Spark homes and an empty PATH.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findSpark, LocalSparkError, startLocalSparkConnect } from "../src/local/index.ts";

const dirs: string[] = [];
function fakeSparkHome(coreJar: string): string {
  const home = mkdtempSync(join(tmpdir(), "fake-spark-"));
  dirs.push(home);
  mkdirSync(join(home, "bin"));
  mkdirSync(join(home, "jars"));
  writeFileSync(join(home, "bin/spark-submit"), "#!/bin/sh\nexit 1\n", { mode: 0o755 });
  writeFileSync(join(home, "jars", coreJar), "");
  return home;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function codeOf(p: Promise<unknown>): Promise<[string, string]> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LocalSparkError);
  return [(err as LocalSparkError).code, (err as Error).message];
}

describe("finding a local Spark", () => {
  it("SPARK_NOT_FOUND names what to install when the python has no pyspark", async () => {
    const [code, message] = await codeOf(findSpark({ python: "/nonexistent/python3" }));
    expect(code).toBe("SPARK_NOT_FOUND");
    expect(message).toContain("/nonexistent/python3 (no pyspark)");
    expect(message).toContain('pip install "pyspark[connect]==4.3.0"');
  });

  it("SPARK_NOT_FOUND for a SPARK_HOME without spark-submit", async () => {
    const [code, message] = await codeOf(findSpark({ sparkHome: "/nonexistent/spark" }));
    expect(code).toBe("SPARK_NOT_FOUND");
    expect(message).toMatch(/^sparkHome=\/nonexistent\/spark has no bin\/spark-submit/);
  });

  it("SPARK_TOO_OLD for Spark before 3.5", async () => {
    const [code, message] = await codeOf(findSpark({ sparkHome: fakeSparkHome("spark-core_2.12-3.4.1.jar") }));
    expect(code).toBe("SPARK_TOO_OLD");
    expect(message).toContain("Spark 3.4.1");
  });

  it("JAVA_NOT_FOUND when neither JAVA_HOME nor PATH has java", async () => {
    const saved = { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME };
    process.env.PATH = "/nonexistent";
    process.env.JAVA_HOME = "/nonexistent/java";
    try {
      const [code, message] = await codeOf(findSpark({ sparkHome: fakeSparkHome("spark-core_2.13-4.3.0.jar") }));
      expect(code).toBe("JAVA_NOT_FOUND");
      expect(message).toContain("apt-get install -y openjdk-17-jre-headless");
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.JAVA_HOME === undefined) delete process.env.JAVA_HOME;
      else process.env.JAVA_HOME = saved.JAVA_HOME;
    }
  });

  it("SERVER_START_FAILED with the server's output when spark-submit exits", async () => {
    const home = fakeSparkHome("spark-core_2.13-4.3.0.jar");
    writeFileSync(join(home, "bin/spark-submit"), "#!/bin/sh\necho 'Error: no luck' >&2\nexit 3\n", { mode: 0o755 });
    const [code, message] = await codeOf(startLocalSparkConnect({ sparkHome: home, timeoutMs: 30_000 }));
    expect(code).toBe("SERVER_START_FAILED");
    expect(message).toContain("spark-submit exited with code 3");
    expect(message).toContain("Error: no luck");
  });

  it("INVALID_OPTION for a bad master or conf key, before looking for Spark", async () => {
    expect((await codeOf(startLocalSparkConnect({ master: "local[2] x" })))[0]).toBe("INVALID_OPTION");
    const [, message] = await codeOf(startLocalSparkConnect({ conf: { "a=b": "c" } }));
    expect(message).toBe('conf: key "a=b" must be non-empty and contain no "="');
  });
});
