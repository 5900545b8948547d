import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { FlyteTsError } from "@flyte-ts/core";
import { buildCodeBundle } from "../../src/bundle/build.ts";
import { listBundleFiles } from "../../src/bundle/list-files.ts";
import { readTarEntries } from "../../src/bundle/tar-reader.ts";
import { PROJECT, PROJECT_FILES, PROJECT_REFERENCE_DIGEST, writeProject, writeTree } from "./project-fixture.ts";

const outDir = () => mkdtempSync(join(tmpdir(), "flyte-ts-bundle-out-"));

async function bundleError(fn: () => Promise<unknown>): Promise<FlyteTsError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof FlyteTsError) return err;
    throw err;
  }
  throw new Error("expected a FlyteTsError");
}

describe("buildCodeBundle", () => {
  it("holds exactly the project's sources, sorted, named by the reference's files digest (compile: false)", async () => {
    const root = writeProject();
    const built = await buildCodeBundle({ rootDir: root, outDir: outDir(), compile: false });
    expect(built.files).toEqual(PROJECT_FILES);
    expect(built.digest).toBe(PROJECT_REFERENCE_DIGEST);
    expect(basename(built.archivePath)).toBe(`fast${PROJECT_REFERENCE_DIGEST}.tar.gz`);
    const bytes = readFileSync(built.archivePath);
    expect(built.version).toBe(createHash("md5").update(bytes).digest("hex"));
    const entries = readTarEntries(bytes);
    expect(entries.map((e) => [e.name, e.type, e.mode, e.mtime, e.data.toString()])).toEqual(
      PROJECT_FILES.map((p) => [p, "file", p === "scripts/run.sh" ? 0o755 : 0o644, Date.UTC(1981, 0, 1) / 1000, PROJECT[p]]),
    );
    // Nothing secret or ignored anywhere in the archive.
    const tar = gunzipSync(bytes).toString("latin1");
    expect(tar).not.toContain("secret");
    expect(tar).not.toContain("PRIVATE KEY");
    expect(tar).not.toContain("node_modules");
    expect(built.skipped.map((s) => s.path)).toEqual([
      ".env", ".env.local", ".git", ".npmrc", "debug.log", "dist", "generated", "id_rsa", "keys/server.pem", "node_modules", "scratch.tmp", "src/node_modules",
    ]);
  });

  it("writes a gzip header with no time and the 'unknown' OS byte", async () => {
    const built = await buildCodeBundle({ rootDir: writeProject(), outDir: outDir() });
    expect([...readFileSync(built.archivePath).subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
  });

  it("gives the same bytes for a copy of the tree with other times, permissions and location", async () => {
    const first = writeProject();
    const second = mkdtempSync(join(tmpdir(), "flyte-ts-project-copy-"));
    cpSync(first, second, { recursive: true });
    for (const path of PROJECT_FILES) {
      utimesSync(join(second, path), new Date("2020-05-05T10:00:00Z"), new Date("2020-05-05T10:00:00Z"));
      if (path !== "scripts/run.sh") chmodSync(join(second, path), 0o600);
    }
    chmodSync(join(second, "scripts/run.sh"), 0o700);
    const a = await buildCodeBundle({ rootDir: first, outDir: outDir() });
    const b = await buildCodeBundle({ rootDir: second, outDir: outDir() });
    expect(readFileSync(b.archivePath).equals(readFileSync(a.archivePath))).toBe(true);
    expect(b.version).toBe(a.version);
    expect(b.digest).toBe(a.digest);
    // A change of content changes both.
    writeFileSync(join(second, "src/etl.ts"), "export const rows = 2;\n");
    const c = await buildCodeBundle({ rootDir: second, outDir: outDir() });
    expect([c.version === a.version, c.digest === a.digest]).toEqual([false, false]);
  });

  it("is read by the system tar with owner 0/0 and date 1981-01-01", async () => {
    const built = await buildCodeBundle({ rootDir: writeProject(), outDir: outDir(), compile: false });
    const r = spawnSync("tar", ["-tzvf", built.archivePath, "--numeric-owner"], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } });
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split("\n").map((line) => line.trim().split(/\s+/));
    expect(rows).toEqual(
      PROJECT_FILES.map((p) => [p === "scripts/run.sh" ? "-rwxr-xr-x" : "-rw-r--r--", "0/0", String(PROJECT[p]!.length), "1981-01-01", "00:00", p]),
    );
  });

  it("stores long paths in the ustar prefix field and refuses paths that do not fit", async () => {
    const dir = `${"d".repeat(60)}/${"e".repeat(60)}`;
    const root = writeTree(mkdtempSync(join(tmpdir(), "flyte-ts-long-")), { [`${dir}/${"f".repeat(90)}.ts`]: "x\n" });
    const built = await buildCodeBundle({ rootDir: root, outDir: outDir() });
    const r = spawnSync("tar", ["-tzf", built.archivePath], { encoding: "utf8" });
    expect(r.stdout).toBe(`${dir}/${"f".repeat(90)}.ts\n`);
    expect(readTarEntries(readFileSync(built.archivePath)).map((e) => e.name)).toEqual([`${dir}/${"f".repeat(90)}.ts`]);

    writeTree(root, { [`${"g".repeat(101)}.ts`]: "x\n" });
    const err = await bundleError(() => buildCodeBundle({ rootDir: root, outDir: outDir() }));
    expect(err.code).toBe("CODE_BUNDLE");
    expect(err.message).toBe(`path too long for a code bundle (at most 155 bytes of directories and a 100-byte file name): ${"g".repeat(101)}.ts`);
  });

  it("refuses an empty bundle and a missing root", async () => {
    const root = writeTree(mkdtempSync(join(tmpdir(), "flyte-ts-empty-")), { ".env": "A=1\n", "dist/x.js": "" });
    const err = await bundleError(() => buildCodeBundle({ rootDir: root, outDir: outDir() }));
    expect([err.code, err.message]).toEqual([
      "CODE_BUNDLE",
      `code bundle of ${root} would be empty: every file is ignored (2 entries skipped; see \`flyte-ts bundle --list\`)`,
    ]);
    const missing = await bundleError(() => buildCodeBundle({ rootDir: join(root, "nope"), outDir: outDir() }));
    expect([missing.code, missing.message]).toEqual(["CODE_BUNDLE", `code bundle root ${join(root, "nope")} does not exist`]);
  });

  it("leaves earlier bundles and nothing else behind in the output directory", async () => {
    const root = writeProject();
    const first = await buildCodeBundle({ rootDir: root, outDir: root });
    const second = await buildCodeBundle({ rootDir: root, outDir: root });
    expect(second.archivePath).toBe(first.archivePath);
    expect(second.version).toBe(first.version);
    expect(readdirSync(root).filter((n) => n.endsWith(".tar.gz") || n.endsWith(".tmp"))).toEqual([basename(first.archivePath), "scratch.tmp"]);
  });
});

