import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pythonJsonDumps, pyyamlDump } from "@flyte-ts/plugin-ray";

// Outputs of Python's json.dumps and PyYAML's yaml.dump, written by scripts/python-encodings.py.
const cases = JSON.parse(readFileSync(new URL("./fixtures/python-encodings.json", import.meta.url), "utf8")) as {
  value: Record<string, unknown>; json: string; base64: string; yaml: string;
}[];

describe("python json.dumps", () => {
  it("gives the reference's bytes for §3.3.5", () => {
    const env = { pip: ["numpy", "pandas"], env_vars: { A: "1" } };
    expect(pythonJsonDumps(env)).toBe('{"pip": ["numpy", "pandas"], "env_vars": {"A": "1"}}');
    expect(Buffer.from(pythonJsonDumps(env)).toString("base64")).toBe("eyJwaXAiOiBbIm51bXB5IiwgInBhbmRhcyJdLCAiZW52X3ZhcnMiOiB7IkEiOiAiMSJ9fQ==");
    expect(Buffer.from(pythonJsonDumps({ working_dir: "./", pip: ["torch==2.1.0"] })).toString("base64")).toBe(
      "eyJ3b3JraW5nX2RpciI6ICIuLyIsICJwaXAiOiBbInRvcmNoPT0yLjEuMCJdfQ==",
    );
  });

  it("escapes non-ASCII as lower-case \\u escapes with surrogate pairs", () => {
    expect(pythonJsonDumps({ s: "h\u00e9\u65e5\u{1F600}\u007f" })).toBe('{"s": "h\\u00e9\\u65e5\\ud83d\\ude00\\u007f"}');
  });

  it("prints floats as Python's repr", () => {
    expect(pythonJsonDumps([1e-5, 0.0001, 1.5e-7, 2.5, 3, -0, 1e21])).toBe("[1e-05, 0.0001, 1.5e-07, 2.5, 3, 0, 1000000000000000000000]");
  });

  for (const [i, c] of cases.entries()) {
    const integerKeys = Object.keys(c.value).some((k) => /^\d+$/.test(k));
    it(`matches Python for case ${i}${integerKeys ? " (parsed: JS orders integer-like keys first)" : ""}`, () => {
      if (integerKeys) {
        // A JS object cannot keep "10" after "zz"; the JSON is equal once parsed.
        expect(JSON.parse(pythonJsonDumps(c.value))).toEqual(JSON.parse(c.json));
        expect(pythonJsonDumps(c.value)).not.toBe(c.json);
      } else {
        expect(pythonJsonDumps(c.value)).toBe(c.json);
        expect(Buffer.from(pythonJsonDumps(c.value)).toString("base64")).toBe(c.base64);
      }
    });
  }
});

describe("PyYAML yaml.dump", () => {
  it("gives the reference's text for §3.3.5", () => {
    expect(pyyamlDump({ pip: ["numpy", "pandas"], env_vars: { A: "1" } })).toBe("env_vars:\n  A: '1'\npip:\n- numpy\n- pandas\n");
    expect(pyyamlDump({ working_dir: "./", pip: ["torch==2.1.0"] })).toBe("pip:\n- torch==2.1.0\nworking_dir: ./\n");
    expect(pyyamlDump({ conda: { dependencies: ["python=3.10", { pip: ["requests"] }] }, nsight: "default" })).toBe(
      "conda:\n  dependencies:\n  - python=3.10\n  - pip:\n    - requests\nnsight: default\n",
    );
    expect(pyyamlDump({ env_vars: { B: "true", C: "yes", D: "", E: "hello world", F: 1.5, G: true, H: null, N: 3 } })).toBe(
      "env_vars:\n  B: 'true'\n  C: 'yes'\n  D: ''\n  E: hello world\n  F: 1.5\n  G: true\n  H: null\n  N: 3\n",
    );
    expect(pyyamlDump({ config: {}, excludes: [] })).toBe("config: {}\nexcludes: []\n");
    expect(pyyamlDump({ s: "h\u00e9llo" })).toBe('s: "h\\xE9llo"\n');
  });

  for (const [i, c] of cases.entries()) {
    it(`is byte-identical to PyYAML for case ${i}`, () => {
      expect(pyyamlDump(c.value)).toBe(c.yaml);
    });
  }

  it("writes line breaks, explicit keys and long double-quoted text as PyYAML does", () => {
    expect(pyyamlDump({ script: "line one\nline two" })).toBe("script: 'line one\n\n  line two'\n");
    expect(pyyamlDump({ "": 1 })).toBe("? ''\n: 1\n");
    expect(pyyamlDump({ a: "\u00e9 ".repeat(30) })).toBe(
      'a: "\\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9\\\n  \\ \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 \\xE9 "\n',
    );
  });
});
