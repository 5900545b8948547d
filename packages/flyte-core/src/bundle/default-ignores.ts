import { parseIgnoreLine, type IgnoreRule } from "./gitignore.ts";
import type { IgnoreRuleSet } from "./ignore-rules.ts";

/**
 * Names never put in a code bundle, at any depth, whatever the ignore files say (a `!` rule cannot
 * bring them back). Each is matched against the file or directory name.
 */
export const ALWAYS_EXCLUDED: ReadonlyArray<{ readonly pattern: string; readonly reason: string }> = [
  { pattern: ".git", reason: "repository metadata (a directory, or a file in worktrees and submodules)" },
  { pattern: "node_modules", reason: "dependencies come from the image, not the bundle" },
  { pattern: ".env", reason: "dotenv file: holds secrets" },
  { pattern: ".env.*", reason: "dotenv file: holds secrets (.env.local, .env.production, … and templates alike)" },
  { pattern: ".envrc", reason: "direnv file: exports secrets" },
  { pattern: "*.pem", reason: "PEM private key or certificate" },
  { pattern: "*.key", reason: "private key" },
  { pattern: "*.p12", reason: "PKCS#12 bundle with a private key" },
  { pattern: "*.pfx", reason: "PKCS#12 bundle with a private key" },
  { pattern: "*.jks", reason: "Java keystore" },
  { pattern: "*.keystore", reason: "Java/Android keystore" },
  { pattern: "id_rsa*", reason: "SSH key" },
  { pattern: "id_dsa*", reason: "SSH key" },
  { pattern: "id_ecdsa*", reason: "SSH key" },
  { pattern: "id_ed25519*", reason: "SSH key" },
  { pattern: ".ssh", reason: "SSH keys and known hosts" },
  { pattern: ".gnupg", reason: "GnuPG keys" },
  { pattern: ".aws", reason: "AWS credentials" },
  { pattern: ".docker", reason: "Docker registry credentials (config.json)" },
  { pattern: ".kube", reason: "kubeconfig with cluster credentials" },
  { pattern: ".npmrc", reason: "npm registry auth tokens" },
  { pattern: ".yarnrc", reason: "registry auth tokens" },
  { pattern: ".yarnrc.yml", reason: "registry auth tokens (npmAuthToken)" },
  { pattern: ".netrc", reason: "machine passwords" },
  { pattern: "_netrc", reason: "machine passwords" },
  { pattern: ".pgpass", reason: "PostgreSQL passwords" },
  { pattern: ".git-credentials", reason: "git credential store" },
  { pattern: "*.tfstate", reason: "Terraform state: holds secrets in plain text" },
  { pattern: "*.tfstate.*", reason: "Terraform state backup" },
  { pattern: `fast${"[0-9a-f]".repeat(32)}.tar.gz`, reason: "an earlier code bundle" },
  { pattern: ".flyte-ts-bundle-*.tmp", reason: "a code bundle being written" },
];

/**
 * Build output, caches, logs and editor files: left out unless an ignore file re-includes them with a
 * `!` rule (these rules come before every ignore file). Built JavaScript (dist, build) is left out
 * because the runtime loads the TypeScript sources through tsx; shipping it too would change the
 * bundle's version on every build. Python caches and virtualenvs are listed for mixed repositories.
 */
export const STANDARD_IGNORES: readonly string[] = [
  "dist/", "build/", "*.tsbuildinfo", "coverage/", ".nyc_output/",
  ".cache/", ".turbo/", ".pnpm-store/", ".yarn/",
  "*.log", ".idea/", ".vscode/", ".DS_Store",
  "__pycache__/", "*.pyc", ".venv/", "venv/", ".mypy_cache/", ".pytest_cache/", ".ruff_cache/",
];

function compile(pattern: string, line: number): IgnoreRule {
  const rule = parseIgnoreLine(pattern, line);
  if (!rule) throw new Error(`invalid built-in ignore pattern ${pattern}`);
  return rule;
}

const alwaysExcluded = ALWAYS_EXCLUDED.map(({ pattern, reason }, i) => ({ rule: compile(pattern, i + 1), reason }));

/** Why `name` is never bundled, or undefined. */
export function alwaysExcludedReason(name: string): string | undefined {
  const hit = alwaysExcluded.find(({ rule }) => rule.regex.test(name));
  return hit ? `${hit.rule.pattern}: ${hit.reason}` : undefined;
}

export const STANDARD_RULE_SET: IgnoreRuleSet = {
  source: "(standard ignores)",
  base: "",
  builtin: true,
  rules: STANDARD_IGNORES.map((pattern, i) => compile(pattern, i + 1)),
};