describe("listBundleFiles and symbolic links", () => {
  it("reads through links inside the root and skips links leaving it, links to secrets and cycles", () => {
    const outside = writeTree(mkdtempSync(join(tmpdir(), "flyte-ts-outside-")), { "secret.ts": "x\n" });
    const root = writeTree(mkdtempSync(join(tmpdir(), "flyte-ts-links-")), { "src/a.ts": "a\n", ".env": "T=1\n" });
    symlinkSync("src/a.ts", join(root, "alias.ts"));
    symlinkSync(join(outside, "secret.ts"), join(root, "escape.ts"));
    symlinkSync(".env", join(root, "config"));
    symlinkSync("missing.ts", join(root, "broken.ts"));
    symlinkSync("..", join(root, "src", "loop"));
    symlinkSync("src", join(root, "linked-src"));
    mkdirSync(join(root, "real"));
    const listing = listBundleFiles(root);
    expect(listing.files.map((f) => [f.path, readFileSync(f.absolutePath, "utf8")])).toEqual([
      ["alias.ts", "a\n"],
      ["linked-src/a.ts", "a\n"],
      ["src/a.ts", "a\n"],
    ]);
    expect(listing.skipped).toEqual([
      { path: ".env", reason: "always excluded (.env: dotenv file: holds secrets)" },
      { path: "broken.ts", reason: "broken symbolic link" },
      { path: "config", reason: "symbolic link to .env, which is always excluded" },
      { path: "escape.ts", reason: "symbolic link to outside the root" },
      { path: "linked-src/loop", reason: "symbolic link cycle" },
      { path: "src/loop", reason: "symbolic link cycle" },
    ]);
  });

  it("lets a .flyteignore re-include what a .gitignore or the standard ignores leave out, but never a secret", () => {
    const root = writeTree(mkdtempSync(join(tmpdir(), "flyte-ts-flyteignore-")), {
      ".gitignore": "gen/\n",
      ".flyteignore": "!gen/\n!dist/\n!.env\ntests/\n",
      "gen/types.ts": "", "dist/x.js": "", ".env": "", "tests/a.test.ts": "", "src/a.ts": "",
    });
    expect(listBundleFiles(root).files.map((f) => f.path)).toEqual([".flyteignore", ".gitignore", "dist/x.js", "gen/types.ts", "src/a.ts"]);
  });
});
