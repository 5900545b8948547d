#!/usr/bin/env node
// Every package whose published files changed since the last release (`changeset version` commit,
// found as the last commit that touched a CHANGELOG.md; else the first commit) must be named by a
// pending changeset in .changeset/. Private packages (examples) are exempt.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const git = (...args) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();

const lastRelease = git("log", "-1", "--format=%H", "--", "packages/*/CHANGELOG.md");
const base = lastRelease || git("rev-list", "--max-parents=0", "HEAD").split("\n").at(-1);
const changedFiles = new Set([
  ...git("diff", "--name-only", base, "--", "packages").split("\n"),
  ...git("diff", "--name-only", "--", "packages").split("\n"),
  // the first commit itself counts when there is no release yet
  ...(lastRelease ? [] : git("show", "--name-only", "--format=", base, "--", "packages").split("\n")),
].filter(Boolean));

// Files that ship: sources, the manifest and the README (tests, reports and configs do not).
const shipped = (file) => /^packages\/[^/]+\/(src\/|package\.json$|README\.md$)/.test(file);
const changedPackages = new Set();
for (const file of changedFiles) {
  if (!shipped(file)) continue;
  const dir = file.split("/")[1];
  const manifestPath = join(root, "packages", dir, "package.json");
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  if (!manifest.private) changedPackages.add(manifest.name);
}

const named = new Set();
for (const file of readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md")) {
  const text = readFileSync(join(root, ".changeset", file), "utf8");
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "";
  for (const m of front.matchAll(/^["']?([^"':]+)["']?\s*:\s*(patch|minor|major)\s*$/gm)) named.add(m[1].trim());
}

const missing = [...changedPackages].filter((p) => !named.has(p)).sort();
if (missing.length > 0) {
  console.error(`Packages changed since ${base.slice(0, 9)} without a changeset: ${missing.join(", ")}. Add one with \`pnpm changeset\`.`);
  process.exit(1);
}
console.error(`changesets: ${changedPackages.size} changed package(s), each named by a changeset`);
