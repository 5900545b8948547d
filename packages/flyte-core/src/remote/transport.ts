import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { Code, ConnectError, type Interceptor, type Transport } from "@connectrpc/connect";
import { compressionGzip, createConnectTransport } from "@connectrpc/connect-node";
import type { TokenSource } from "./auth.ts";
import { RemoteError, isTransient } from "./errors.ts";

/*
 * The one place Connect transports are made, shared by the remote client and a0's child-action controller:
 * Connect protocol over HTTP/1.1, binary protobuf, gzip both ways, an x-request-id per call, bounded retries
 * of transient failures, and the bearer token (refreshed once on UNAUTHENTICATED). Deadlines are per call:
 * {@link unaryCallOptions} gives unary calls one; streams run until they end or are aborted.
 */

export interface FlyteTransportOptions {
  /** Base URL, `http(s)://host[:port]`. */
  baseUrl: string;
  /** Undefined: no authorization header. */
  auth?: TokenSource | undefined;
  /** Attempts of a unary call that failed transiently (UNAVAILABLE, RESOURCE_EXHAUSTED, connection reset). Default 4. */
  maxAttempts?: number;
  /** First backoff in ms, doubled each time up to 10 s. Default 500. */
  backoffMs?: number;
  /** PEM file of the CA that signed the endpoint's certificate. */
  caCertFilePath?: string | undefined;
  /** Accept any certificate (admin.insecureSkipVerify). */
  insecureSkipVerify?: boolean;
  /** Replaces the timer between retries (tests). */
  sleep?: (ms: number) => Promise<void>;
}

export const REQUEST_ID_HEADER = "x-request-id";
const MAX_BACKOFF_MS = 10_000;

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Adds `x-request-id` (a fresh uuid4 per call; kept across retries, so the server's logs correlate them). */
export const requestIdInterceptor: Interceptor = (next) => (req) => {
  if (!req.header.has(REQUEST_ID_HEADER)) req.header.set(REQUEST_ID_HEADER, randomUUID());
  return next(req);
};

/** Retries unary calls that failed transiently, with exponential backoff; streams are left to their callers. */
export function retryInterceptor(maxAttempts: number, backoffMs: number, sleep: (ms: number) => Promise<void>): Interceptor {
  return (next) => async (req) => {
    if (req.stream) return next(req);
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(req);
      } catch (err) {
        if (attempt >= maxAttempts || !isTransient(err) || req.signal.aborted) throw err;
        await sleep(Math.min(backoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS));
        if (req.signal.aborted) throw err;
      }
    }
  };
}

/** Sets `authorization: Bearer …`; on UNAUTHENTICATED refreshes the token once and repeats the call. */
export function authInterceptor(auth: TokenSource): Interceptor {
  return (next) => async (req) => {
    req.header.set("authorization", `Bearer ${await auth.token()}`);
    try {
      return await next(req);
    } catch (err) {
      if (!(err instanceof ConnectError && err.code === Code.Unauthenticated)) throw err;
      let fresh: string;
      try {
        fresh = await auth.refresh();
      } catch (refreshError) {
        if (refreshError instanceof RemoteError) throw refreshError;
        throw err;
      }
      req.header.set("authorization", `Bearer ${fresh}`);
      return next(req);
    }
  };
}

/** A Connect transport to `baseUrl` with the behaviours above. */
export function createFlyteTransport(options: FlyteTransportOptions): Transport {
  const interceptors: Interceptor[] = [
    requestIdInterceptor,
    retryInterceptor(options.maxAttempts ?? 4, options.backoffMs ?? 500, options.sleep ?? defaultSleep),
  ];
  if (options.auth) interceptors.push(authInterceptor(options.auth));
  const tls: { ca?: Buffer; rejectUnauthorized?: boolean } = {};
  if (options.caCertFilePath) {
    try {
      tls.ca = readFileSync(options.caCertFilePath);
    } catch (err) {
      throw new RemoteError("REMOTE_CONFIG", `admin.caCertFilePath ${options.caCertFilePath} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  if (options.insecureSkipVerify) tls.rejectUnauthorized = false;
  return createConnectTransport({
    baseUrl: options.baseUrl,
    httpVersion: "1.1",
    useBinaryFormat: true,
    sendCompression: compressionGzip,
    acceptCompression: [compressionGzip],
    // Small messages are not worth compressing; bundles and inputs are.
    compressMinBytes: 1024,
    interceptors,
    ...(Object.keys(tls).length > 0 ? { nodeOptions: tls } : {}),
  });
}

/** Call options of a unary call: its deadline, and an abort signal if given. */
export function unaryCallOptions(timeoutMs: number, signal?: AbortSignal): { timeoutMs: number; signal?: AbortSignal } {
  return signal ? { timeoutMs, signal } : { timeoutMs };
}
