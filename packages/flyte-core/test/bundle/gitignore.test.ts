import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseIgnoreFile, parseIgnoreLine } from "../../src/bundle/gitignore.ts";
import { ignoreDecision } from "../../src/bundle/ignore-rules.ts";
import { listBundleFiles } from "../../src/bundle/list-files.ts";

/** Whether one root-level rule file ignores `path`. */
function ignored(text: string, path: string, isDirectory = false): boolean | undefined {
  return ignoreDecision([{ source: ".gitignore", base: "", rules: parseIgnoreFile(text) }], path, isDirectory)?.ignored;
}

describe("gitignore patterns", () => {
  it("parses comments, negation, directory-only and anchoring", () => {
    expect(parseIgnoreLine("# comment")).toBeUndefined();
    expect(parseIgnoreLine("")).toBeUndefined();
    expect(parseIgnoreLine("   ")).toBeUndefined();
    const rule = parseIgnoreLine("!/build/", 7)!;
    expect([rule.negated, rule.directoryOnly, rule.anchored, rule.line]).toEqual([true, true, true, 7]);
    expect(parseIgnoreLine("a/b")!.anchored).toBe(true);
    expect(parseIgnoreLine("name/")!.anchored).toBe(false);
    expect(parseIgnoreLine("[abc")).toBeUndefined(); // unclosed bracket matches nothing
    expect(parseIgnoreLine("x\\")).toBeUndefined(); // trailing backslash matches nothing
  });

  it.each([
    ["*.tmp", "a.tmp", true],
    ["*.tmp", "deep/dir/a.tmp", true],
    ["*.tmp", "a.tmp.txt", undefined],
    ["/top.txt", "top.txt", true],
    ["/top.txt", "sub/top.txt", undefined],
    ["sub/*.js", "sub/a.js", true],
    ["sub/*.js", "sub/x/a.js", undefined],
    ["sub/*.js", "x/sub/a.js", undefined],
    ["**/cache", "cache", true],
    ["**/cache", "a/b/cache", true],
    ["a/**/b.txt", "a/b.txt", true],
    ["a/**/b.txt", "a/x/y/b.txt", true],
    ["a/**/b.txt", "ab.txt", undefined],
    ["logs/**", "logs/x/y", true],
    ["logs/**", "logs", undefined],
    ["foo**bar", "fooXbar", true],
    ["foo**bar", "foo/bar", undefined],
    ["foo[0-9].txt", "foo7.txt", true],
    ["foo[0-9].txt", "fooa.txt", undefined],
    ["[!x]y.md", "ay.md", true],
    ["[!x]y.md", "xy.md", undefined],
    ["[[:upper:]]*.md", "README.md", true],
    ["[[:upper:]]*.md", "readme.md", undefined],
    ["\\#hash", "#hash", true],
    ["\\!bang", "!bang", true],
    ["space\\ ", "space ", true],
    ["trailing   ", "trailing", true],
    ["?.c", "a.c", true],
    ["?.c", "ab.c", undefined],
    ["*.tmp\n!keep.tmp", "keep.tmp", false],
    ["*.tmp\n!keep.tmp", "other.tmp", true],
  ] as const)("%j on %j → %j", (text, path, expected) => {
    expect(ignored(text, path)).toBe(expected);
  });

  it("applies directory-only patterns to directories only", () => {
    expect(ignored("out/", "out", true)).toBe(true);
    expect(ignored("out/", "out", false)).toBeUndefined();
    expect(ignored("out/", "a/out", true)).toBe(true);
  });

  it("lets a deeper rule set override a shallower one", () => {
    const sets = [
      { source: ".gitignore", base: "", rules: parseIgnoreFile("*.gen.ts\n") },
      { source: "src/.gitignore", base: "src/", rules: parseIgnoreFile("!keep.gen.ts\n/local.txt\n") },
    ];
    expect(ignoreDecision(sets, "src/keep.gen.ts", false)).toEqual({ ignored: false, by: "src/.gitignore:1: !keep.gen.ts" });
    expect(ignoreDecision(sets, "keep.gen.ts", false)).toEqual({ ignored: true, by: ".gitignore:1: *.gen.ts" });
    expect(ignoreDecision(sets, "src/local.txt", false)?.ignored).toBe(true);
    expect(ignoreDecision(sets, "src/x/local.txt", false)).toBeUndefined();
  });
});

