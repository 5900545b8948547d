import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { create, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { OffloadedInputDataSchema } from "../../src/gen/flyteidl2/common/run_pb.ts";
import type { ActionIdentifier } from "../../src/gen/flyteidl2/common/identifier_pb.ts";
import { DataProxyService } from "../../src/gen/flyteidl2/dataproxy/dataproxy_service_pb.ts";
import { InputsSchema, type Inputs, type Outputs } from "../../src/gen/flyteidl2/task/common_pb.ts";
import { readBody, type HttpRoute, type ServiceRegistration } from "./server.ts";
import { projectNotFound, taskKey, taskNotFound, type FakeState } from "./state.ts";

/** Where GetActionData and TailLogs find runs (the RunService's store). */
export interface ActionDataSource {
  actionData(id: ActionIdentifier): { inputs?: Inputs; outputs?: Outputs };
  /** Batches of log lines of an attempt, ending when the attempt has ended and everything was sent. */
  logs(id: ActionIdentifier, attempt: number): AsyncIterable<string[]>;
}

export interface DataProxyBehaviour {
  /** UploadInputs answers UNIMPLEMENTED (older servers): clients must send inputs inline. */
  uploadInputsUnimplemented?: boolean;
  /** The signed-URL endpoint reads the body and never answers (a hung store). */
  hangUploads?: boolean;
}

export const UPLOAD_PATH = "/signed-upload/";
/** A header the data proxy hands out with the signed URL, which the PUT must carry. */
export const UPLOAD_TOKEN_HEADER = "x-fake-upload-token";

/** RFC 4648 base32 with `=` padding (Go's base32.StdEncoding: the OSS data proxy names upload folders after the MD5 this way). */
export function base32(bytes: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, "=");
}

/** The OSS data proxy's inputs hash: FNV-1a 64 of the serialized inputs, unpadded base64url (11 characters). */
export function inputsHash(bytes: Uint8Array): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(hash);
  return out.toString("base64url");
}

interface PendingUpload {
  key: string;
  md5: string;
  token: string;
}

/**
 * DataProxyService: CreateUploadLocation (signed URL on `baseUrl()` + object key uploads/<project>/<domain>/<base32 md5>/<file>),
 * UploadInputs (inputs.pb offloaded to file storage), GetActionData and TailLogs from `runs`.
 * The returned `route` is the signed-URL PUT endpoint: it checks the signature, Content-MD5 and Content-Length.
 */
