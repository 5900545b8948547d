import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { LocalSparkError } from "./local-spark-error.ts";

const run = promisify(execFile);

/** A Spark installation found on this machine. */
export interface FoundSpark {
  /** The Spark home: a Spark distribution, or the `pyspark` package folder of a Python environment. */
  sparkHome: string;
  /** `<sparkHome>/bin/spark-submit`. */
  sparkSubmit: string;
  /** Spark's version, e.g. `"4.3.0"`. */
  version: string;
  /** How it was found: `"SPARK_HOME"`, or the Python interpreter whose `pyspark` it is. */
  source: string;
  /** The `java` that runs it. */
  java: string;
}

/** Where to look for Spark; see {@link findSpark}. */
export interface FindSparkOptions {
  /**
   * A Spark distribution (or pyspark package folder) with `bin/spark-submit`.
   *
   * Validation: must contain `bin/spark-submit`.
   *
   * @defaultValue `process.env.SPARK_HOME`
   */
  sparkHome?: string;
  /**
   * A Python interpreter whose `pyspark` (≥ 3.5) provides Spark, e.g. a project's `.engines/spark/venv/bin/python`.
   *
   * Validation: must import pyspark 3.5 or newer.
   *
   * @defaultValue `process.env.SPARK_CONNECT_PYTHON`, else `process.env.PYSPARK_PYTHON`, else `python3` then `python` on PATH
   */
  python?: string;
}

const INSTALL_HINT =
  'install one: `pip install "pyspark[connect]==4.3.0"` (then pass its python, or set SPARK_CONNECT_PYTHON to it), or download a Spark distribution and set SPARK_HOME';

/** Parses "major.minor" of a version; pyspark ≥ 3.5 serves Spark Connect with the protocol this client speaks. */
function atLeast35(version: string): boolean {
  const [major, minor] = version.split(".").map((n) => Number.parseInt(n, 10));
  return major! > 3 || (major === 3 && minor! >= 5);
}

async function findJava(): Promise<string> {
  const candidates = [process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin/java") : undefined, "java"].filter((c): c is string => !!c);
  for (const java of candidates) {
    try {
      await run(java, ["-version"], { timeout: 30_000 });
      return java;
    } catch {
      // try the next one
    }
  }
  throw new LocalSparkError("JAVA_NOT_FOUND", "Spark needs Java 17 or newer and none was found (JAVA_HOME, or `java` on PATH): install one, e.g. `apt-get install -y openjdk-17-jre-headless`.");
}

async function sparkHomeVersion(sparkHome: string): Promise<string> {
  const jars = join(sparkHome, "jars");
  const { readdir } = await import("node:fs/promises");
  const core = (await readdir(jars).catch(() => [] as string[])).find((f) => /^spark-core_[\d.]+-.+\.jar$/.test(f));
  const match = core?.match(/^spark-core_[\d.]+-(.+)\.jar$/);
  if (!match) throw new LocalSparkError("SPARK_NOT_FOUND", `${sparkHome} is not a Spark installation (no jars/spark-core_*.jar); ${INSTALL_HINT}`);
  return match[1]!;
}

async function fromPython(python: string): Promise<{ home: string; version: string } | undefined> {
  try {
    const { stdout } = await run(python, ["-c", "import os, pyspark; print(pyspark.__version__); print(os.path.dirname(pyspark.__file__))"], { timeout: 60_000 });
    const [version, home] = stdout.trim().split("\n");
    return version && home ? { version: version.trim(), home: home.trim() } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds a Spark that can run a Spark Connect server: `sparkHome` (or `SPARK_HOME`) first, then the `pyspark`
 * of a Python interpreter (the one given, `SPARK_CONNECT_PYTHON`, `PYSPARK_PYTHON`, or `python3`/`python` on
 * PATH), and a Java to run it.
 * @throws {@link LocalSparkError} `SPARK_NOT_FOUND`, `SPARK_TOO_OLD` or `JAVA_NOT_FOUND`, naming what to install.
 */
export async function findSpark(options: FindSparkOptions = {}): Promise<FoundSpark> {
  const tried: string[] = [];
  let found: Omit<FoundSpark, "java"> | undefined;
  const home = options.sparkHome ?? process.env.SPARK_HOME;
  if (home) {
    const sparkSubmit = join(home, "bin/spark-submit");
    if (!existsSync(sparkSubmit)) {
      throw new LocalSparkError("SPARK_NOT_FOUND", `${options.sparkHome ? "sparkHome" : "SPARK_HOME"}=${home} has no bin/spark-submit; ${INSTALL_HINT}`);
    }
    found = { sparkHome: home, sparkSubmit, version: await sparkHomeVersion(home), source: "SPARK_HOME" };
  } else {
    const pythons = options.python
      ? [options.python]
      : [process.env.SPARK_CONNECT_PYTHON, process.env.PYSPARK_PYTHON, "python3", "python"].filter((p): p is string => !!p);
    for (const python of pythons) {
      const got = await fromPython(python);
      tried.push(got ? `${python} (pyspark ${got.version})` : `${python} (no pyspark)`);
      if (!got) continue;
      if (!atLeast35(got.version)) {
        if (options.python) throw new LocalSparkError("SPARK_TOO_OLD", `${python} has pyspark ${got.version}; Spark Connect needs pyspark 3.5 or newer: ${INSTALL_HINT}`);
        continue;
      }
      found = { sparkHome: got.home, sparkSubmit: join(got.home, "bin/spark-submit"), version: got.version, source: python };
      break;
    }
  }
  if (!found) {
    throw new LocalSparkError("SPARK_NOT_FOUND", `no Spark found (SPARK_HOME is not set; tried ${tried.join(", ")}); ${INSTALL_HINT}`);
  }
  if (!atLeast35(found.version)) throw new LocalSparkError("SPARK_TOO_OLD", `Spark ${found.version} at ${found.sparkHome} is too old for Spark Connect (3.5 or newer needed); ${INSTALL_HINT}`);
  return { ...found, java: await findJava() };
}
