#!/usr/bin/env node
// Generates the Spark Connect TypeScript bindings into src/gen/ (git-ignored) from Apache Spark's own
// .proto files, taken from the official spark-connect_2.13-<version>.jar: the one the pyspark wheel carries
// (the project's .engines/spark/venv, SPARK_HOME/jars, or $SPARK_CONNECT_JAR), else Maven Central's
// artifact, else it installs the project's Spark (scripts/engines/spark.sh) and takes the wheel's jar.
// Generation runs buf with protoc-gen-es; a stamp skips it when the jar and the generator are unchanged.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { inflateRawSync } from "node:zlib";

const SPARK_VERSION = "4.3.0";
const JAR = `spark-connect_2.13-${SPARK_VERSION}.jar`;
const pkgDir = resolve(import.meta.dirname, "..");
const repoRoot = resolve(pkgDir, "../..");
const outDir = join(pkgDir, "src/gen");
const cacheDir = join(pkgDir, ".cache");
// The protos the client uses, with what they import (google/rpc for error details).
const wanted = (name) => name.endsWith(".proto") && (name.startsWith("spark/connect/") || name.startsWith("google/rpc/"));
const verbose = !!process.env.FLYTE_TS_VERBOSE;
const log = (msg) => console.error(`spark-connect protos: ${msg}`);

function jarCandidates() {
  const out = [];
  if (process.env.SPARK_CONNECT_JAR) out.push(process.env.SPARK_CONNECT_JAR);
  const venvLib = join(repoRoot, ".engines/spark/venv/lib");
  if (existsSync(venvLib)) for (const py of readdirSync(venvLib)) out.push(join(venvLib, py, "site-packages/pyspark/jars", JAR));
  if (process.env.SPARK_HOME) out.push(join(process.env.SPARK_HOME, "jars", JAR));
  out.push(join(cacheDir, JAR));
  return out;
}

const findJar = () => jarCandidates().find((p) => existsSync(p));

async function fromMaven() {
  const url = `https://repo1.maven.org/maven2/org/apache/spark/spark-connect_2.13/${SPARK_VERSION}/${JAR}`;
  try {
    const [jar, sha1] = await Promise.all([fetch(url), fetch(`${url}.sha1`)]);
    if (!jar.ok || !sha1.ok) return undefined;
    const bytes = Buffer.from(await jar.arrayBuffer());
    const expected = (await sha1.text()).trim().split(/\s+/)[0];
    if (createHash("sha1").update(bytes).digest("hex") !== expected) throw new Error(`checksum mismatch for ${url}`);
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(join(cacheDir, JAR), bytes);
    return join(cacheDir, JAR);
  } catch (err) {
    if (verbose) log(`Maven Central: ${err.message}`);
    return undefined;
  }
}

/** The entries of a zip file (a jar), read from its central directory. */
function unzip(buf, filter) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip file");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("corrupt zip central directory");
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (!filter(name)) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    files.set(name, method === 0 ? data : method === 8 ? inflateRawSync(data) : undefined);
    if (!files.get(name)) throw new Error(`${name}: unsupported zip method ${method}`);
  }
  return files;
}

let jar = findJar() ?? (await fromMaven());
if (!jar) {
  log(`${JAR} not found; installing the project's Spark (scripts/engines/spark.sh)`);
  const r = spawnSync("bash", [join(repoRoot, "scripts/engines/spark.sh")], { stdio: "inherit" });
  jar = r.status === 0 ? findJar() : undefined;
  if (!jar) {
    console.error(`spark-connect protos: cannot find ${JAR}. Run scripts/engines/spark.sh, or set SPARK_HOME or SPARK_CONNECT_JAR to a Spark ${SPARK_VERSION} installation's jar.`);
    process.exit(1);
  }
}

const jarBytes = readFileSync(jar);
const genVersion = JSON.parse(readFileSync(join(pkgDir, "node_modules/@bufbuild/protoc-gen-es/package.json"), "utf8")).version;
const stamp = createHash("sha256").update(jarBytes).update(genVersion).update(readFileSync(import.meta.filename)).digest("hex");
const stampFile = join(outDir, ".stamp");
if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) {
  if (verbose) log("up to date");
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), "spark-connect-protos-"));
try {
  const protos = unzip(jarBytes, wanted);
  for (const [name, data] of protos) {
    mkdirSync(dirname(join(work, name)), { recursive: true });
    writeFileSync(join(work, name), data);
  }
  rmSync(outDir, { recursive: true, force: true });
  const template = {
    version: "v2",
    plugins: [{ local: join(pkgDir, "node_modules/.bin/protoc-gen-es"), out: outDir, opt: ["target=ts", "import_extension=ts"] }],
  };
  execFileSync(join(pkgDir, "node_modules/.bin/buf"), ["generate", work, "--template", JSON.stringify(template)], { stdio: ["ignore", "inherit", "inherit"] });
  writeFileSync(join(outDir, "README.md"), `Generated from ${JAR} by scripts/generate-protos.mjs. Do not edit; not committed.\n`);
  writeFileSync(stampFile, stamp);
  log(`generated ${protos.size} files from ${jar}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
