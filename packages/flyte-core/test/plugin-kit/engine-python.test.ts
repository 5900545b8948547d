import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FlyteTsError } from "@flyte-ts/core";
import { findEnginePython, requireEnginePython, type PythonEngine } from "@flyte-ts/core/plugin-kit";

// A module no python3 has, so that the last step (python3 importing it) finds nothing.
const ENGINE: PythonEngine = {
  name: "Acme", pythonEnvVar: "ACME_PYTHON", venv: "acme", command: "acme-engine", module: "acme_engine_not_installed_xyz",
  installHint: "install it with `pip install acme`",
};

function executable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

describe("findEnginePython", () => {
  it("prefers the named interpreter, then a project venv above the working directory, then the shebang of the engine's command on PATH", () => {
    const root = mkdtempSync(join(tmpdir(), "engine-python-"));
    try {
      const python = join(root, ".engines", "acme", "venv", "bin", "python");
      mkdirSync(join(root, ".engines", "acme", "venv", "bin"), { recursive: true });
      executable(python, "#!/bin/sh\n");
      mkdirSync(join(root, "a", "b"), { recursive: true });
      expect(findEnginePython(ENGINE, { ACME_PYTHON: "/opt/py" }, join(root, "a", "b"))).toBe("/opt/py");
      expect(findEnginePython(ENGINE, { PATH: "" }, join(root, "a", "b"))).toBe(python);
      const bin = join(root, "bin");
      mkdirSync(bin);
      executable(join(bin, "acme-engine"), `#!${python}\n`);
      expect(findEnginePython(ENGINE, { PATH: bin }, "/")).toBe(python);
      // A shebang naming an interpreter that does not exist does not count.
      executable(join(bin, "acme-engine"), "#!/nonexistent/python\n");
      expect(findEnginePython(ENGINE, { PATH: bin }, "/")).toBeUndefined();
      expect(findEnginePython(ENGINE, { PATH: "" }, "/")).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("takes python3 when it imports the engine's module", () => {
    expect(findEnginePython({ ...ENGINE, module: "json" }, { PATH: process.env.PATH }, "/")).toBe("python3");
  });
});

describe("requireEnginePython", () => {
  it("says what to install when the engine is nowhere", () => {
    expect(() => requireEnginePython(ENGINE, { PATH: "" }, "/")).toThrow(
      new FlyteTsError("EXECUTION", "This task uses Acme, but no Acme installation was found: install it with `pip install acme`"),
    );
    expect(requireEnginePython(ENGINE, { ACME_PYTHON: "/opt/py" }, "/")).toBe("/opt/py");
  });
});
