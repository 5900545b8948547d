// Files that may hold credentials never enter a code bundle, in any letter case, and `flyte-ts bundle`
// says which it left out for that reason.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildCodeBundle } from "@flyte-ts/core";
import { writeTree } from "./project-fixture.ts";

const pkgDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const bin = join(pkgDir, "bin", "flyte-ts.js");
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `flyte-ts-${prefix}-`));

const CREDENTIAL_FILES = [
  ".ENV", ".Env.Local", "credentials.json", "client_secret_123.apps.json", "gcp/my-service-account-key.json", "prod_service_account.json",
  "application_default_credentials.json", ".pypirc", "deploy_key", "deploy_key.pub", "keys/Server.PEM", "tls.KEY", "ID_RSA", "id_ed25519.pub",
  ".npmrc", ".netrc", ".boto", ".vault-token", "putty.ppk", "vault.kdbx", "cargo/credentials.toml",
];

describe("credential files", { timeout: 60_000 }, () => {
  it("are left out whatever their case, and a .flyteignore `!` rule cannot bring them back", async () => {
    const tree: Record<string, string> = { "src/main.ts": "export {};\n", "src/credentials_helper.ts": "export {};\n", "src/id_utils.ts": "export {};\n", ".flyteignore": "!.ENV\n!credentials.json\n" };
    for (const file of CREDENTIAL_FILES) tree[file] = "secret\n";
    const root = writeTree(tmp("creds"), tree);
    const built = await buildCodeBundle({ rootDir: root, outDir: tmp("creds-out") });
    expect(built.files).toEqual([".flyteignore", "src/credentials_helper.ts", "src/id_utils.ts", "src/main.ts"]);
    const skipped = new Map(built.skipped.map((s) => [s.path, s.reason]));
    for (const file of CREDENTIAL_FILES) expect(skipped.get(file), file).toMatch(/^always excluded \(/);
    expect(skipped.get("credentials.json")).toBe("always excluded (credentials.json: service credentials (Google OAuth client or service account))");
    expect(skipped.get(".ENV")).toBe("always excluded (.env: dotenv file: holds secrets)");
  });

  it("flyte-ts bundle prints what it left out because it may hold credentials", () => {
    const root = writeTree(tmp("creds-cli"), { "src/main.ts": "export {};\n", ".env": "A=1\n", "credentials.json": "{}\n", "deploy_key": "k\n", "dist/x.js": "" });
    const r = spawnSync(process.execPath, [bin, "bundle", "--root-dir", root, "--out", tmp("creds-cli-out")], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.status).toBe(0);
    const lines = r.stderr.trim().split("\n");
    expect(lines.slice(1)).toEqual([
      "flyte-ts: left out 3 file(s) that may hold credentials (never bundled; see docs/code-bundles.md):",
      "flyte-ts:   .env: .env: dotenv file: holds secrets",
      "flyte-ts:   credentials.json: credentials.json: service credentials (Google OAuth client or service account)",
      "flyte-ts:   deploy_key: deploy_key*: SSH deploy key",
    ]);
    expect(r.stderr).not.toContain("dist");
  });
});
