import { afterEach, describe, expect, it } from "vitest";
import { DatabricksApiError, DatabricksConnector, baseUrlOf } from "@flyte-ts/plugin-databricks";
import { type FakeJobsServerOptions, startFakeJobsServer, type FakeJobsServer } from "@flyte-ts/plugin-databricks/testing";

const TOKEN = "dapi-test-0123456789abcdef";
let server: FakeJobsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(options: Omit<FakeJobsServerOptions, "token"> = {}, connector: Record<string, unknown> = {}) {
  server = await startFakeJobsServer({ token: TOKEN, ...options });
  const retries: string[] = [];
  const client = new DatabricksConnector({
    host: server.url, token: TOKEN, backoffMs: 1, maxBackoffMs: 5, requestTimeoutMs: 500,
    onRetry: (r) => retries.push(`${r.call} #${r.attempt}: ${r.reason} (wait ${r.delayMs} ms)`),
    ...connector,
  });
  return { server, client, retries };
}
const BODY = { run_name: "r", existing_cluster_id: "c" };

describe("Databricks connector", () => {
  it("submits with the bearer token and an idempotency token, then follows the run to its end", async () => {
    const { server, client } = await setUp();
    const runId = await client.submit(BODY);
    expect(runId).toBe("1001");
    const sent = JSON.parse(server.requests[0]!.body) as Record<string, unknown>;
    expect(sent).toEqual({ ...BODY, idempotency_token: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(server.requests[0]).toMatchObject({ method: "POST", path: "/api/2.1/jobs/runs/submit", authorization: `Bearer ${TOKEN}` });
    const page = `${server.url}/?o=1#job/77/run/1001`;
    expect(await client.get(runId)).toEqual({ runId, jobId: "77", runPageUrl: page, phase: "INITIALIZING", state: "PENDING", message: "Waiting for cluster" });
    expect(await client.get(runId)).toMatchObject({ phase: "RUNNING", state: "RUNNING", message: "" });
    expect(await client.get(runId)).toMatchObject({ phase: "SUCCEEDED", state: "TERMINATED/SUCCESS" });
    expect(server.requests[1]!.path).toBe("/api/2.1/jobs/runs/get?run_id=1001");
  });

  it("keeps an explicit idempotency token, and a repeated submission gets the same run", async () => {
    const { server, client } = await setUp();
    expect(await client.submit({ ...BODY, idempotency_token: "once" })).toBe("1001");
    expect(await client.submit({ ...BODY, idempotency_token: "once" })).toBe("1001");
    expect(server.runs.size).toBe(1);
  });

  it("keeps run ids beyond 2^53 exact", async () => {
    const { server, client } = await setUp({ firstRunId: "9007199254740993", jobId: "9007199254740995" });
    const runId = await client.submit(BODY);
    expect(runId).toBe("9007199254740993");
    expect(await client.get(runId)).toMatchObject({ runId: "9007199254740993", jobId: "9007199254740995" });
    await client.cancel(runId);
    expect(server.requests.at(-1)!.body).toBe('{"run_id":9007199254740993}');
  });

  it("retries 429 (honouring Retry-After within the cap), 500, malformed JSON and slow answers", async () => {
    const { client, retries } = await setUp({
      faults: { submit: [{ status: 429, retryAfterSeconds: 1 }, { status: 500 }], get: [{ malformed: true }, { delayMs: 800 }] },
    });
    const runId = await client.submit(BODY);
    expect(await client.get(runId)).toMatchObject({ state: "PENDING" });
    expect(retries).toEqual([
      "POST /api/2.1/jobs/runs/submit #1: HTTP 429: TEMPORARILY_UNAVAILABLE: fault 429 (wait 5 ms)",
      "POST /api/2.1/jobs/runs/submit #2: HTTP 500: TEMPORARILY_UNAVAILABLE: fault 500 (wait 2 ms)",
      "GET /api/2.1/jobs/runs/get #1: malformed JSON in an HTTP 200 answer (wait 1 ms)",
      "GET /api/2.1/jobs/runs/get #2: no answer within 500 ms (wait 2 ms)",
    ]);
  });

  it("honours Retry-After given as an HTTP date", async () => {
    const waits: number[] = [];
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 4000); // HTTP dates have whole seconds
    const { client } = await setUp(
      { faults: { submit: [{ status: 429, retryAfter: at.toUTCString() }, { status: 503, retryAfter: "Thu, 01 Jan 1970 00:00:00 GMT" }] } },
      { maxBackoffMs: 60_000, sleep: async (ms: number) => { waits.push(ms); } },
    );
    await expect(client.submit(BODY)).resolves.toBe("1001");
    // The date is 4-5 s ahead when the answer comes; a date in the past means the backoff alone (2 ms).
    expect(waits[0]).toBeGreaterThan(2500);
    expect(waits[0]).toBeLessThanOrEqual(5000);
    expect(waits[1]).toBe(2);
  });

  it("gives up after the last attempt, naming the last reason", async () => {
    const { client } = await setUp({ faults: { submit: [{ status: 503 }, { status: 503 }, { status: 503 }] } }, { maxAttempts: 3 });
    const error = await client.submit(BODY).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DatabricksApiError);
    expect((error as DatabricksApiError).code).toBe("EXECUTION");
    expect((error as Error).message).toBe("Databricks POST /api/2.1/jobs/runs/submit failed after 3 attempts: HTTP 503: TEMPORARILY_UNAVAILABLE: fault 503");
  });

  it("retries network errors", async () => {
    const closed = await startFakeJobsServer({ token: TOKEN });
    await closed.close();
    const { client, retries } = await setUp({}, { host: closed.url, maxAttempts: 2 });
    await expect(client.submit(BODY)).rejects.toThrow("Databricks POST /api/2.1/jobs/runs/submit failed after 2 attempts: network error: ECONNREFUSED");
    expect(retries).toEqual(["POST /api/2.1/jobs/runs/submit #1: network error: ECONNREFUSED (wait 1 ms)"]);
  });

  it("fails at once on other client errors, with Databricks' code and message", async () => {
    const { client, retries } = await setUp({ faults: { submit: [{ status: 400, body: '{"error_code":"INVALID_PARAMETER_VALUE","message":"Missing spark_version"}' }] } });
    const error = (await client.submit(BODY).catch((err: unknown) => err)) as DatabricksApiError;
    expect([error.status, error.errorCode, error.message]).toEqual([400, "INVALID_PARAMETER_VALUE", "Databricks POST /api/2.1/jobs/runs/submit failed with HTTP 400: INVALID_PARAMETER_VALUE: Missing spark_version"]);
    expect(retries).toEqual([]);
  });

  it("refuses a wrong token without retrying", async () => {
    const { client } = await setUp({}, { token: "wrong" });
    await expect(client.submit(BODY)).rejects.toThrow("Databricks POST /api/2.1/jobs/runs/submit failed with HTTP 403: PERMISSION_DENIED: Invalid access token.");
  });

  it("never puts the token into an error, even when the server echoes it", async () => {
    const echo = `{"error_code":"BAD_REQUEST","message":"header was Bearer ${TOKEN}"}`;
    const { client } = await setUp({ faults: { submit: [{ status: 400, body: echo }], get: [{ status: 502, body: `upstream said ${TOKEN}` }] } }, { maxAttempts: 1 });
    const submitError = (await client.submit(BODY).catch((err: unknown) => err)) as Error;
    expect(submitError.message).toBe("Databricks POST /api/2.1/jobs/runs/submit failed with HTTP 400: BAD_REQUEST: header was Bearer [REDACTED]");
    const getError = (await client.get("1").catch((err: unknown) => err)) as Error;
    expect(getError.message).toBe("Databricks GET /api/2.1/jobs/runs/get failed after 1 attempts: HTTP 502: upstream said [REDACTED]");
    expect(JSON.stringify({ ...submitError, stack: submitError.stack })).not.toContain(TOKEN);
    expect(JSON.stringify(client)).not.toContain(TOKEN);
  });

  it("cancels idempotently: one request for concurrent calls, and an unknown run counts as cancelled", async () => {
    const { server, client } = await setUp({ states: [{ life_cycle_state: "RUNNING" }] });
    const runId = await client.submit(BODY);
    await client.get(runId);
    await Promise.all([client.cancel(runId), client.cancel(runId)]);
    await client.cancel(runId);
    expect(server.requests.filter((r) => r.path.endsWith("/runs/cancel"))).toHaveLength(1);
    expect(await client.get(runId)).toMatchObject({ phase: "RUNNING", state: "TERMINATING", message: "Run cancellation requested" });
    expect(await client.get(runId)).toMatchObject({ phase: "ABORTED", state: "TERMINATED/CANCELED", message: "Run cancelled." });
    await expect(client.cancel("424242")).resolves.toBeUndefined();
  });

  it("a failed cancel can be tried again", async () => {
    const { server, client } = await setUp({ faults: { cancel: [{ status: 403, body: '{"error_code":"PERMISSION_DENIED","message":"no"}' }] } });
    const runId = await client.submit(BODY);
    await expect(client.cancel(runId)).rejects.toThrow("HTTP 403");
    await client.cancel(runId);
    expect(server.requests.filter((r) => r.path.endsWith("/runs/cancel"))).toHaveLength(2);
  });

  it("builds the base URL and the reference's run page link", () => {
    expect(baseUrlOf("acme.cloud.databricks.com")).toBe("https://acme.cloud.databricks.com");
    expect(baseUrlOf("http://127.0.0.1:8080/")).toBe("http://127.0.0.1:8080");
    expect(new DatabricksConnector({ host: "acme.cloud.databricks.com", token: "t" }).runPageUrl("5", "9")).toBe("https://acme.cloud.databricks.com/#job/9/run/5");
  });
});

describe("fake Jobs API", () => {
  it("answers a body that is not a JSON object as Databricks does, and unknown endpoints with 404", async () => {
    const fake = await startFakeJobsServer({ token: "t" });
    try {
      const headers = { Authorization: "Bearer t" };
      const bad = await fetch(`${fake.url}/api/2.1/jobs/runs/submit`, { method: "POST", headers, body: "[1" });
      expect([bad.status, await bad.json()]).toEqual([400, { error_code: "MALFORMED_REQUEST", message: "Invalid JSON given in the body of the request" }]);
      const missing = await fetch(`${fake.url}/api/2.2/jobs/runs/list`, { headers });
      expect(missing.status).toBe(404);
    } finally {
      await fake.close();
    }
  });
});
