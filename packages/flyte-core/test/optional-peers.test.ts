// tsx, esbuild and Connect are optional peer dependencies: without them, declaring and serializing JavaScript
// modules works, and what needs them fails with a typed error saying what to install. "Not installed" is
// simulated with module hooks that hide the packages (test/fixtures/hide-packages.mjs).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromBinary, fromJson, toBinary, toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ErrorDocumentSchema } from "../src/gen/flyteidl2/core/execution_pb.ts";
import { InputsSchema } from "../src/gen/flyteidl2/task/common_pb.ts";
import { a0Bin, backendEnv, cliBin, pkgDir, serializeFixture } from "./runtime/a0-harness.ts";
import { renderArgsLikeBackend } from "./runtime/backend-args.ts";

const hide = join(pkgDir, "test/fixtures/hide-packages-register.mjs");
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `flyte-ts-${prefix}-`));

function node(hidden: string[], args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return spawnSync(process.execPath, ["--import", hide, ...args], {
    cwd: options.cwd ?? pkgDir, encoding: "utf8", env: { ...(options.env ?? process.env), HIDE_PACKAGES: hidden.join(",") },
  });
}

/** Runs the built a0 on a fixture task (no bundle) with packages hidden; returns error.pb as JSON. */
function a0ErrorWithout(hidden: string[], module: string, task: string, env: Record<string, string> = {}) {
  const spec = serializeFixture(module).get(task)!;
  const dir = tmp("a0");
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in/inputs.pb"), new Uint8Array());
  const [, ...args] = renderArgsLikeBackend(spec.taskTemplate.container.args, { inputPrefix: join(dir, "in"), outputPrefix: `file://${dir}/out`, runtimeVersion: spec.taskTemplate.metadata.runtime.version });
  const r = node(hidden, [a0Bin, ...args], { env: { ...backendEnv(`file://${dir}/run/`), ...env } });
  expect(r.status, r.stderr).toBe(0);
  return toJson(ErrorDocumentSchema, fromBinary(ErrorDocumentSchema, readFileSync(join(dir, "out/error.pb"))));
}

describe("optional peer dependencies", { timeout: 120_000 }, () => {
  it("without tsx nor esbuild, a0 reports a TypeScript module it cannot load, saying what to install", () => {
    expect(a0ErrorWithout(["tsx", "esbuild"], "test/fixtures/runtime-tasks.ts", "rt.nothing", { FLYTE_TS_CACHE_DIR: tmp("cache") })).toEqual({
      error: {
        code: "MODULE_LOAD",
        message: `${join(pkgDir, "test/fixtures/runtime-tasks.ts")} is TypeScript: loading it needs tsx, which is not installed (npm install --save-dev tsx; it brings esbuild, which compiles TypeScript ES modules without tsx's loader), or Node.js 22.18 or later (type stripping); or bundle the code (flyte-ts bundle compiles it to JavaScript for a0)`,
        kind: "RECOVERABLE", // origin UNKNOWN is the enum default: absent from the JSON
      },
    });
  });

  it("without esbuild (nor tsx, which brings it), bundling TypeScript is a CODE_BUNDLE error saying what to install; JavaScript still bundles", () => {
    const root = tmp("esm");
    writeFileSync(join(root, "package.json"), '{ "type": "module" }\n');
    writeFileSync(join(root, "a.ts"), "export const a = 1;\n");
    const ts = node(["esbuild"], [cliBin, "bundle", "--root-dir", root, "--out", tmp("out")]);
    expect([ts.status, ts.stderr]).toEqual([
      1,
      "error [CODE_BUNDLE]: the code bundle's TypeScript modules are compiled to JavaScript with esbuild, which is not installed: npm install --save-dev esbuild (or tsx, which brings it)\n",
    ]);
    const jsRoot = tmp("js");
    writeFileSync(join(jsRoot, "package.json"), '{ "type": "module" }\n');
    writeFileSync(join(jsRoot, "a.js"), "export const a = 1;\n");
    const js = node(["esbuild", "tsx"], [cliBin, "bundle", "--root-dir", jsRoot, "--out", tmp("out")]);
    expect(js.status, js.stderr).toBe(0);
    expect(JSON.parse(js.stdout)).toMatchObject({ files: 2 });
  });

  it("without Connect, a task calling a task in the cluster fails with a CHILD_ACTION error saying what to install", () => {
    // fanOut calls square; told of a control plane (_U_EP_OVERRIDE), a0 makes the call a child action.
    const spec = serializeFixture("test/fixtures/child-tasks.ts").get("ct.fanOut")!;
    const dir = tmp("a0");
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in/inputs.pb"), toBinary(InputsSchema, fromJson(InputsSchema, { literals: [{ name: "n", value: { scalar: { primitive: { integer: "2" } } } }] })));
    const [, ...args] = renderArgsLikeBackend(spec.taskTemplate.container.args, { inputPrefix: join(dir, "in"), outputPrefix: `file://${dir}/out`, runtimeVersion: spec.taskTemplate.metadata.runtime.version });
    const r = node(["@connectrpc/connect", "@connectrpc/connect-node"], [a0Bin, ...args], { env: { ...backendEnv(`file://${dir}/run/`), _U_EP_OVERRIDE: "http://127.0.0.1:9", _U_INSECURE: "true" } });
    expect(r.status, r.stderr).toBe(0);
    expect(toJson(ErrorDocumentSchema, fromBinary(ErrorDocumentSchema, readFileSync(join(dir, "out/error.pb"))))).toMatchObject({
      error: {
        code: "CHILD_ACTION",
        message: "calling a task from a task in the cluster makes it a child action, which needs @connectrpc/connect and @connectrpc/connect-node in the image: npm install @connectrpc/connect@^2.1.2 @connectrpc/connect-node@^2.1.2",
      },
    });
  });
});
