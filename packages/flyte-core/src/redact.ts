/** What a credential is replaced by in messages. */
export const REDACTED = "[REDACTED]";

// Query parameters whose values are credentials: tokens, keys, passwords and the signatures of signed
// URLs (S3 X-Amz-*, GCS X-Goog-*, Azure SAS `sig`).
const SECRET_QUERY_PARAMS = /([?&;](?:[\w.-]*(?:token|secret|password|passwd|pwd|apikey|api_key|api-key|access_key|accesskey|credential|signature|auth)[\w.-]*|sig|key|code)=)[^&#\s"'<>:,;)\]]*/gi;
// user:password@ or token@ in a URL's authority.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s"'<>]+@/gi;
// Credentials recognisable by their shape, wherever they appear in a text.
const TOKEN_SHAPES: readonly RegExp[] = [
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g, // an Authorization header echoed back
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, // a JWT
  /\bdapi[0-9a-f]{32}(?:-\d+)?\b/g, // Databricks personal access token
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{40,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, // Slack tokens
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g, // GitLab
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key ids
];

/**
 * `text` fit to print: every value in `secrets` (at least 6 characters; shorter values would blank out
 * ordinary words) and every credential recognisable by its form replaced by `[REDACTED]` — the user
 * information of URLs (`https://user:pass@host`), credential query parameters (`?token=…`, `&sig=…`,
 * `X-Amz-Signature=…`), bearer tokens, JWTs and tokens with a known prefix (Databricks `dapi…`, GitHub,
 * GitLab, Slack, AWS key ids). Every message the SDK prints or throws goes through it.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of [...secrets].filter((s) => typeof s === "string" && s.length >= 6).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(REDACTED);
  }
  out = out.replace(URL_USERINFO, `$1${REDACTED}@`);
  out = out.replace(SECRET_QUERY_PARAMS, `$1${REDACTED}`);
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, (match) => (match.startsWith("Bearer") ? `Bearer ${REDACTED}` : REDACTED));
  return out;
}
