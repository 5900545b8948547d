#!/usr/bin/env node
// The API documentation check: builds the docs model with typedoc (typedoc.json, warnings are errors)
// as JSON, then requires every option of every user-facing config interface to state
//   - its default: a `@defaultValue` with the value in backticks, or a summary paragraph "Required. …"
//     (the only choice for a property that is not optional), and
//   - its validation rule: a summary paragraph "Validation: …" (what the checks accept).
// Config interfaces are every exported interface whose name ends in "Options" (unless exempted below,
// with the reason) plus the few listed by name, so that a new config interface is checked too.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");

// Config interfaces whose names do not end in "Options".
const ALSO_CHECKED = {
  "@flyte-ts/core": ["TaskOverride", "CodeBundle", "ImageCache"],
  "@flyte-ts/plugin-databricks": ["DatabricksRunSpec", "DatabricksNewCluster", "DatabricksAutoscale"],
};
// "…Options" interfaces that configure tooling rather than tasks.
const EXEMPT = {
  "@flyte-ts/core": {
    PodSpecFromResourcesOptions: "arguments of a helper for plugin authors",
    SchemaCheckOptions: "arguments of the CRD schema checker used in tests",
  },
  "@flyte-ts/core/testing": { PluginContractOptions: "the contract test suite's arguments" },
  "@flyte-ts/core/remote": {
    FlyteTransportOptions: "building block shared with a0's controller: transport internals",
    UploadFileOptions: "arguments of the upload building block (deploy and runRemote are the documented entry points)",
    ClientCredentialsOptions: "arguments of the token-source building block (configured through RemoteOptions)",
  },
  "@flyte-ts/core/runtime": { RunActionOptions: "a0's runner called in-process (tests and embedders): process wiring, not configuration" },
  "@flyte-ts/plugin-dask": { ShipCodeBundleOptions: "arguments of the code-bundle hook's internals" },
  "@flyte-ts/plugin-databricks": {
    DatabricksConnectorOptions: "the Jobs API client's transport settings",
    JobsHttpOptions: "the Jobs API client's transport settings",
  },
  "@flyte-ts/plugin-databricks/testing": { FakeJobsServerOptions: "the fake server for tests" },
  "@flyte-ts/plugin-spark": { ReadSparkOptions: "arguments of the Spark reader reused by the Databricks plugin" },
};
// Every entry point must be documented: a module missing from the docs is itself a failure.
const MODULES = [
  "@flyte-ts/core", "@flyte-ts/core/testing", "@flyte-ts/core/remote", "@flyte-ts/core/runtime", "@flyte-ts/core/plugin-kit", "@flyte-ts/plugin-spark", "@flyte-ts/plugin-databricks",
  "@flyte-ts/plugin-databricks/testing", "@flyte-ts/plugin-ray", "@flyte-ts/plugin-dask",
  "@flyte-ts/spark-connect", "@flyte-ts/spark-connect/local",
];
const INTERFACE = 256;
const PROPERTY = 1024;

function buildDocsJson() {
  const dir = mkdtempSync(join(tmpdir(), "flyte-ts-docs-"));
  const file = join(dir, "docs.json");
  try {
    execFileSync(process.execPath, [join(root, "node_modules/typedoc/bin/typedoc"), "--json", file], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    const output = `${err.stdout ?? ""}${err.stderr ?? ""}`.trim();
    console.error(`typedoc failed (typedoc.json treats warnings as errors):\n${output || err.message}`);
    process.exit(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Plain text of a typedoc comment part list (code spans keep their backticks). */
const text = (parts = []) => parts.map((p) => p.text).join("");

/** What is missing from one property's documentation. */
function propertyProblems(property) {
  const comment = property.comment;
  if (!comment) return ["no doc comment"];
  const paragraphs = text(comment.summary).split(/\n\s*\n/).map((p) => p.trim());
  const problems = [];
  const required = paragraphs.some((p) => /^Required\.\s*\S/.test(p));
  const defaultTag = comment.blockTags?.find((t) => t.tag === "@defaultValue");
  if (!property.flags?.isOptional && !required) problems.push('not optional, so its summary must start a paragraph with "Required."');
  if (!defaultTag && !required) problems.push('no @defaultValue and no "Required." paragraph');
  if (defaultTag && !defaultTag.content.some((p) => p.kind === "code" && !p.text.startsWith("```"))) {
    problems.push("@defaultValue must show the value in backticks (plain text is rendered as a code block)");
  }
  if (!paragraphs.some((p) => /^Validation:\s*\S/.test(p))) problems.push('no "Validation: …" paragraph stating the rule');
  return problems;
}

function main() {
  const project = buildDocsJson();
  const modules = new Map((project.children ?? []).map((m) => [m.name, m]));
  const failures = [];
  let checked = 0;
  for (const name of MODULES) {
    const mod = modules.get(name);
    if (!mod) {
      failures.push(`${name}: module missing from the docs (entry points in typedoc.json, @module tag in its index.ts)`);
      continue;
    }
    const interfaces = (mod.children ?? []).filter((c) => c.kind === INTERFACE);
    const wanted = new Set([...(ALSO_CHECKED[name] ?? []), ...interfaces.map((i) => i.name).filter((n) => n.endsWith("Options") && !EXEMPT[name]?.[n])]);
    for (const ifaceName of wanted) {
      const iface = interfaces.find((i) => i.name === ifaceName);
      if (!iface) {
        failures.push(`${name}: ${ifaceName} is not in the docs`);
        continue;
      }
      checked++;
      for (const property of (iface.children ?? []).filter((c) => c.kind === PROPERTY)) {
        for (const problem of propertyProblems(property)) failures.push(`${name}: ${ifaceName}.${property.name}: ${problem}`);
      }
    }
  }
  for (const failure of failures) console.error(`FAIL ${failure}`);
  console.log(`docs: ${checked} config interfaces checked, ${failures.length === 0 ? "every option states its default and rule" : `${failures.length} problems`}`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main();
