import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request a fake storage server received. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly bodyLength: number;
}

/** An answer to give instead of the normal one (to make the next requests fail). */
export interface InjectedFailure {
  readonly status: number;
  /** The service's error code (S3 `<Code>`, Azure `x-ms-error-code`, GCS `reason`). */
  readonly code: string;
  readonly message: string;
}

export interface FakeHttpServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The next `count` requests (of those `matching`, when given) get this failure. */
  failNext(failure: InjectedFailure, count?: number, matching?: (request: IncomingMessage) => boolean): void;
  /** Forgets recorded requests and pending failures. */
  reset(): void;
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, body: Buffer, response: ServerResponse) => void;
export type FailureWriter = (request: IncomingMessage, failure: InjectedFailure, response: ServerResponse) => void;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** An HTTP server on 127.0.0.1 (a free port) that records requests and can be told to fail. */
export async function startFakeHttpServer(handle: Handler, writeFailure: FailureWriter): Promise<FakeHttpServer> {
  const requests: RecordedRequest[] = [];
  const failures: Array<{ failure: InjectedFailure; matching: ((request: IncomingMessage) => boolean) | undefined }> = [];
  const server: Server = createServer((request, response) => {
    readBody(request).then(
      (body) => {
        requests.push({ method: request.method!, url: request.url!, headers: request.headers, bodyLength: body.length });
        const at = failures.findIndex((f) => !f.matching || f.matching(request));
        const failure = at >= 0 ? failures.splice(at, 1)[0]!.failure : undefined;
        try {
          if (failure) writeFailure(request, failure, response);
          else handle(request, body, response);
        } catch (err) {
          response.writeHead(500).end(String(err));
        }
      },
      (err) => response.writeHead(500).end(String(err)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(failure, count = 1, matching) {
      for (let i = 0; i < count; i++) failures.push({ failure, matching });
    },
    reset() {
      requests.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Deterministic bytes of a given length (not all one value, so misplaced parts show). */
export function patternBytes(length: number, seed = 7): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}
