import { describe, expect, it } from "vitest";
import { isValidRange, satisfies } from "../src/util/semver.ts";

describe("semver ranges for the plugin contract", () => {
  it.each([
    ["0.1.0", "^0.1.0", true], ["0.1.9", "^0.1.0", true], ["0.2.0", "^0.1.0", false], ["1.4.0", "^1.2.3", true], ["2.0.0", "^1.2.3", false],
    ["0.0.3", "^0.0.3", true], ["0.0.4", "^0.0.3", false], ["1.2.9", "~1.2.3", true], ["1.3.0", "~1.2.3", false],
    ["0.5.0", ">=0.1.0 <1.0.0", true], ["1.0.0", ">=0.1.0 <1.0.0", false], ["3.1.0", "^1.0.0 || ^3.0.0", true],
    ["1.9.0", "1.x", true], ["2.0.0", "1.x", false], ["5.0.0", "*", true], ["1.2.3", "1.2.3", true], ["1.2.4", "1.2.3", false],
    ["1.0.0-beta.1", "^1.0.0", true],
  ])("%s in %s → %s", (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });
  it.each([["^1.0.0", true], [">= 1.2 < 2", true], ["latest", false], ["^1.0.0 || nope", false]])("%s is a valid range: %s", (range, ok) => {
    expect(isValidRange(range)).toBe(ok);
  });
});
