/** Removes every occurrence of a secret from a text (error bodies and messages may echo it). */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join("[REDACTED]");
}
