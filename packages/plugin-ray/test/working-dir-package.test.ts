import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packageWorkingDir } from "@flyte-ts/plugin-ray";

describe("packageWorkingDir", () => {
  const dir = mkdtempSync(join(tmpdir(), "ray-pkg-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "main.py"), "print('hi')\n");
  writeFileSync(join(dir, "run.sh"), "#!/bin/sh\necho hi\n");
  chmodSync(join(dir, "run.sh"), 0o755);
  mkdirSync(join(dir, "lib"));
  writeFileSync(join(dir, "lib", "data.csv"), "a,b\n".repeat(1000));
  writeFileSync(join(dir, ".gitignore"), "*.tmp\n");
  writeFileSync(join(dir, "scratch.tmp"), "x");
  writeFileSync(join(dir, "script_mode.tar.gz"), "x");
  writeFileSync(join(dir, ".python_history"), "x");
  mkdirSync(join(dir, "node_modules", "big"), { recursive: true });
  writeFileSync(join(dir, "node_modules", "big", "index.js"), "x".repeat(100_000));
  mkdirSync(join(dir, ".git"));
  writeFileSync(join(dir, ".git", "config"), "x");
  writeFileSync(join(dir, "server.pem"), "x");

  it("takes the code files as a code bundle would, minus Ray's leftovers", () => {
    expect(packageWorkingDir(dir).files).toEqual([".gitignore", "lib/data.csv", "main.py", "run.sh"]);
  });

  it("is deterministic: the same files give the same bytes and URI", () => {
    const a = packageWorkingDir(dir);
    const b = packageWorkingDir(dir);
    expect(a.zip.equals(b.zip)).toBe(true);
    expect(a.uri).toMatch(/^gcs:\/\/_ray_pkg_[0-9a-f]{32}\.zip$/);
    expect(a.uri).toBe(b.uri);
  });

  it("writes a ZIP that unzip reads back with contents and modes", () => {
    const out = mkdtempSync(join(tmpdir(), "ray-pkg-out-"));
    try {
      writeFileSync(join(out, "p.zip"), packageWorkingDir(dir).zip);
      const listing = execFileSync("unzip", ["-Z1", join(out, "p.zip")], { encoding: "utf8" });
      expect(listing.trim().split("\n")).toEqual([".gitignore", "lib/data.csv", "main.py", "run.sh"]);
      execFileSync("unzip", ["-q", join(out, "p.zip"), "-d", join(out, "x")]);
      expect(execFileSync("sh", [join(out, "x", "run.sh")], { encoding: "utf8" })).toBe("hi\n");
      expect(execFileSync("cat", [join(out, "x", "lib", "data.csv")], { encoding: "utf8" })).toBe("a,b\n".repeat(1000));
      expect(execFileSync("stat", ["-c", "%a", join(out, "x", "run.sh")], { encoding: "utf8" }).trim()).toBe("755");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
