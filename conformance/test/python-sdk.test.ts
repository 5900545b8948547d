// Conformance with the real Flyte 2 Python SDK: every case of conformance/cases/*.yaml is built with
// flyte-ts, serialized, stripped of the excluded fields (exclusions.yaml) and compared as parsed JSON with
// the golden file the real SDK produced (python/run.sh). A case listed in differences.yaml must instead
// produce exactly the flyte-ts outcome documented there. Results go to .results.json for report.mjs.
import { writeFileSync } from "node:fs";
import { ConfigError, FlyteTsError } from "@flyte-ts/core";
import { afterAll, describe, expect, it } from "vitest";
import { PluginUnavailable, buildCase, loadPlugins, pluginKinds, type Case } from "./build.ts";
import {
  CONFORMANCE_DIR, applyExclusions, applyPatch, jsonDiff, loadCases, loadDifferenceIds, loadDifferences, loadExclusions, loadGolden,
  loadMismatchIds,
  type DifferenceEntry, type Golden,
} from "./compare.ts";

type Outcome = "pass" | "difference" | "skipped" | "fail";
interface Result { id: string; area: string; outcome: Outcome; difference?: string; status?: string; note?: string }

const cases = loadCases();
const exclusions = loadExclusions();
const differences = loadDifferences();
const results: Result[] = [];

type Built = { ok: true; taskSpec: Record<string, unknown> } | { ok: false; error: unknown };

async function build(c: Case): Promise<Built> {
  const plugins = await loadPlugins(c); // PluginUnavailable propagates: the case is skipped
  try {
    const { taskSpec, versionOverride } = buildCase(c, plugins);
    return { ok: true, taskSpec: applyExclusions(taskSpec, exclusions, versionOverride) };
  } catch (error) {
    if (error instanceof PluginUnavailable) throw error;
    return { ok: false, error };
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The messages flyte-ts reported: each ConfigError issue, or the error's own message. */
function messages(error: unknown): { path?: string; message: string }[] {
  if (error instanceof ConfigError) {
    return error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "number" ? `[${p}]` : p)).join(".").replace(/\.\[/g, "["), message: i.message }));
  }
  return [{ message: error instanceof Error ? error.message : String(error) }];
}

function checkAgainstGolden(c: Case, golden: Golden, built: Built): void {
  if (golden.error) {
    expect(built.ok, `the real SDK fails with ${golden.error.type}: ${golden.error.message}; flyte-ts serialized the task`).toBe(false);
    const error = (built as { error: unknown }).error;
    expect(error instanceof FlyteTsError, `expected a FlyteTsError, got ${describeError(error)}`).toBe(true);
    const found = messages(error).some((m) => m.message === golden.error!.message) || (error as Error).message.includes(golden.error.message);
    expect(found, `flyte-ts should report the SDK's message ${JSON.stringify(golden.error.message)}; it reported ${describeError(error)}`).toBe(true);
    return;
  }
  if (!built.ok) throw new Error(`the real SDK serializes this case; flyte-ts threw ${describeError(built.error)}`);
  const diff = jsonDiff(built.taskSpec, golden.taskSpec);
  expect(diff, `flyte-ts output differs from the real SDK's:\n${diff.join("\n")}`).toEqual([]);
}

function checkDifference(golden: Golden, entry: DifferenceEntry, built: Built): void {
  const expected = entry.flyte_ts;
  if ("error" in expected) {
    if (built.ok) throw new Error(`differences.yaml says flyte-ts fails with ${JSON.stringify(expected.error.message)}; it serialized the task`);
    const want = expected.error;
    const reported = messages(built.error);
    const matches = reported.filter(
      (m) =>
        (want.path === undefined || m.path === want.path) &&
        (want.message === undefined || m.message === want.message) &&
        (want.message_prefix === undefined || m.message.startsWith(want.message_prefix)) &&
        (want.message_suffix === undefined || m.message.endsWith(want.message_suffix)),
    );
    expect(matches.length, `flyte-ts should report ${JSON.stringify(want)}; it reported ${JSON.stringify(reported)}`).toBeGreaterThan(0);
    return;
  }
  if (!built.ok) throw new Error(`differences.yaml says flyte-ts serializes this case; it threw ${describeError(built.error)}`);
  if (!golden.taskSpec) throw new Error("differences.yaml documents a patch, but the real SDK rejects this case: document flyte-ts's output as a case of its own");
  const patched = applyPatch(golden.taskSpec, expected.patch);
  const diff = jsonDiff(built.taskSpec, patched);
  expect(diff, `flyte-ts output should be the golden file + the documented patch:\n${diff.join("\n")}`).toEqual([]);
  expect(jsonDiff(built.taskSpec, golden.taskSpec).length, "a documented difference must actually differ").toBeGreaterThan(0);
}

const byArea = new Map<string, Case[]>();
for (const c of cases) byArea.set(c.area, [...(byArea.get(c.area) ?? []), c]);

describe("conformance with the real Python SDK", () => {
  it("case ids are unique, every case has a golden file, every difference names a case", () => {
    const ids = cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !loadGolden(id))).toEqual([]);
    expect(Object.keys(differences).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it("every difference names a documented id: docs/differences.md for deliberate ones, the mismatches block for M-ids", () => {
    const documented = loadDifferenceIds();
    const mismatchIds = loadMismatchIds();
    const wrong = Object.entries(differences).filter(([, e]) =>
      e.status === "deliberate" ? !documented.includes(e.difference) : e.status === "mismatch" ? !mismatchIds.includes(e.difference) : true,
    );
    expect(wrong.map(([id, e]) => `${id}: ${e.status} ${e.difference}`)).toEqual([]);
  });

  for (const [area, areaCases] of byArea) {
    describe(area, () => {
      for (const c of areaCases) {
        it(c.id, async (ctx) => {
          const golden = loadGolden(c.id);
          if (!golden) throw new Error(`no golden file for ${c.id}: run bash conformance/python/run.sh`);
          const entry = differences[c.id];
          let built: Built;
          try {
            built = await build(c);
          } catch (err) {
            if (!(err instanceof PluginUnavailable)) throw err;
            results.push({ id: c.id, area, outcome: "skipped", note: err.message });
            ctx.skip(`${pluginKinds(c).join(", ")}: ${err.message}`);
            return;
          }
          try {
            if (entry) checkDifference(golden, entry, built);
            else checkAgainstGolden(c, golden, built);
          } catch (err) {
            results.push({ id: c.id, area, outcome: "fail", note: (err as Error).message.split("\n")[0] });
            throw err;
          }
          results.push(entry ? { id: c.id, area, outcome: "difference", difference: entry.difference, status: entry.status } : { id: c.id, area, outcome: "pass" });
        });
      }
    });
  }
});

afterAll(() => {
  // Only a run of the whole suite records results; `node conformance/report.mjs` turns them into REPORT.md
  // (a tracked file: a test run never rewrites it).
  if (results.length === cases.length) writeFileSync(`${CONFORMANCE_DIR}.results.json`, `${JSON.stringify({ results }, null, 2)}\n`);
});
