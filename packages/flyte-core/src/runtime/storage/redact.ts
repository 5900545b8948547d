import { redactSecrets } from "../../redact.ts";

/** Environment variables whose values are credentials, and must never appear in a message. */
const SECRET_VARIABLES = [
  "FLYTE_AWS_SECRET_ACCESS_KEY",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AZURE_STORAGE_ACCOUNT_KEY",
  "AZURE_STORAGE_SAS_TOKEN",
  "AZURE_CLIENT_SECRET",
  "AZURE_STORAGE_CONNECTION_STRING",
] as const;

/** Secret parts of an Azure connection string (`AccountKey=…;SharedAccessSignature=…`). */
const CONNECTION_STRING_SECRETS = /(?:AccountKey|SharedAccessSignature)=([^;]+)/gi;

/** Every credential value known from `env` (and the process environment the SDKs read themselves). */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  const found = new Set<string>();
  for (const source of [env, process.env]) {
    for (const name of SECRET_VARIABLES) {
      const value = source[name];
      if (!value) continue;
      found.add(value);
      for (const match of value.matchAll(CONNECTION_STRING_SECRETS)) found.add(match[1]!);
    }
  }
  // Very short values would blank out ordinary words; real credentials are far longer.
  return [...found].filter((value) => value.length >= 6).sort((a, b) => b.length - a.length);
}

/** `text` with every known credential, and every credential in a URL, replaced by "[REDACTED]". */
export function redact(text: string, secrets: readonly string[]): string {
  return redactSecrets(text, secrets);
}
