import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { taskSpecFromBinary, taskSpecToJson } from "@flyte-ts/core";
import { PROJECT_FILES, writeProject } from "./project-fixture.ts";

// These run the built bin (`pnpm build` first), as cli.test.ts does.
const pkgDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const bin = join(pkgDir, "bin", "flyte-ts.js");
const fixtures = join(pkgDir, "test", "fixtures");

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: pkgDir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const md5 = (path: string) => createHash("md5").update(readFileSync(path)).digest("hex");
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `flyte-ts-${prefix}-`));

/** Builds a bundle of test/fixtures with the CLI; returns its printed JSON. */
function bundleFixtures(): { archive: string; version: string; digest: string; files: number } {
  const r = cli("bundle", "--root-dir", fixtures, "--out", tmp("cli-bundle"));
  expect(r.stderr).toMatch(/^flyte-ts: bundled \d+ file\(s\) of /);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

const argsOf = (spec: Record<string, any>): string[] => spec.taskTemplate.container.args;

describe("flyte-ts bundle", { timeout: 60_000 }, () => {
  it("writes fast<digest>.tar.gz and prints its path, version, digest and file count", () => {
    const out = bundleFixtures();
    expect(Object.keys(out)).toEqual(["archive", "version", "digest", "files"]);
    expect(out.archive).toMatch(new RegExp(`/fast${out.digest}\\.tar\\.gz$`));
    expect(out.digest).toMatch(/^[0-9a-f]{32}$/);
    expect(out.version).toBe(md5(out.archive));
    expect(out.files).toBe(readdirSync(fixtures).length);
    // Same tree, same archive.
    expect(bundleFixtures().version).toBe(out.version);
  });

  it("lists what would be included and what is left out with --list, writing nothing", () => {
    const root = writeProject();
    const before = readdirSync(root).sort();
    const r = cli("bundle", "--list", "--root-dir", root);
    expect(r.status).toBe(0);
    const listed = JSON.parse(r.stdout);
    expect(listed.root).toBe(root);
    expect(listed.files).toBe(PROJECT_FILES.length);
    expect(listed.included).toEqual(PROJECT_FILES);
    expect(listed.skipped.slice(0, 3)).toEqual([
      { path: ".env", reason: "always excluded (.env: dotenv file: holds secrets)" },
      { path: ".env.local", reason: "always excluded (.env.*: dotenv file: holds secrets (.env.local, .env.production, … and templates alike))" },
      { path: ".git", reason: "always excluded (.git: repository metadata (a directory, or a file in worktrees and submodules))" },
    ]);
    expect(readdirSync(root).sort()).toEqual(before);
  });

  it("fails with CODE_BUNDLE for an empty bundle", () => {
    const root = tmp("cli-empty");
    writeFileSync(join(root, ".env"), "A=1\n");
    const r = cli("bundle", "--root-dir", root, "--out", tmp("cli-empty-out"));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`error [CODE_BUNDLE]: code bundle of ${root} would be empty: every file is ignored (1 entries skipped; see \`flyte-ts bundle --list\`)\n`);
  });
});

