#!/usr/bin/env node
// Release dry run of the peer range policy: plugins peer-depend on core with a bounded range
// (`workspace:>=0.1.0 <1.0.0`), so a core minor never forces a major release of the plugins, while a
// core outside the range still does. On a scratch copy of the workspace manifests and .changeset/,
// each scenario writes its changesets, runs the repository's `changeset version` and checks the
// versions, peer ranges and changelogs it wrote. Nothing in the repository is changed.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { corePeerRangeProblem } from "./peer-range-policy.mjs";

const root = resolve(import.meta.dirname, "..");
const changesetBin = join(root, "node_modules/@changesets/cli/bin.js");
const CORE = "@flyte-ts/core";

// Workspace package folders, from pnpm-workspace.yaml ("dir/*" globs and plain folders).
function workspaceDirs() {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  const globs = [...(/^packages:\n((?:\s+- .*\n)+)/m.exec(yaml)?.[1] ?? "").matchAll(/- "?([^"\n]+)"?/g)].map((m) => m[1].trim());
  return globs.flatMap((glob) =>
    glob.endsWith("/*")
      ? readdirSync(join(root, glob.slice(0, -2)), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${glob.slice(0, -2)}/${d.name}`)
      : [glob],
  ).filter((dir) => existsSync(join(root, dir, "package.json")));
}

const dirs = workspaceDirs();
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
const published = dirs.map((dir) => ({ dir, manifest: readJson(join(root, dir, "package.json")) })).filter((p) => !p.manifest.private);
const core = published.find((p) => p.manifest.name === CORE);
const plugins = published.filter((p) => p.manifest.peerDependencies?.[CORE] !== undefined);
const pendingChangesets = readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");

/** A scratch workspace with the manifests, changelogs and changeset config; `changesets` replace the pending ones unless `keepPending`. */
function scratch(changesets, { keepPending = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "flyte-ts-release-"));
  for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset/config.json"]) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    cpSync(join(root, file), join(dir, file));
  }
  if (keepPending) for (const file of pendingChangesets) cpSync(join(root, ".changeset", file), join(dir, ".changeset", file));
  for (const ws of dirs) {
    mkdirSync(join(dir, ws), { recursive: true });
    for (const file of ["package.json", "CHANGELOG.md"]) if (existsSync(join(root, ws, file))) cpSync(join(root, ws, file), join(dir, ws, file));
  }
  // The changelog generator is resolved from the workspace: reuse the installed one.
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  for (const [name, text] of Object.entries(changesets)) writeFileSync(join(dir, ".changeset", `${name}.md`), text);
  return dir;
}

function changeset(releases, summary) {
  return `---\n${Object.entries(releases).map(([name, type]) => `"${name}": ${type}`).join("\n")}\n---\n\n${summary}\n`;
}

const parse = (version) => version.split(".").map(Number);
const major = (version) => parse(version)[0];
const minorBumped = (from, to) => major(to) === major(from) && parse(to)[1] === parse(from)[1] + 1;

let failures = 0;
function scenario(label, changesets, options, check) {
  const started = Date.now();
  const dir = scratch(changesets, options);
  try {
    execFileSync(process.execPath, [changesetBin, "version"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    const after = Object.fromEntries(published.map((p) => [p.manifest.name, { ...readJson(join(dir, p.dir, "package.json")), changelog: existsSync(join(dir, p.dir, "CHANGELOG.md")) }]));
    const problems = check(after);
    if (problems.length > 0) throw new Error(problems.join("; "));
    const versions = published.map((p) => `${p.manifest.name} ${p.manifest.version}→${after[p.manifest.name].version}`).join(", ");
    console.error(`ok   ${label} (${Date.now() - started} ms): ${versions}`);
  } catch (err) {
    failures++;
    console.error(`FAIL ${label}: ${(err.stderr || err.message).trim()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const peerRange = (manifest) => manifest.peerDependencies[CORE].replace(/^workspace:/, "");

// 1. A core minor alone: the plugins are not released at all, their ranges already admit the new core.
scenario("core minor alone: no plugin is bumped", { "core-minor": changeset({ [CORE]: "minor" }, "A new core feature.") }, {}, (after) => {
  const problems = [];
  const next = after[CORE].version;
  if (!minorBumped(core.manifest.version, next)) problems.push(`core ${core.manifest.version} became ${next}, expected a minor bump`);
  if (!after[CORE].changelog) problems.push("no CHANGELOG.md for core");
  for (const { manifest } of plugins) {
    const now = after[manifest.name];
    if (now.version !== manifest.version) problems.push(`${manifest.name} was bumped ${manifest.version} → ${now.version}`);
    if (now.peerDependencies[CORE] !== manifest.peerDependencies[CORE]) problems.push(`${manifest.name}: peer range rewritten to ${now.peerDependencies[CORE]}`);
    const problem = corePeerRangeProblem(peerRange(now), next);
    if (problem) problems.push(`${manifest.name}: ${problem}`);
  }
  return problems;
});

// 2. A core minor with the pending changesets of the repository: no plugin gets a major, each keeps
//    its range (which admits the new core) and gets its changelog.
scenario("core minor + pending changesets: no plugin major", { "core-minor": changeset({ [CORE]: "minor" }, "A new core feature.") }, { keepPending: true }, (after) => {
  const problems = [];
  const next = after[CORE].version;
  for (const { manifest } of [core, ...plugins]) {
    const now = after[manifest.name];
    if (major(now.version) !== major(manifest.version)) problems.push(`${manifest.name} got a major bump ${manifest.version} → ${now.version}`);
    if (now.version !== manifest.version && !now.changelog) problems.push(`${manifest.name}: released without a CHANGELOG.md`);
    if (manifest === core.manifest) continue;
    if (now.peerDependencies[CORE] !== manifest.peerDependencies[CORE]) problems.push(`${manifest.name}: peer range rewritten to ${now.peerDependencies[CORE]}`);
    const problem = corePeerRangeProblem(peerRange(now), next);
    if (problem) problems.push(`${manifest.name}: ${problem}`);
  }
  return problems;
});

// 3. A core major leaves the plugins' ranges: changesets must release every plugin with a major (its
//    published range would exclude the new core). The range it writes is unbounded (">=1.0.0"): the
//    policy check refuses it, so check-packages fails until it is bounded by hand (">=1.0.0 <2.0.0").
scenario("core major: every plugin is released as a major", { "core-major": changeset({ [CORE]: "major" }, "A breaking core change.") }, {}, (after) => {
  const problems = [];
  const next = after[CORE].version;
  if (major(next) !== major(core.manifest.version) + 1) problems.push(`core became ${next}, expected a major bump`);
  for (const { manifest } of plugins) {
    const now = after[manifest.name];
    if (major(now.version) !== major(manifest.version) + 1) problems.push(`${manifest.name}: ${manifest.version} → ${now.version}, expected a major`);
    if (peerRange(now) !== `>=${next}`) problems.push(`${manifest.name}: peer range became ${peerRange(now)}, expected >=${next}`);
    else if (!corePeerRangeProblem(peerRange(now), next)) problems.push(`${manifest.name}: the policy check accepts the unbounded range ${peerRange(now)}`);
    if (!now.changelog) problems.push(`${manifest.name}: no CHANGELOG.md`);
  }
  return problems;
});

console.log(`release dry run: ${failures === 0 ? "all scenarios passed" : `${failures} failed`}`);
process.exit(failures === 0 ? 0 : 1);
