#!/usr/bin/env node
// Package checks, run by CI after the build: for every publishable package, lint the packed tarball
// (publint, are-the-types-wrong), then install the tarballs with npm into a clean scratch project
// and use them the way a consumer does: plain `node`, the `flyte-ts` bin, and a third-party plugin
// (examples/third-party-plugin) that runs core's contract suite against itself. The packed manifests
// must carry the metadata npm shows (repository with its folder, homepage, bugs, keywords, license with
// its text) and, for plugins, a peer range on core that follows the policy in scripts/peer-range-policy.mjs.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { corePeerRangeProblem } from "./peer-range-policy.mjs";

const root = resolve(import.meta.dirname, "..");
const REPOSITORY = "https://github.com/flyte-ts/flyte-ts";
const work = mkdtempSync(join(tmpdir(), "flyte-ts-packages-"));
let failures = 0;

function sh(cmd, args, cwd, { quiet = false } = {}) {
  process.stderr.write(`$ ${cmd} ${args.join(" ")}   (in ${cwd})\n`);
  return execFileSync(cmd, args, { cwd, stdio: quiet ? ["ignore", "pipe", "inherit"] : ["ignore", "inherit", "inherit"], encoding: "utf8" });
}

function check(label, fn) {
  try {
    fn();
    console.error(`ok   ${label}`);
  } catch (err) {
    failures++;
    console.error(`FAIL ${label}: ${err.message.split("\n")[0]}`);
  }
}

const packages = readdirSync(join(root, "packages"))
  .map((dir) => ({ dir: join(root, "packages", dir), folder: `packages/${dir}`, manifest: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) }))
  .filter((p) => !p.manifest.private);

/** What the packed manifest must say about where the package comes from and under which terms. */
function metadataProblems(packed, folder, listing, licenseText) {
  const problems = [];
  const repo = packed.repository;
  if (repo?.type !== "git" || repo?.url !== `git+${REPOSITORY}.git`) problems.push(`repository must be { type: "git", url: "git+${REPOSITORY}.git" }`);
  if (repo?.directory !== folder) problems.push(`repository.directory must be "${folder}", got ${JSON.stringify(repo?.directory)}`);
  if (packed.homepage !== `${REPOSITORY}/tree/main/${folder}#readme`) problems.push(`homepage must be ${REPOSITORY}/tree/main/${folder}#readme`);
  if (packed.bugs?.url !== `${REPOSITORY}/issues`) problems.push(`bugs.url must be ${REPOSITORY}/issues`);
  if (!Array.isArray(packed.keywords) || packed.keywords.length === 0 || !packed.keywords.every((k) => typeof k === "string" && k !== "")) {
    problems.push("keywords must be a non-empty list of words");
  }
  if (packed.license !== "Apache-2.0") problems.push(`license must be "Apache-2.0", got ${JSON.stringify(packed.license)}`);
  if (!listing.includes("package/LICENSE")) problems.push("LICENSE is not in the tarball");
  else if (licenseText !== readFileSync(join(root, "LICENSE"), "utf8")) problems.push("the packed LICENSE differs from the repository's");
  return problems;
}

const coreVersion = packages.find((p) => p.manifest.name === "@flyte-ts/core").manifest.version;
const tarballs = {};
for (const { dir, folder, manifest } of packages) {
  check(`${manifest.name}: publint`, () => sh("pnpm", ["exec", "publint", "--strict"], dir));
  check(`${manifest.name}: are-the-types-wrong (ESM only)`, () => sh("pnpm", ["exec", "attw", "--pack", ".", "--profile", "esm-only", "--format", "table-flipped"], dir));
  check(`${manifest.name}: pack`, () => {
    const out = sh("pnpm", ["pack", "--pack-destination", work], dir, { quiet: true });
    const file = out.trim().split("\n").filter((l) => l.endsWith(".tgz")).at(-1);
    tarballs[manifest.name] = resolve(dir, file.startsWith("/") ? file : join(work, file.split("/").at(-1)));
    const listing = execFileSync("tar", ["-tzf", tarballs[manifest.name]], { encoding: "utf8" });
    const packed = JSON.parse(execFileSync("tar", ["-xzOf", tarballs[manifest.name], "package/package.json"], { encoding: "utf8" }));
    if (!listing.includes("package/dist/index.js") || !listing.includes("package/dist/index.d.ts")) throw new Error("dist/index.js or dist/index.d.ts missing");
    if (listing.includes("package/src/")) throw new Error("sources (src/) are in the tarball");
    if (JSON.stringify(packed.exports).includes("@flyte-ts/source")) throw new Error("the source export condition leaked into the tarball");
    if (JSON.stringify(packed).includes("workspace:")) throw new Error("a workspace: range leaked into the tarball");
    // The CRD schema is derived at bootstrap into a git-ignored folder: the build must still bundle it.
    const crd = manifest["flyte-ts"]?.crd;
    if (crd) {
      const stem = crd.schema.split("/").at(-1).replace(/\.json$/, "");
      const chunk = listing.split("\n").find((f) => f.startsWith(`package/dist/${stem}-`) && f.endsWith(".js"));
      if (!chunk) throw new Error(`the CRD schema ${crd.schema} (from ${crd.source}) is not bundled in dist/`);
      const text = execFileSync("tar", ["-xzOf", tarballs[manifest.name], chunk], { encoding: "utf8", maxBuffer: 64 << 20 });
      if (!text.includes("x-kubernetes-")) throw new Error(`${chunk} does not hold the CRD schema`);
    }
    const license = listing.includes("package/LICENSE") ? execFileSync("tar", ["-xzOf", tarballs[manifest.name], "package/LICENSE"], { encoding: "utf8" }) : "";
    const problems = metadataProblems(packed, folder, listing, license);
    const peer = packed.peerDependencies?.["@flyte-ts/core"];
    if (peer !== undefined) {
      const problem = corePeerRangeProblem(peer, coreVersion);
      if (problem) problems.push(problem);
    }
    if (problems.length > 0) throw new Error(`packed package.json: ${problems.join("; ")}`);
  });
}

