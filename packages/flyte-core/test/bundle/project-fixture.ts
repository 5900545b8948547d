import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A small TypeScript project with everything a bundle must leave out. */
export const PROJECT: Record<string, string> = {
  "package.json": '{ "type": "module" }\n',
  "tsconfig.json": "{}\n",
  ".gitignore": "*.tmp\ngenerated/\n",
  "README.md": "# demo\n",
  "src/etl.ts": "export const rows = 1;\n",
  "src/lib/util.ts": "export const double = (x: number) => 2 * x;\n",
  "scripts/run.sh": "#!/bin/sh\necho hi\n",
  // Left out:
  ".env": "TOKEN=secret\n",
  ".env.local": "TOKEN=secret\n",
  ".npmrc": "//registry.npmjs.org/:_authToken=secret\n",
  "keys/server.pem": "-----BEGIN PRIVATE KEY-----\n",
  "id_rsa": "-----BEGIN OPENSSH PRIVATE KEY-----\n",
  ".git/HEAD": "ref: refs/heads/main\n",
  "node_modules/dep/index.js": "module.exports = 1;\n",
  "src/node_modules/x.js": "1\n",
  "dist/etl.js": "export const rows = 1;\n",
  "debug.log": "log\n",
  "scratch.tmp": "tmp\n",
  "generated/a.ts": "export {};\n",
};

/** The files of {@link PROJECT} a bundle holds, in archive order. */
export const PROJECT_FILES = [
  ".gitignore", "README.md", "package.json", "scripts/run.sh", "src/etl.ts", "src/lib/util.ts", "tsconfig.json",
];

/**
 * The files digest of PROJECT_FILES as the reference computes it: flyte 2.12.1
 * `flyte._code_bundle._utils.ls_relative_files(PROJECT_FILES, root)[1]` (conformance/.venv).
 */
export const PROJECT_REFERENCE_DIGEST = "b0cc9c0cc8e9685012956a851cdad651";

export function writeTree(root: string, tree: Record<string, string>): string {
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** A fresh copy of PROJECT in a temporary directory (scripts/run.sh executable). */
export function writeProject(tree: Record<string, string> = PROJECT): string {
  const root = writeTree(mkdtempSync(join(tmpdir(), "flyte-ts-project-")), tree);
  if (tree["scripts/run.sh"] !== undefined) chmodSync(join(root, "scripts/run.sh"), 0o755);
  return root;
}
