import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { basename } from "node:path";
import { create } from "@bufbuild/protobuf";
import { DurationSchema } from "@bufbuild/protobuf/wkt";
import { SelectClusterRequest_Operation, type FlyteRemote } from "./client.ts";
import { RemoteError } from "./errors.ts";

/** Progress of an upload: bytes sent so far of the total. */
export type UploadProgress = (sent: number, total: number) => void;

export interface UploadFileOptions {
  /** Where the file is uploaded for (the data proxy names the object after them). */
  scope: { org: string; project: string; domain: string };
  /** No byte sent or received for this long fails the attempt. Default 60 s. */
  idleTimeoutMs?: number;
  /** Attempts of the PUT on network errors, timeouts and 5xx answers. Default 3. */
  maxAttempts?: number;
  onProgress?: UploadProgress;
  /** Told before a retry. */
  onRetry?: (attempt: number, error: Error) => void;
}

export interface UploadedFile {
  /** The object in the backend's store (`s3://…`), as the tasks reference it. */
  nativeUrl: string;
  md5Hex: string;
  size: number;
}

/** A signed URL without its query string (which is the credential). */
export function redactSignedUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(signed URL)";
  }
}

/**
 * Uploads a file through the data proxy: SelectCluster → CreateUploadLocation (content MD5, length) →
 * PUT to the signed URL with the returned headers plus `Content-MD5` and our own `Content-Length`, with an
 * idle timeout and bounded retries. Re-uploading the same content is allowed by the backend.
 */
export async function uploadFile(remote: FlyteRemote, path: string, options: UploadFileOptions): Promise<UploadedFile> {
  const size = statSync(path).size;
  const md5 = createHash("md5");
  for await (const chunk of createReadStream(path)) md5.update(chunk as Buffer);
  const digest = md5.digest();
  const { client, endpoint } = await remote.dataProxyFor(SelectClusterRequest_Operation.CREATE_UPLOAD_LOCATION, options.scope);
  const location = await remote.call(
    { rpc: "flyteidl2.dataproxy.DataProxyService/CreateUploadLocation", endpoint, doing: `creating the upload location of ${basename(path)}` },
    (call) =>
      client.createUploadLocation(
        {
          project: options.scope.project,
          domain: options.scope.domain,
          org: options.scope.org,
          filename: basename(path),
          contentMd5: new Uint8Array(digest),
          expiresIn: create(DurationSchema, { seconds: 3600n }),
          addContentMd5Metadata: true,
          contentLength: BigInt(size),
        },
        call,
      ),
  );
  if (!location.signedUrl || !location.nativeUrl) {
    throw new RemoteError("UPLOAD", `the data proxy at ${endpoint} returned no signed URL for ${basename(path)}`);
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(location.headers)) {
    // Our own length always wins: a server once sent a wrong one.
    if (key.toLowerCase() !== "content-length") headers[key] = value;
  }
  headers["Content-MD5"] = digest.toString("base64");
  headers["Content-Length"] = String(size);
  const maxAttempts = options.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      await put(location.signedUrl, path, size, headers, options.idleTimeoutMs ?? 60_000, options.onProgress);
      return { nativeUrl: location.nativeUrl, md5Hex: digest.toString("hex"), size };
    } catch (err) {
      const retryable = err instanceof UploadAttemptError && err.retryable;
      if (!retryable || attempt >= maxAttempts) {
        const message = (err as Error).message;
        throw new RemoteError("UPLOAD", `uploading ${basename(path)} (${size} bytes) to ${redactSignedUrl(location.signedUrl)} failed${attempt > 1 ? ` after ${attempt} attempts` : ""}: ${message}`, { cause: err });
      }
      options.onRetry?.(attempt, err as Error);
      await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
    }
  }
}

class UploadAttemptError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

function put(url: string, path: string, size: number, headers: Record<string, string>, idleTimeoutMs: number, onProgress?: UploadProgress): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const target = new URL(url);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    let settled = false;
    const fail = (err: UploadAttemptError) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(err);
    };
    const req = send(target, { method: "PUT", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body.length < 2048 ? (body += chunk) : undefined));
      res.on("end", () => {
        if (settled) return;
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          settled = true;
          resolvePromise();
          return;
        }
        const snippet = body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 300);
        fail(new UploadAttemptError(`the storage answered HTTP ${status}${snippet ? `: ${snippet}` : ""}`, status >= 500 || status === 429));
      });
      res.on("error", (err) => fail(new UploadAttemptError(err.message, true)));
    });
    // An idle socket (nothing sent or received) for idleTimeoutMs fails the attempt: a hung upload never hangs us.
    req.setTimeout(idleTimeoutMs, () => fail(new UploadAttemptError(`no progress for ${idleTimeoutMs} ms (timed out)`, true)));
    req.on("error", (err) => fail(new UploadAttemptError(err.message, true)));
    let sent = 0;
    const file = createReadStream(path);
    file.on("data", (chunk) => {
      sent += (chunk as Buffer).length;
      onProgress?.(sent, size);
    });
    file.on("error", (err) => fail(new UploadAttemptError(`cannot read ${path}: ${err.message}`, false)));
    file.pipe(req);
  });
}
