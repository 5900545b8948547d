import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { startFakeHttpServer, type FakeHttpServer, type InjectedFailure } from "./fake-http.ts";

export interface FakeAzureBlob extends FakeHttpServer {
  /** Blobs by "account/container/name". */
  readonly blobs: Map<string, { body: Buffer; contentType: string | undefined }>;
}

const common = (body?: Buffer): Record<string, string> => ({
  "x-ms-request-id": "fake",
  "x-ms-version": "2025-01-05",
  date: new Date().toUTCString(),
  ...(body ? { etag: `"${createHash("md5").update(body).digest("hex")}"`, "last-modified": new Date(0).toUTCString() } : {}),
});

function writeAzureFailure(request: IncomingMessage, failure: InjectedFailure, response: ServerResponse): void {
  response.writeHead(failure.status, { ...common(), "x-ms-error-code": failure.code, "content-type": "application/xml" });
  if (request.method === "HEAD") return void response.end();
  response.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${failure.code}</Code><Message>${failure.message}</Message></Error>`);
}

/**
 * A small Azure Blob service for tests, addressed like Azurite (`http://127.0.0.1:<port>/<account>/…`):
 * Put Blob, Get Blob (with ranges), Get Blob Properties, Put Block and Put Block List.
 */
export async function startFakeAzureBlob(): Promise<FakeAzureBlob> {
  const blobs: FakeAzureBlob["blobs"] = new Map();
  const blocks = new Map<string, Buffer>();
  const server = await startFakeHttpServer((request, body, response) => {
    const url = new URL(request.url!, "http://fake");
    const [, account, container, ...nameParts] = url.pathname.split("/");
    const name = `${account}/${container}/${nameParts.map(decodeURIComponent).join("/")}`;
    const comp = url.searchParams.get("comp");
    const contentType = request.headers["x-ms-blob-content-type"] as string | undefined;
    if (request.method === "PUT" && comp === "block") {
      blocks.set(`${name}#${url.searchParams.get("blockid")}`, body);
      return response.writeHead(201, common()).end();
    }
    if (request.method === "PUT" && comp === "blocklist") {
      const ids = [...body.toString("utf8").matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map((m) => m[1]!);
      const content = Buffer.concat(ids.map((id) => blocks.get(`${name}#${id}`)!));
      blobs.set(name, { body: content, contentType });
      return response.writeHead(201, common(content)).end();
    }
    if (request.method === "PUT") {
      blobs.set(name, { body, contentType });
      return response.writeHead(201, { ...common(body), "x-ms-request-server-encrypted": "true" }).end();
    }
    const blob = blobs.get(name);
    if (request.method === "GET" || request.method === "HEAD") {
      if (!blob) return writeAzureFailure(request, { status: 404, code: "BlobNotFound", message: "The specified blob does not exist." }, response);
      const headers = { ...common(blob.body), "x-ms-blob-type": "BlockBlob", "content-type": blob.contentType ?? "application/octet-stream" };
      const range = /bytes=(\d+)-(\d*)/.exec(String(request.headers["x-ms-range"] ?? request.headers.range ?? ""));
      if (request.method === "GET" && range) {
        const start = Number(range[1]);
        const end = range[2] ? Math.min(Number(range[2]), blob.body.length - 1) : blob.body.length - 1;
        const slice = blob.body.subarray(start, end + 1);
        return response
          .writeHead(206, { ...headers, "content-length": String(slice.length), "content-range": `bytes ${start}-${end}/${blob.body.length}` })
          .end(slice);
      }
      response.writeHead(200, { ...headers, "content-length": String(blob.body.length) });
      return request.method === "HEAD" ? response.end() : response.end(blob.body);
    }
    writeAzureFailure(request, { status: 405, code: "UnsupportedHttpVerb", message: `${request.method} ${request.url}` }, response);
  }, writeAzureFailure);
  return Object.assign(server, { blobs });
}