// A tree with nested ignore files and the tricky parts of the syntax; git itself is the oracle.
const FIXTURE: Record<string, string> = {
  ".gitignore": [
    "# build leftovers",
    "*.tmp",
    "!keep.tmp",
    "/anchored.txt",
    "docs/generated/",
    "**/cache-dir",
    "logs/**",
    "!logs/important/",
    "a/**/b.txt",
    "foo[0-9].txt",
    "[!x]y.md",
    "\\#hash.txt",
    "trailing.txt   ",
    "escaped\\ ",
    "sub/*.js",
    "*.min.*",
    "build-output",
    "onlydir/",
    "re-included-dir/",
    "!re-included-dir/file.txt",
    "",
  ].join("\n"),
  "keep.tmp": "", "drop.tmp": "", "anchored.txt": "", "q/anchored.txt": "",
  "docs/generated/x.md": "", "docs/gen.md": "", "cache-dir/f": "", "x/cache-dir/f": "",
  "logs/x.txt": "", "logs/important/a.txt": "", "a/b.txt": "", "a/x/y/b.txt": "", "ab.txt": "",
  "foo1.txt": "", "fooa.txt": "", "ay.md": "", "xy.md": "", "#hash.txt": "", "trailing.txt": "",
  "escaped ": "", "escaped": "", "sub/x.js": "", "sub/deeper/x.js": "", "z.min.js": "", "z.js": "",
  "build-output/f": "", "p/build-output": "", "onlydir/f": "", "q/onlydir": "", "re-included-dir/file.txt": "",
  "src/.gitignore": "!important.tmp\n/local.txt\n*.gen.ts\n",
  "src/important.tmp": "", "src/other.tmp": "", "src/local.txt": "", "src/x/local.txt": "", "src/a.gen.ts": "", "src/a.ts": "",
  "deep/nested/.gitignore": "*\n!*.keep\n!.gitignore\n",
  "deep/nested/a.keep": "", "deep/nested/a.txt": "", "deep/a.txt": "",
  "README.md": "",
};

function writeTree(root: string, tree: Record<string, string>): void {
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** git with no user or system configuration (no global excludes file). */
function git(cwd: string, args: string[], input?: string): string {
  const home = mkdtempSync(join(tmpdir(), "flyte-ts-git-home-"));
  const r = spawnSync("git", args, {
    cwd, input, encoding: "utf8",
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

const lines = (text: string) => text.split("\n").filter((l) => l !== "").sort();

describe("listBundleFiles against git", () => {
  it("includes exactly the files git does not ignore", () => {
    const root = mkdtempSync(join(tmpdir(), "flyte-ts-gitignore-"));
    writeTree(root, FIXTURE);
    git(root, ["init", "-q"]);
    const included = listBundleFiles(root).files.map((f) => f.path).sort();
    expect(included).toEqual(lines(git(root, ["ls-files", "-o", "--exclude-standard"])));
    // check-ignore per path, including files below ignored directories.
    const all = Object.keys(FIXTURE).sort();
    const ignoredByGit = lines(git(root, ["check-ignore", "--stdin"], `${all.join("\n")}\n`));
    expect(all.filter((p) => !included.includes(p))).toEqual(ignoredByGit);
    // The fixture exercises both sides.
    expect(ignoredByGit.length).toBeGreaterThan(15);
    expect(included.length).toBeGreaterThan(15);
  });

  it("applies the ignore files above the root up to the top of its git work tree", () => {
    const top = mkdtempSync(join(tmpdir(), "flyte-ts-gitignore-outer-"));
    writeTree(top, {
      ".gitignore": "pkg/skip.txt\n*.bak\n",
      "mid/.gitignore": "/pkg/local-only.txt\n",
      "mid/pkg/skip.txt": "", "mid/pkg/x.bak": "", "mid/pkg/local-only.txt": "", "mid/pkg/keep.ts": "",
      "pkg/skip.txt": "",
    });
    git(top, ["init", "-q"]);
    const root = join(top, "mid", "pkg");
    const listing = listBundleFiles(root);
    expect(listing.files.map((f) => f.path)).toEqual(lines(git(root, ["ls-files", "-o", "--exclude-standard"])));
    expect(listing.files.map((f) => f.path)).toEqual(["keep.ts", "skip.txt"]);
    expect(listing.skipped).toEqual([
      { path: "local-only.txt", reason: "ignored by ../.gitignore:1: /pkg/local-only.txt" },
      { path: "x.bak", reason: "ignored by ../../.gitignore:2: *.bak" },
    ]);
  });
});
