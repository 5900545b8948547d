import { describe, expect, it } from "vitest";
import { parseConnectionString, redactUrl } from "../src/connect/connection-string.ts";
import { SparkConnectError } from "../src/errors/spark-connect-error.ts";

describe("parseConnectionString", () => {
  it("defaults the port to 15002 and TLS off", () => {
    expect(parseConnectionString("sc://localhost")).toEqual({ host: "localhost", port: 15002, useSsl: false, headers: {} });
  });

  it("reads host, port and every known parameter", () => {
    const url = "sc://spark.example.com:443/;token=abc%3Bdef;user_id=alice;session_id=0E4B0F5A-1C2D-4E5F-8A9B-0C1D2E3F4A5B;user_agent=my%20app;x-databricks-cluster-id=0123";
    expect(parseConnectionString(url)).toEqual({
      host: "spark.example.com",
      port: 443,
      useSsl: true,
      token: "abc;def",
      userId: "alice",
      sessionId: "0e4b0f5a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
      userAgent: "my app",
      headers: { "x-databricks-cluster-id": "0123" },
    });
  });

  it("turns TLS on with use_ssl=true, and a token implies TLS even with use_ssl=false", () => {
    expect(parseConnectionString("sc://h:1/;use_ssl=true").useSsl).toBe(true);
    expect(parseConnectionString("sc://h:1/;token=t;use_ssl=false").useSsl).toBe(true);
    expect(parseConnectionString("sc://h:1/;use_ssl=false").useSsl).toBe(false);
  });

  it("reads bracketed IPv6 hosts", () => {
    expect(parseConnectionString("sc://[::1]:15003")).toMatchObject({ host: "::1", port: 15003 });
  });

  it.each([
    ["http://localhost:15002", "scheme", 'must start with "sc://"'],
    ["sc://:15002", "host", "must not be empty"],
    ["sc://h:99999", "port", "1 to 65535"],
    ["sc://h:abc", "port", "1 to 65535"],
    ["sc://h/path", "path", "must be empty"],
    ["sc://h/;use_ssl=yes", "use_ssl", '"true" or "false"'],
    ["sc://h/;session_id=nope", "session_id", "must be a UUID"],
    ["sc://h/;novalue", "parameter", "expected key=value"],
  ])("rejects %s naming %s", (url, field, allowed) => {
    let caught: unknown;
    try {
      parseConnectionString(url);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SparkConnectError);
    expect((caught as SparkConnectError).code).toBe("INVALID_URL");
    expect((caught as SparkConnectError).message).toContain(`invalid Spark Connect URL: ${field}: `);
    expect((caught as SparkConnectError).message).toContain(allowed);
  });

  it("never echoes a token in errors or redacted URLs", () => {
    expect(() => parseConnectionString("http://h/;token=s3cret")).toThrow(/token=<redacted>/);
    expect(redactUrl("sc://h/;token=s3cret;user_id=a")).toBe("sc://h/;token=<redacted>;user_id=a");
  });
});
