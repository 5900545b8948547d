import { parseIgnoreLine, type IgnoreRule } from "./gitignore.ts";
import type { IgnoreRuleSet } from "./ignore-rules.ts";

/**
 * Names never put in a code bundle, at any depth, whatever the ignore files say (a `!` rule cannot
 * bring them back). Each is matched against the file or directory name, in any case (`.ENV`, `ID_RSA`:
 * case-insensitive file systems treat those as the same files). Every entry after the first two is a
 * file or directory that may hold credentials; `flyte-ts bundle` says which it left out for that reason.
 */
export const ALWAYS_EXCLUDED: ReadonlyArray<{ readonly pattern: string; readonly reason: string }> = [
  { pattern: ".git", reason: "repository metadata (a directory, or a file in worktrees and submodules)" },
  { pattern: "node_modules", reason: "dependencies come from the image, not the bundle" },
  { pattern: "credentials.json", reason: "service credentials (Google OAuth client or service account)" },
  { pattern: "client_secret*.json", reason: "Google OAuth client secret" },
  { pattern: "*service-account*.json", reason: "cloud service-account key" },
  { pattern: "*service_account*.json", reason: "cloud service-account key" },
  { pattern: "*serviceaccount*.json", reason: "cloud service-account key" },
  { pattern: "application_default_credentials.json", reason: "Google application-default credentials" },
  { pattern: "credentials", reason: "credentials file (AWS, Cargo and others use this name)" },
  { pattern: "credentials.toml", reason: "Cargo registry token" },
  { pattern: ".pypirc", reason: "PyPI upload credentials" },
  { pattern: ".boto", reason: "boto/gsutil credentials" },
  { pattern: ".s3cfg", reason: "s3cmd access keys" },
  { pattern: ".vault-token", reason: "HashiCorp Vault token" },
  { pattern: ".terraformrc", reason: "Terraform registry tokens" },
  { pattern: "terraform.rc", reason: "Terraform registry tokens" },
  { pattern: ".htpasswd", reason: "password hashes" },
  { pattern: "deploy_key*", reason: "SSH deploy key" },
  { pattern: "*.ppk", reason: "PuTTY private key" },
  { pattern: "*.kdbx", reason: "KeePass password database" },
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
  const lower = name.toLowerCase();
  const hit = alwaysExcluded.find(({ rule }) => rule.regex.test(lower));
  return hit ? `${hit.rule.pattern}: ${hit.reason}` : undefined;
}

/** True when `name` is always excluded because it may hold credentials (not `.git`, `node_modules` or bundles). */
export function isCredentialName(name: string): boolean {
  const lower = name.toLowerCase();
  const index = alwaysExcluded.findIndex(({ rule }) => rule.regex.test(lower));
  return index >= 2 && !alwaysExcluded[index]!.reason.includes("code bundle");
}

export const STANDARD_RULE_SET: IgnoreRuleSet = {
  source: "(standard ignores)",
  base: "",
  builtin: true,
  rules: STANDARD_IGNORES.map((pattern, i) => compile(pattern, i + 1)),
};
