import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { startFakeHttpServer, type FakeHttpServer, type InjectedFailure } from "./fake-http.ts";

/** What the fake keeps: objects by "bucket/key". */
export interface FakeS3 extends FakeHttpServer {
  readonly objects: Map<string, { body: Buffer; contentType: string | undefined }>;
}

const xml = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  response.writeHead(status, { "content-type": "application/xml", ...headers }).end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);

const etagOf = (body: Buffer) => `"${createHash("md5").update(body).digest("hex")}"`;

/** The payload of an `aws-chunked` body (`<hex size>[;ext]\r\n<data>\r\n … 0\r\n<trailers>`). */
function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", at);
    const size = Number.parseInt(body.subarray(at, lineEnd).toString("latin1").split(";")[0]!, 16);
    if (!size) return Buffer.concat(parts);
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

function writeS3Failure(request: IncomingMessage, failure: InjectedFailure, response: ServerResponse): void {
  if (request.method === "HEAD") return void response.writeHead(failure.status).end();
  xml(response, failure.status, `<Error><Code>${failure.code}</Code><Message>${failure.message}</Message><RequestId>fake</RequestId></Error>`);
}

/**
 * A small S3 for tests, path-style only: GetObject, PutObject, HeadObject and the multipart calls
 * of @aws-sdk/lib-storage (CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload).
 */
export async function startFakeS3(): Promise<FakeS3> {
  const objects: FakeS3["objects"] = new Map();
  const uploads = new Map<string, { name: string; contentType: string | undefined; parts: Map<number, Buffer> }>();
  let nextUpload = 1;
  const server = await startFakeHttpServer((request, rawBody, response) => {
    const url = new URL(request.url!, "http://fake");
    const [, bucket, ...keyParts] = url.pathname.split("/");
    const key = keyParts.map(decodeURIComponent).join("/");
    const name = `${bucket}/${key}`;
    const query = url.searchParams;
    const streaming = String(request.headers["x-amz-content-sha256"] ?? "").startsWith("STREAMING-");
    const body = streaming ? decodeAwsChunked(rawBody) : rawBody;
    const contentType = request.headers["content-type"];
    const notFound = () =>
      request.method === "HEAD"
        ? response.writeHead(404).end()
        : xml(response, 404, `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`);

    if (request.method === "POST" && query.has("uploads")) {
      const uploadId = `upload-${nextUpload++}`;
      uploads.set(uploadId, { name, contentType, parts: new Map() });
      return xml(response, 200, `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`);
    }
    const uploadId = query.get("uploadId");
    if (uploadId !== null) {
      const upload = uploads.get(uploadId);
      if (!upload) return xml(response, 404, `<Error><Code>NoSuchUpload</Code><Message>no upload ${uploadId}</Message></Error>`);
      if (request.method === "PUT") {
        upload.parts.set(Number(query.get("partNumber")), body);
        return response.writeHead(200, { etag: etagOf(body) }).end();
      }
      if (request.method === "POST") {
        const numbers = [...body.toString("utf8").matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
        objects.set(upload.name, { body: Buffer.concat(numbers.map((n) => upload.parts.get(n)!)), contentType: upload.contentType });
        uploads.delete(uploadId);
        return xml(response, 200, `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"multipart-${numbers.length}"</ETag></CompleteMultipartUploadResult>`);
      }
      if (request.method === "DELETE") {
        uploads.delete(uploadId);
        return response.writeHead(204).end();
      }
    }
    if (request.method === "PUT") {
      objects.set(name, { body, contentType });
      return response.writeHead(200, { etag: etagOf(body) }).end();
    }
    const object = objects.get(name);
    if (request.method === "GET" || request.method === "HEAD") {
      if (!object) return notFound();
      response.writeHead(200, {
        "content-length": String(object.body.length),
        "content-type": object.contentType ?? "application/octet-stream",
        etag: etagOf(object.body),
      });
      return request.method === "HEAD" ? response.end() : response.end(object.body);
    }
    xml(response, 405, `<Error><Code>MethodNotAllowed</Code><Message>${request.method} ${request.url}</Message></Error>`);
  }, writeS3Failure);
  return Object.assign(server, { objects });
}
