import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets } from "@flyte-ts/core";

describe("redactSecrets", () => {
  it.each([
    ["credentials in a URL's user information", "cannot reach https://alice:s3cr3t-pw@db.example.com:5432/x", `cannot reach https://${REDACTED}@db.example.com:5432/x`],
    ["a token as the user of a URL", "clone https://ghs_abc@github.com/o/r.git failed", `clone https://${REDACTED}@github.com/o/r.git failed`],
    ["several URLs, other schemes", "postgres://u:p@h1/db and s3://key:secret@bucket/k", `postgres://${REDACTED}@h1/db and s3://${REDACTED}@bucket/k`],
    ["query-string tokens", "GET https://h/api?run_id=7&access_token=abc123&x=1", `GET https://h/api?run_id=7&access_token=${REDACTED}&x=1`],
    ["signed URLs", "https://b.s3.amazonaws.com/k?X-Amz-Credential=AK%2F1&X-Amz-Signature=deadbeef&X-Amz-Expires=60", `https://b.s3.amazonaws.com/k?X-Amz-Credential=${REDACTED}&X-Amz-Signature=${REDACTED}&X-Amz-Expires=60`],
    ["an Azure SAS", "https://a.blob.core.windows.net/c/k?sv=2022&sp=r&sig=Zm9vYmFy%3D", `https://a.blob.core.windows.net/c/k?sv=2022&sp=r&sig=${REDACTED}`],
    ["a bearer token echoed back", "header was Bearer abcdefgh12345678", `header was Bearer ${REDACTED}`],
    ["a Databricks token in a state message", "Invalid token dapi0123456789abcdef0123456789abcdef-2 for workspace", `Invalid token ${REDACTED} for workspace`],
    ["a JWT", "id token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.c2lnbmF0dXJl expired", `id token ${REDACTED} expired`],
    ["a GitHub token", "ghp_0123456789abcdefghij0123456789abcdef leaked", `${REDACTED} leaked`],
    ["an AWS key id", "key AKIAIOSFODNN7EXAMPLE denied", `key ${REDACTED} denied`],
    ["plain text is left alone", "task etl.load failed: 3 rows of https://example.com/data?page=2 were bad", "task etl.load failed: 3 rows of https://example.com/data?page=2 were bad"],
  ])("%s", (_what, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it("replaces known secret values, longest first, and ignores values too short to be credentials", () => {
    expect(redactSecrets("token tok-123456 and tok-1234567 and ab", ["tok-123456", "tok-1234567", "ab"])).toBe(`token ${REDACTED} and ${REDACTED} and ab`);
  });
});