export function dataProxyService(
  state: FakeState,
  baseUrl: () => string,
  behaviour: DataProxyBehaviour = {},
  runs: () => ActionDataSource | undefined = () => undefined,
): { register: ServiceRegistration; route: HttpRoute; pending: Map<string, PendingUpload> } {
  const pending = new Map<string, PendingUpload>();
  const register: ServiceRegistration = (router) =>
    router.service(DataProxyService, {
      async createUploadLocation(req) {
        if (!state.hasProject(req.project)) throw new ConnectError(projectNotFound(req.project), Code.NotFound);
        if (req.contentMd5.length !== 16) throw new ConnectError("content_md5 must be 16 bytes", Code.InvalidArgument);
        if (!req.filename) throw new ConnectError("filename is required", Code.InvalidArgument);
        const key = `uploads/${req.project}/${req.domain}/${base32(req.contentMd5)}/${req.filename}`;
        const signature = randomBytes(16).toString("hex");
        const token = randomBytes(8).toString("hex");
        pending.set(signature, { key, md5: Buffer.from(req.contentMd5).toString("base64"), token });
        return {
          // Path segments escaped as an S3 presigned URL escapes them (the padding "=" becomes %3D).
          signedUrl: `${baseUrl()}${UPLOAD_PATH}${key.split("/").map(encodeURIComponent).join("/")}?X-Signature=${signature}`,
          nativeUrl: pathToFileURL(join(state.storageDir, key)).href,
          // A wrong Content-Length, as one OSS server sent: clients must send their own.
          headers: { [UPLOAD_TOKEN_HEADER]: token, "Content-Length": "1" },
        };
      },
      async uploadInputs(req) {
        if (behaviour.uploadInputsUnimplemented) throw new ConnectError("UploadInputs is not implemented", Code.Unimplemented);
        const project = req.id.case === "projectId" ? req.id.value : req.id.case === "runId" ? { organization: req.id.value.org, name: req.id.value.project, domain: req.id.value.domain } : undefined;
        if (!project) throw new ConnectError("run_id or project_id is required", Code.InvalidArgument);
        if (!state.hasProject(project.name)) throw new ConnectError(projectNotFound(project.name), Code.NotFound);
        if (req.task.case === undefined) throw new ConnectError("task_id or task_spec is required", Code.InvalidArgument);
        // As the OSS server: a task id is resolved (for its cache settings) before anything is written.
        if (req.task.case === "taskId" && !state.tasks.has(taskKey(req.task.value))) {
          throw new ConnectError(`failed to get task: not_found: ${taskNotFound(req.task.value)}`, Code.NotFound);
        }
        const bytes = toBinary(InputsSchema, req.inputs ?? create(InputsSchema, {}));
        const hash = inputsHash(bytes);
        // As the OSS server: the URI is the folder (uploads/<org>/<project>/<domain>/offloaded-inputs/<hash>) that holds inputs.pb.
        const folder = join(state.storageDir, "uploads", ...[project.organization, project.name, project.domain].filter(Boolean), "offloaded-inputs", hash);
        mkdirSync(folder, { recursive: true });
        writeFileSync(join(folder, "inputs.pb"), bytes);
        return { offloadedInputData: create(OffloadedInputDataSchema, { uri: pathToFileURL(folder).href, inputsHash: hash }) };
      },
      async getActionData(req) {
        const source = runs();
        if (!source || !req.actionId) throw new ConnectError("action not found", Code.NotFound);
        return source.actionData(req.actionId);
      },
      async *tailLogs(req) {
        const source = runs();
        if (!source || !req.actionId) throw new ConnectError("no log context found", Code.NotFound);
        for await (const lines of source.logs(req.actionId, req.attempt)) {
          yield { logs: [{ lines: lines.map((message) => ({ message })) }] };
        }
      },
    });

  const route: HttpRoute = async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (!url.pathname.startsWith(UPLOAD_PATH)) return false;
    const answer = (status: number, text: string) => {
      res.writeHead(status, { "content-type": "application/xml" });
      res.end(`<Error><Message>${text}</Message></Error>`);
    };
    const upload = pending.get(url.searchParams.get("X-Signature") ?? "");
    const key = decodeURIComponent(url.pathname.slice(UPLOAD_PATH.length));
    if (req.method !== "PUT" || !upload || upload.key !== key) {
      req.resume();
      answer(403, "SignatureDoesNotMatch");
      return true;
    }
    if (req.headers[UPLOAD_TOKEN_HEADER] !== upload.token) {
      req.resume();
      answer(403, `missing header ${UPLOAD_TOKEN_HEADER}`);
      return true;
    }
    const body = await readBody(req);
    if (behaviour.hangUploads) return true; // never answers
    if (req.headers["content-length"] !== String(body.length)) {
      answer(400, `Content-Length ${String(req.headers["content-length"])} does not match the ${body.length} bytes sent`);
      return true;
    }
    const md5 = createHash("md5").update(body).digest("base64");
    if (req.headers["content-md5"] !== upload.md5 || md5 !== upload.md5) {
      answer(400, "BadDigest: Content-MD5 does not match the content");
      return true;
    }
    const path = join(state.storageDir, key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body);
    state.objects.set(key, path);
    res.writeHead(200);
    res.end();
    return true;
  };
  return { register, route, pending };
}
