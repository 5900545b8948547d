import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { FlyteTsError } from "@flyte-ts/core";
import { buildCodeBundle } from "../../src/bundle/build.ts";
import { extractCodeBundle } from "../../src/bundle/extract.ts";
import { PROJECT, PROJECT_FILES, writeProject, writeTree } from "./project-fixture.ts";

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `flyte-ts-${prefix}-`));

async function built() {
  return buildCodeBundle({ rootDir: writeProject(), outDir: temp("bundle-out"), compile: false });
}

async function bundleError(fn: () => Promise<unknown>): Promise<FlyteTsError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof FlyteTsError) return err;
    throw err;
  }
  throw new Error("expected a FlyteTsError");
}

/** Every file under `dir` (relative paths), sorted. */
function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  ).sort();
}

/** A tar made by the system tar from `tree` under `cwd`, with `args` (e.g. -P to keep "../"). */
function systemTar(cwd: string, args: string[]): Buffer {
  const out = join(temp("tar"), "t.tar");
  const r = spawnSync("tar", ["-cf", out, ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return readFileSync(out);
}

function writeArchive(bytes: Buffer, name = "bundle.tar.gz"): string {
  const path = join(temp("archive"), name);
  writeFileSync(path, bytes);
  return path;
}

describe("extractCodeBundle", () => {
  it("unpacks a bundle once: marker after the first call, nothing done by the second", async () => {
    const bundle = await built();
    const dest = join(temp("dest"), "work");
    const name = basename(bundle.archivePath);
    const first = await extractCodeBundle({ uri: bundle.archivePath, destination: dest });
    expect(first).toEqual({ destination: dest, archivePath: join(dest, name), extracted: true });
    expect(filesUnder(dest)).toEqual([`.${name}.extracted`, ...PROJECT_FILES, name].sort());
    for (const path of PROJECT_FILES) expect(readFileSync(join(dest, path), "utf8")).toBe(PROJECT[path]);
    expect(statSync(join(dest, "scripts/run.sh")).mode & 0o777).toBe(0o755);
    expect(statSync(join(dest, "src/etl.ts")).mtime.toISOString()).toBe("1981-01-01T00:00:00.000Z");
    expect(readFileSync(join(dest, name)).equals(readFileSync(bundle.archivePath))).toBe(true);

    writeFileSync(join(dest, "src/etl.ts"), "changed\n");
    let fetched = 0;
    const second = await extractCodeBundle({ uri: bundle.archivePath, destination: dest, fetchTo: async () => void fetched++ });
    expect(second).toEqual({ ...first, extracted: false });
    expect(fetched).toBe(0);
    expect(readFileSync(join(dest, "src/etl.ts"), "utf8")).toBe("changed\n");
  });

  it("accepts file:// URIs and relative destinations", async () => {
    const bundle = await built();
    const parent = temp("dest-rel");
    const cwd = process.cwd();
    process.chdir(parent);
    try {
      const result = await extractCodeBundle({ uri: pathToFileURL(bundle.archivePath).href, destination: "code" });
      expect(result.destination).toBe(join(parent, "code"));
      expect(readFileSync(join(parent, "code", "src/lib/util.ts"), "utf8")).toBe(PROJECT["src/lib/util.ts"]);
    } finally {
      process.chdir(cwd);
    }
  });

  it("extracts once when called concurrently, the others waiting on the lock", async () => {
    const bundle = await built();
    const dest = temp("dest-concurrent");
    let fetches = 0;
    const fetchTo = async (uri: string, localPath: string) => {
      fetches++;
      await new Promise((r) => setTimeout(r, 100));
      writeFileSync(localPath, readFileSync(uri));
    };
    const uri = bundle.archivePath;
    const results = await Promise.all(Array.from({ length: 5 }, () => extractCodeBundle({ uri, destination: dest, fetchTo })));
    expect(fetches).toBe(1);
    expect(results.filter((r) => r.extracted)).toHaveLength(1);
    expect(existsSync(join(dest, `.${basename(uri)}.lock`))).toBe(false);
    expect(filesUnder(dest).filter((p) => p.endsWith(".download"))).toEqual([]);
  });

  it("takes over a lock left by a dead process or not touched for the stale time", async () => {
    const bundle = await built();
    const name = basename(bundle.archivePath);
    const deadPid = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    const dead = temp("dest-dead-lock");
    writeFileSync(join(dead, `.${name}.lock`), JSON.stringify({ pid: Number(deadPid), host: hostname(), token: "old" }));
    expect((await extractCodeBundle({ uri: bundle.archivePath, destination: dead })).extracted).toBe(true);

    const old = temp("dest-old-lock");
    const lock = join(old, `.${name}.lock`);
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: "another-host", token: "old" }));
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect((await extractCodeBundle({ uri: bundle.archivePath, destination: old, staleLockMs: 10_000 })).extracted).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });

  it("fails with CODE_BUNDLE naming the URI for a missing bundle, leaving no marker", async () => {
    const dest = temp("dest-missing");
    const missing = join(temp("nothing"), "fastabc.tar.gz");
    const err = await bundleError(() => extractCodeBundle({ uri: missing, destination: dest }));
    expect(err.code).toBe("CODE_BUNDLE");
    expect(err.message).toMatch(new RegExp(`^code bundle ${missing} could not be fetched: ENOENT`));
    expect(readdirSync(dest)).toEqual([]);

    const remote = await bundleError(() => extractCodeBundle({ uri: "s3://bucket/fastabc.tar.gz", destination: dest }));
    expect(remote.message).toBe(
      "code bundle s3://bucket/fastabc.tar.gz could not be fetched: cannot fetch s3://bucket/fastabc.tar.gz: only local paths and file:// URIs are copied without a fetchTo function",
    );
  });

  it("keeps the query string (signed URL tokens) out of its errors", async () => {
    const uri = "https://user:pw@storage.example.com/b/fastabc.tar.gz?X-Amz-Signature=s3cr3t";
    const err = await bundleError(() =>
      extractCodeBundle({ uri, destination: temp("dest-signed"), fetchTo: async () => { throw new Error("403 Forbidden"); } }),
    );
    expect(err.message).toBe("code bundle https://storage.example.com/b/fastabc.tar.gz could not be fetched: 403 Forbidden");
  });

  it.each([
    ["bad gzip", () => Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(40, 7)]), /^is corrupt: not a valid gzip stream/],
    ["truncated gzip", (tgz: Buffer) => tgz.subarray(0, Math.floor(tgz.length / 2)), /^is corrupt: not a valid gzip stream \(unexpected end of file\)$/],
    ["bad checksum", (tgz: Buffer) => {
      const tar = gunzipSync(tgz);
      tar[0] = tar[0]! ^ 0x20; // ".gitignore" → ".Gitignore" without fixing the checksum
      return gzipSync(tar);
    }, /^is corrupt: header checksum mismatch at byte 0$/],
    ["truncated content", (tgz: Buffer) => gzipSync(gunzipSync(tgz).subarray(0, 520)), /^is corrupt: truncated archive: entry \.gitignore needs 17 bytes at byte 512, the archive has 520$/],
    ["no end block", (tgz: Buffer) => gzipSync(gunzipSync(tgz).subarray(0, 1024)), /^is corrupt: truncated archive: no end-of-archive block after 1 entries$/],
  ] as const)("refuses a corrupt archive: %s", async (_label, corrupt, message) => {
    const bundle = await built();
    const uri = writeArchive(corrupt(readFileSync(bundle.archivePath)), "fastcorrupt.tar.gz");
    const dest = temp("dest-corrupt");
    const err = await bundleError(() => extractCodeBundle({ uri, destination: dest }));
    expect(err.code).toBe("CODE_BUNDLE");
    expect(err.message.startsWith(`code bundle ${uri} `)).toBe(true);
    expect(err.message.slice(`code bundle ${uri} `.length)).toMatch(message);
    expect(existsSync(join(dest, ".fastcorrupt.tar.gz.extracted"))).toBe(false);
    expect(existsSync(join(dest, ".fastcorrupt.tar.gz.lock"))).toBe(false);
  });

  it("refuses entries leaving the destination and writes nothing from such an archive", async () => {
    const base = temp("evil");
    writeTree(base, { "inside/ok.ts": "ok\n", "outside.txt": "evil\n" });
    symlinkSync("/etc", join(base, "inside", "etc-link"));
    symlinkSync("../../outside.txt", join(base, "inside", "up-link"));
    const cases: Array<[string, Buffer, string]> = [
      ["dotdot", systemTar(join(base, "inside"), ["-P", "ok.ts", "../outside.txt"]), 'entry "../outside.txt" leaves the destination ("..")'],
      ["absolute", systemTar(base, ["-P", join(base, "outside.txt")]), `entry ${JSON.stringify(join(base, "outside.txt"))} has an absolute path`],
      ["abs-link", systemTar(join(base, "inside"), ["ok.ts", "etc-link"]), 'symbolic link "etc-link" points outside the destination ("/etc")'],
      ["up-link", systemTar(join(base, "inside"), ["ok.ts", "up-link"]), 'symbolic link "up-link" points outside the destination ("../../outside.txt")'],
    ];
    for (const [label, tar, message] of cases) {
      const uri = writeArchive(gzipSync(tar), `fast${label}.tar.gz`);
      const dest = temp(`dest-${label}`);
      const err = await bundleError(() => extractCodeBundle({ uri, destination: dest }));
      expect([label, err.code, err.message]).toEqual([label, "CODE_BUNDLE", `code bundle ${uri} is unsafe: ${message}`]);
      expect([label, filesUnder(dest)]).toEqual([label, [`fast${label}.tar.gz`]]);
    }
  });

  it("checks links again from their real directory, after earlier links are in place", async () => {
    // "a/up" -> ".." stays inside; "a/up/l" -> "../x" looks inside (dest/a/x) but lives in dest itself,
    // so it would point at dest/../x.
    const base = temp("evil-chain");
    mkdirSync(join(base, "a"));
    symlinkSync("..", join(base, "a", "up"));
    symlinkSync("../x", join(base, "l"));
    const tar = systemTar(base, ["a/up", "a/up/l"]);
    const uri = writeArchive(gzipSync(tar), "fastchain.tar.gz");
    const dest = join(temp("evil-target"), "dest");
    const err = await bundleError(() => extractCodeBundle({ uri, destination: dest }));
    expect(err.message).toBe(`code bundle ${uri} is unsafe: symbolic link "a/up/l" points outside the destination ("../x")`);
    expect(existsSync(join(dest, "l"))).toBe(false);
  });
});