// A consumer project: npm, plain node, the published files only.
const consumer = join(work, "consumer");
check("consumer: npm install of the tarballs", () => {
  cpSync(join(root, "scripts/consumer"), consumer, { recursive: true });
  // zod as a user installs it: tasks.ts declares its output with it; tsx (an optional peer of core) because
  // the CLI loads tasks.ts with it.
  const core = JSON.parse(readFileSync(join(root, "packages/flyte-core/package.json"), "utf8"));
  sh("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...Object.values(tarballs), `zod@${core.dependencies.zod}`, `tsx@${core.devDependencies.tsx}`], consumer);
});
check("consumer: serialize one task per installed package under plain node", () => sh("node", ["smoke.mjs"], consumer));
check("consumer: the runtime entry point @flyte-ts/core/runtime", () => sh("node", ["--input-type=module", "-e", 'const r = await import("@flyte-ts/core/runtime"); if (typeof r.storageFor !== "function" || typeof r.runAction !== "function") throw new Error("runtime exports missing");'], consumer));
check("consumer: flyte-ts --help", () => sh(join(consumer, "node_modules/.bin/flyte-ts"), ["--help"], consumer, { quiet: true }));
check("consumer: flyte-ts serialize of a TypeScript module", () => {
  const out = sh(join(consumer, "node_modules/.bin/flyte-ts"), ["serialize", "tasks.ts", "--version", "v1"], consumer, { quiet: true });

// The base image layout of docs/runtime.md: dependencies installed with npm, `a0` from node_modules/.bin,
// the task started from its own serialized container args with file storage.
check("consumer: a0 runs a task from its serialized container args", () => {
  const [spec] = JSON.parse(sh(join(consumer, "node_modules/.bin/flyte-ts"), ["serialize", "tasks.ts", "--version", "v1", "--root-dir", "."], consumer, { quiet: true }));
  const io = join(work, "a0-run");
  mkdirSync(join(io, "inputs"), { recursive: true });
  writeFileSync(join(io, "inputs", "inputs.pb"), new Uint8Array()); // no inputs
  const args = spec.taskTemplate.container.args.slice(1).map((arg) =>
    arg.replace(/{{\s*[.$]input\s*}}/i, join(io, "inputs", "inputs.pb")).replace(/{{\s*[.$]outputPrefix\s*}}/i, `file://${io}/out`));
  execFileSync(join(consumer, "node_modules/.bin/a0"), args, {
    cwd: consumer, stdio: ["ignore", "ignore", "inherit"],
    env: { PATH: process.env.PATH, _U_RUN_BASE: `file://${io}/`, RUN_NAME: "r1", ACTION_NAME: "a0", FLYTE_INTERNAL_EXECUTION_PROJECT: "p", FLYTE_INTERNAL_EXECUTION_DOMAIN: "d", _U_ORG_NAME: "local" },
  });
  // task.Outputs {o0: "hello"}
  const got = readFileSync(join(io, "out", "outputs.pb")).toString("hex");
  if (got !== "0a110a026f30120b0a090a071a0568656c6c6f") throw new Error(`unexpected outputs.pb ${got}`);
});
  const names = JSON.parse(out).map((s) => s.taskTemplate.id.name);
  if (names.join() !== "consumer.hello") throw new Error(`unexpected tasks ${names}`);
});

// The third-party plugin, as an outside author would build it against the packed core.
const thirdParty = join(work, "third-party-plugin");
check("third-party plugin: npm install with the packed core", () => {
  cpSync(join(root, "examples/third-party-plugin"), thirdParty, { recursive: true, filter: (src) => !src.includes("node_modules") });
  // --no-save: the plugin reads its core range from its own package.json (readPluginPackage), which npm
  // would otherwise rewrite to the tarball's file: spec.
  sh("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", tarballs["@flyte-ts/core"]], thirdParty);
});
check("third-party plugin: core's contract suite", () => sh("npx", ["vitest", "run"], thirdParty));
check("third-party plugin: flyte-ts serialize", () => {
  const out = sh("npx", ["flyte-ts", "serialize", "example.ts", "--version", "v1"], thirdParty, { quiet: true });
  const [spec] = JSON.parse(out);
  const expected = JSON.stringify({ numWorkers: 4, numLauncherReplicas: 1, slots: 2 });
  if (spec.taskTemplate.type !== "mpi" || JSON.stringify(spec.taskTemplate.custom) !== expected) {
    throw new Error(`unexpected task ${JSON.stringify(spec.taskTemplate.custom)}`);
  }
});

if (!process.env.KEEP_PACKAGE_CHECKS) rmSync(work, { recursive: true, force: true });
console.log(`package checks: ${failures === 0 ? "all passed" : `${failures} failed`}`);
process.exit(failures === 0 ? 0 : 1);
