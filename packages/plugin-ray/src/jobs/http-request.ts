// Plain HTTP requests to a Ray dashboard over node:http(s). Not the global fetch: undici always sends
// Sec-Fetch-* headers, and Ray's dashboard answers 405 "method not allowed for browser traffic" to any
// request that carries them.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface HttpResponse {
  status: number;
  body: Buffer;
}

export function httpCall(method: string, url: URL, body?: Buffer | string, headers: Record<string, string> = {}, timeoutMs = 60_000): Promise<HttpResponse> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers: { ...headers, ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on("error", reject);
    req.end(body);
  });
}
