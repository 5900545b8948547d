// The committed golden files are what the pinned Python SDK writes today: generate.py, literal_vectors.py
// and child_names.py run with conformance/.venv (created by scripts/setup-test-env.sh) into a temporary folder, and every file
// must equal the committed one, none missing and none extra. `bash conformance/check-golden.sh` regenerates
// them in place for review.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CONFORMANCE_DIR } from "./compare.ts";

const python = join(CONFORMANCE_DIR, ".venv", "bin", "python");
const work = mkdtempSync(join(tmpdir(), "flyte-ts-golden-drift-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sdk(script: string, args: string[]): void {
  if (!existsSync(python)) throw new Error(`${python} does not exist: bash scripts/setup-test-env.sh creates it`);
  execFileSync(python, [join(CONFORMANCE_DIR, "python", script), ...args], { stdio: ["ignore", "ignore", "pipe"], timeout: 540_000 });
}
const jsonFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

describe("golden files regenerated with the pinned Python SDK", () => {
  it("golden/: the same files, byte for byte (else: bash conformance/check-golden.sh)", { timeout: 600_000 }, () => {
    const out = join(work, "golden");
    sdk("generate.py", ["--out", out]);
    const committed = join(CONFORMANCE_DIR, "golden");
    expect(jsonFiles(out)).toEqual(jsonFiles(committed));
    const changed = jsonFiles(out).filter((f) => readFileSync(join(out, f), "utf8") !== readFileSync(join(committed, f), "utf8"));
    expect(changed).toEqual([]);
  });

  it("golden-literals/literals.json: the same bytes (else: bash conformance/check-golden.sh)", { timeout: 300_000 }, () => {
    const out = join(work, "literals.json");
    sdk("literal_vectors.py", ["write", "--out", out]);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(join(CONFORMANCE_DIR, "golden-literals", "literals.json"), "utf8"));
  });

  it("golden-child-names/child-names.json: the same bytes (else: bash conformance/check-golden.sh)", { timeout: 300_000 }, () => {
    const out = join(work, "child-names.json");
    sdk("child_names.py", ["--out", out]);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(join(CONFORMANCE_DIR, "golden-child-names", "child-names.json"), "utf8"));
  });
});