describe("flyte-ts serialize --bundle", { timeout: 60_000 }, () => {
  it("points every task at a local bundle: --tgz, --dest, metadata.codeBundleUri and the archive's MD5 as version", () => {
    const bundle = bundleFixtures();
    const r = cli("serialize", "test/fixtures/cli-module.ts", "--root-dir", fixtures, "--bundle", bundle.archive);
    expect(r.status).toBe(0);
    const specs = JSON.parse(r.stdout) as Array<Record<string, any>>;
    expect(argsOf(specs[0]!)).toEqual([
      "a0",
      "--inputs", "{{.input}}",
      "--outputs-path", "{{.outputPrefix}}",
      "--version", bundle.version,
      "--raw-data-path", "{{.rawOutputDataPrefix}}",
      "--checkpoint-path", "{{.checkpointOutputPrefix}}",
      "--prev-checkpoint", "{{.prevCheckpointPrefix}}",
      "--run-name", "{{.runName}}",
      "--name", "{{.actionName}}",
      "--run-start-time", "{{.runStartTime}}",
      "--tgz", bundle.archive,
      "--dest", ".",
      "--resolver", "flyte_ts.DefaultTaskResolver", "mod", "cli-module.ts", "task", "cli-demo.greet",
    ]);
    for (const spec of specs) {
      expect(spec.taskTemplate.id.version).toBe(bundle.version);
      expect(spec.taskTemplate.metadata.codeBundleUri).toBe(bundle.archive);
    }
    expect(argsOf(specs[1]!).slice(-10)).toEqual([
      "--tgz", bundle.archive, "--dest", ".", "--resolver", "flyte_ts.DefaultTaskResolver", "mod", "cli-module.ts", "task", "cli-echo.double",
    ]);
  });

  it("writes the bundle URI into the binary TaskSpec too", () => {
    const bundle = bundleFixtures();
    const out = tmp("cli-bundle-pb");
    const r = cli("serialize", "test/fixtures/cli-module.ts", "--root-dir", fixtures, "--bundle", `file://${bundle.archive}`, "--version", "v9", "--out", out);
    expect(r.status).toBe(0);
    const spec = taskSpecToJson(taskSpecFromBinary(readFileSync(join(out, "cli-demo.greet.pb")))) as Record<string, any>;
    expect(spec.taskTemplate.metadata.codeBundleUri).toBe(`file://${bundle.archive}`);
    expect(spec.taskTemplate.id.version).toBe("v9");
    expect(argsOf(spec).slice(argsOf(spec).indexOf("--tgz"), argsOf(spec).indexOf("--tgz") + 4)).toEqual(["--tgz", `file://${bundle.archive}`, "--dest", "."]);
  });

  it("takes a remote bundle with --version, and refuses one without", () => {
    const uri = "s3://my-bucket/code/fast0123456789abcdef0123456789abcdef.tar.gz";
    const ok = cli("serialize", "test/fixtures/cli-module.ts", "--root-dir", fixtures, "--bundle", uri, "--version", "0f1e2d");
    expect(ok.status).toBe(0);
    const spec = JSON.parse(ok.stdout)[0];
    expect(spec.taskTemplate.metadata.codeBundleUri).toBe(uri);
    expect(argsOf(spec).slice(argsOf(spec).indexOf("--tgz"), argsOf(spec).indexOf("--tgz") + 4)).toEqual(["--tgz", uri, "--dest", "."]);
    expect(spec.taskTemplate.id.version).toBe("0f1e2d");

    const bad = cli("serialize", "test/fixtures/cli-module.ts", "--bundle", uri);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(
      `error [INVALID_CONFIG]: Invalid serialize options (1 problem):\n  - version: is required with a remote --bundle (${uri}): pass the version \`flyte-ts bundle\` printed for that archive\n`,
    );
  });

  it("fails with CODE_BUNDLE for a missing or corrupt bundle, and for a bundle without the module", () => {
    const dir = tmp("cli-bad-bundle");
    const missing = cli("serialize", "test/fixtures/cli-module.ts", "--bundle", join(dir, "fastmissing.tar.gz"));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(new RegExp(`^error \\[CODE_BUNDLE\\]: code bundle ${join(dir, "fastmissing.tar.gz")} cannot be read: ENOENT`));

    writeFileSync(join(dir, "fastbad.tar.gz"), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    const corrupt = cli("serialize", "test/fixtures/cli-module.ts", "--bundle", join(dir, "fastbad.tar.gz"));
    expect(corrupt.stderr).toMatch(new RegExp(`^error \\[CODE_BUNDLE\\]: code bundle ${join(dir, "fastbad.tar.gz")} is corrupt: not a valid gzip stream`));

    const other = JSON.parse(cli("bundle", "--root-dir", writeProject(), "--out", dir).stdout);
    const outside = cli("serialize", "test/fixtures/cli-module.ts", "--root-dir", fixtures, "--bundle", other.archive, "--out", join(dir, "specs"));
    expect(outside.status).toBe(1);
    expect(outside.stderr).toBe(
      `error [CODE_BUNDLE]: code bundle ${other.archive} does not contain cli-module.ts: build it from the --root-dir of this command (${fixtures}) and check that the module is not ignored (flyte-ts bundle --list)\n`,
    );
    expect(existsSync(join(dir, "specs"))).toBe(false);
  });
});
