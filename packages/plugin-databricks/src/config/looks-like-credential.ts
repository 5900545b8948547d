// A secret NAME ("DATABRICKS_TOKEN", "team.databricks-token") is words joined by '_', '.' or '-'. A pasted
// credential is not: it starts with a vendor's token prefix, is a JWT, or holds a long random run of
// characters. This tells which, without the value ever being printed.

// Token prefixes of common services: Databricks (dapi, dkea, dose), GitHub, GitLab, Slack, AWS access
// keys, OpenAI/Anthropic/Stripe-style secret keys, Google API keys and OAuth tokens, Hugging Face, npm,
// PyPI, SendGrid. Each must be followed by more characters, so a name such as "sk-config" is not one.
const TOKEN_PREFIXES =
  /^(?:dapi|dkea|dose|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|xox[abposr]-|AKIA|ASIA|sk-|sk_live_|sk_test_|rk_live_|AIza|ya29\.|hf_|npm_|pypi-|SG\.)[A-Za-z0-9_\-.]{12,}/;
const JWT = /^eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$/;
const HEX = /^[0-9a-fA-F]{32,}$/;

/** Shannon entropy of a string, in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

// A run of 20+ characters mixing digits and letters, with high entropy, is not a word of a name.
function isRandomRun(part: string): boolean {
  return part.length >= 20 && /[0-9]/.test(part) && /[A-Za-z]/.test(part) && entropy(part) >= 3.5;
}

/** Why `value` looks like a credential rather than a secret name, or undefined when it does not. */
export function credentialKind(value: string): string | undefined {
  if (TOKEN_PREFIXES.test(value)) return "it starts with a known token prefix";
  if (JWT.test(value)) return "it is a JSON Web Token";
  if (HEX.test(value)) return "it is a long hexadecimal string";
  if (value.split(/[_.\-/+=]/).some(isRandomRun) || (value.length >= 32 && !/[_.\-]/.test(value) && entropy(value) >= 4)) {
    return "it is a long random string";
  }
  return undefined;
}
