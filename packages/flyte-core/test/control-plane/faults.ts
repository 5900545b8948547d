import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import type { HttpRoute } from "./server.ts";
import type { FakeState } from "./state.ts";

/*
 * Misbehaviour on demand, as observed on real deployments: a call answering a transient error a number of
 * times, a proxy answering HTML, and bearer-token checks (with revocation, to force a refresh).
 */

/** `Method` (e.g. "CreateRun") → errors to answer before the real handler runs again. */
export class FaultPlan {
  readonly #queued = new Map<string, Array<{ code: Code; message: string }>>();
  /** Answers HTML to every Connect call while set (`status` 200 for a login page, 502 for a proxy error). */
  htmlProxy: { status: number } | undefined;
  /** Calls answered per method, faults included. */
  readonly calls = new Map<string, number>();

  /** The next `times` calls of `method` fail with `code`. */
  fail(method: string, code: Code, times = 1, message = `injected ${Code[code]}`): void {
    const list = this.#queued.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push({ code, message });
    this.#queued.set(method, list);
  }

  take(method: string): { code: Code; message: string } | undefined {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    return this.#queued.get(method)?.shift();
  }
}

export function faultInterceptor(plan: FaultPlan): Interceptor {
  return (next) => async (req) => {
    const fault = plan.take(req.method.name);
    if (fault) throw new ConnectError(fault.message, fault.code);
    return next(req);
  };
}

/** An HTML page in front of every Connect call while `plan.htmlProxy` is set. */
export function htmlProxyRoute(plan: FaultPlan): HttpRoute {
  return (req, res) => {
    if (!plan.htmlProxy || req.method !== "POST") return false;
    req.resume();
    res.writeHead(plan.htmlProxy.status, { "content-type": "text/html; charset=utf-8" });
    res.end("<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Please sign in</h1></body></html>");
    return true;
  };
}

/** When `required()`, every call except OAuth2 discovery needs `authorization: Bearer <a valid token>`. */
export function authCheckInterceptor(state: FakeState, required: () => boolean): Interceptor {
  return (next) => async (req) => {
    if (required() && req.service.typeName !== "flyteidl2.auth.AuthMetadataService") {
      const header = req.header.get("authorization") ?? "";
      const token = header.startsWith("Bearer ") ? header.slice(7) : "";
      if (!state.validTokens.has(token)) throw new ConnectError("invalid or expired token", Code.Unauthenticated);
    }
    return next(req);
  };
}
