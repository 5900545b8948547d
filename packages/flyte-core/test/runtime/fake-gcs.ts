import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { startFakeHttpServer, type FakeHttpServer, type InjectedFailure } from "./fake-http.ts";

export interface FakeGcs extends FakeHttpServer {
  /** Objects by "bucket/name". */
  readonly objects: Map<string, { body: Buffer; contentType: string | undefined }>;
}

const CRC32C_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  return c >>> 0;
});

/** CRC-32C (Castagnoli), base64 of its big-endian bytes, as GCS reports it. */
function crc32c(body: Buffer): string {
  let crc = 0xffffffff;
  for (const byte of body) crc = CRC32C_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out.toString("base64");
}

const md5 = (body: Buffer) => createHash("md5").update(body).digest("base64");

const json = (response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(value));

function writeGcsFailure(_request: IncomingMessage, failure: InjectedFailure, response: ServerResponse): void {
  json(response, failure.status, { error: { code: failure.status, message: failure.message, errors: [{ reason: failure.code, message: failure.message }] } });
}

/** The metadata part and the media part of a `multipart/related` upload body. */
function splitMultipart(body: Buffer, contentType: string): { metadata: Record<string, unknown>; media: Buffer; mediaType: string | undefined } {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)![2]!;
  const parts: Buffer[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    parts.push(body.subarray(at + delimiter.length + 2, next - 2)); // skip the CRLF after the delimiter and before the next
    at = next;
  }
  const [head, mediaPart] = parts.map((part) => {
    const split = part.indexOf("\r\n\r\n");
    return { headers: part.subarray(0, split).toString("latin1"), content: part.subarray(split + 4) };
  });
  return {
    metadata: JSON.parse(head!.content.toString("utf8")) as Record<string, unknown>,
    media: mediaPart!.content,
    mediaType: /content-type:\s*([^\r\n]+)/i.exec(mediaPart!.headers)?.[1],
  };
}

/**
 * A small GCS JSON API for tests: object metadata (GET), media download (`alt=media`), multipart and
 * single-request resumable uploads. Answers carry the crc32c and md5 the SDK checks.
 */
export async function startFakeGcs(): Promise<FakeGcs> {
  const objects: FakeGcs["objects"] = new Map();
  const sessions = new Map<string, { bucket: string; name: string; contentType: string | undefined }>();
  let nextSession = 1;
  let baseUrl = "";
  const metadataOf = (bucket: string, name: string) => {
    const object = objects.get(`${bucket}/${name}`)!;
    return {
      kind: "storage#object",
      bucket,
      name,
      size: String(object.body.length),
      contentType: object.contentType ?? "application/octet-stream",
      crc32c: crc32c(object.body),
      md5Hash: md5(object.body),
      generation: "1",
    };
  };
  const store = (response: ServerResponse, bucket: string, name: string, body: Buffer, contentType: string | undefined) => {
    objects.set(`${bucket}/${name}`, { body, contentType });
    json(response, 200, metadataOf(bucket, name));
  };
  const server = await startFakeHttpServer((request, body, response) => {
    const url = new URL(request.url!, "http://fake");
    const query = url.searchParams;
    const notFound = (bucket: string, name: string) =>
      json(response, 404, { error: { code: 404, message: `No such object: ${bucket}/${name}`, errors: [{ reason: "notFound", message: `No such object: ${bucket}/${name}` }] } });
    let match = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
    if (match) {
      const bucket = decodeURIComponent(match[1]!);
      const uploadType = query.get("uploadType");
      if (request.method === "POST" && uploadType === "multipart") {
        const { metadata, media, mediaType } = splitMultipart(body, String(request.headers["content-type"]));
        return store(response, bucket, String(query.get("name") ?? metadata.name), media, (metadata.contentType as string | undefined) ?? mediaType);
      }
      if (request.method === "POST" && uploadType === "resumable") {
        const metadata = body.length ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {};
        const id = `session-${nextSession++}`;
        sessions.set(id, { bucket, name: String(query.get("name") ?? metadata.name), contentType: metadata.contentType as string | undefined });
        return response.writeHead(200, { location: `${baseUrl}/upload/storage/v1/b/${match[1]}/o?uploadType=resumable&upload_id=${id}` }).end();
      }
      if (request.method === "PUT" && query.get("upload_id")) {
        const session = sessions.get(query.get("upload_id")!)!;
        sessions.delete(query.get("upload_id")!);
        return store(response, session.bucket, session.name, body, session.contentType);
      }
    }
    match = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname);
    if (match && request.method === "GET") {
      const bucket = decodeURIComponent(match[1]!);
      const name = decodeURIComponent(match[2]!);
      const object = objects.get(`${bucket}/${name}`);
      if (!object) return notFound(bucket, name);
      if (query.get("alt") !== "media") return json(response, 200, metadataOf(bucket, name));
      return response
        .writeHead(200, {
          "content-type": object.contentType ?? "application/octet-stream",
          "content-length": String(object.body.length),
          "x-goog-hash": `crc32c=${crc32c(object.body)},md5=${md5(object.body)}`,
          "x-goog-stored-content-encoding": "identity",
        })
        .end(object.body);
    }
    json(response, 405, { error: { code: 405, message: `${request.method} ${request.url}` } });
  }, writeGcsFailure);
  baseUrl = server.url;
  return Object.assign(server, { objects });
}
