import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ConnectRouter, Interceptor } from "@connectrpc/connect";
import { compressionGzip, connectNodeAdapter } from "@connectrpc/connect-node";

/*
 * The loopback fake control plane's HTTP server: Connect handlers of the official flyteidl2 service
 * descriptors (served by @connectrpc/connect-node) plus plain HTTP routes (signed-URL uploads, the OAuth2
 * token endpoint), on 127.0.0.1 and a port the OS picks. Services are plugged in as registrations, so that
 * each service lives in its own file (the ActionsService of the child-action controller included).
 */

/** Registers one or more services on the router. */
export type ServiceRegistration = (router: ConnectRouter) => void;

/** A plain HTTP route; returns true when it handled the request. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** One HTTP request the server received (for assertions on headers). */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface StartServerOptions {
  services: readonly ServiceRegistration[];
  /** Tried in order before the Connect handlers. */
  routes?: readonly HttpRoute[];
  /** Server-side interceptors (fault injection, auth checks). */
  interceptors?: readonly Interceptor[];
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts the server; `close()` stops it and drops open connections (watch streams included). */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const connect = connectNodeAdapter({
    routes: (router) => {
      for (const register of options.services) register(router);
    },
    interceptors: [...(options.interceptors ?? [])],
    acceptCompression: [compressionGzip],
  });
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", path: (req.url ?? "").split("?")[0]!, headers: req.headers });
    void (async () => {
      for (const route of options.routes ?? []) {
        if (await route(req, res)) return;
      }
      connect(req, res);
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolvePromise) => server.listen(0, "127.0.0.1", resolvePromise));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}

/** Reads a request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
