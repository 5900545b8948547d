import { stat } from "node:fs/promises";
import type { BlobServiceClient, StoragePipelineOptions } from "@azure/storage-blob";
import { type OperationContext, withStorageErrors } from "./classify.ts";
import { replaceFile } from "./local-file.ts";
import { multipartPartSize, PART_CONCURRENCY } from "./multipart.ts";
import type { ObjectStorage } from "./object-storage.ts";
import { loadSdk, type ModuleLoader } from "./sdk-loader.ts";
import { StorageError, type StorageOperation } from "./storage-error.ts";
import { parseStorageUri } from "./uri.ts";

type BlobSdk = typeof import("@azure/storage-blob");

/** An @azure/core-auth TokenCredential, as far as the blob client uses it. */
interface TokenCredentialLike {
  getToken(scopes: string | string[], options?: object): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/** The part of @azure/identity used here (typed by hand: it is needed only for token credentials). */
interface IdentitySdk {
  ClientSecretCredential: new (tenantId: string, clientId: string, clientSecret: string) => TokenCredentialLike;
  DefaultAzureCredential: new () => TokenCredentialLike;
}

/** How requests to one storage account are authorised. */
export type AzureCredentialChoice =
  | { kind: "connection-string" }
  | { kind: "shared-key"; account: string }
  | { kind: "client-secret"; account: string; tenantId: string; clientId: string }
  | { kind: "default"; account: string };

function connectionStringAccount(connectionString: string): string | undefined {
  return /(?:^|;)\s*AccountName=([^;]+)/i.exec(connectionString)?.[1]?.trim();
}

/**
 * The credential for `account` (from the URI, else AZURE_STORAGE_ACCOUNT_NAME), first that applies:
 * AZURE_STORAGE_CONNECTION_STRING for its own account (also how an emulator such as Azurite is reached);
 * the account key AZURE_STORAGE_ACCOUNT_KEY for AZURE_STORAGE_ACCOUNT_NAME's account; a service
 * principal (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET); else DefaultAzureCredential
 * (workload identity, managed identity, …).
 */
export function azureCredentialChoice(env: NodeJS.ProcessEnv, uri: string, operation: StorageOperation = "open"): AzureCredentialChoice {
  const parsed = parseStorageUri(uri);
  const envAccount = env.AZURE_STORAGE_ACCOUNT_NAME?.trim() || undefined;
  const connectionString = env.AZURE_STORAGE_CONNECTION_STRING?.trim();
  if (connectionString) {
    const own = connectionStringAccount(connectionString);
    if (!parsed.account || parsed.account === own) return { kind: "connection-string" };
  }
  const account = parsed.account ?? envAccount;
  if (!account) {
    throw new StorageError({
      uri,
      operation,
      failure: "invalid-uri",
      message: `${uri} names no storage account: use abfs://<container>@<account>.dfs.core.windows.net/<key> or set AZURE_STORAGE_ACCOUNT_NAME`,
    });
  }
  if (env.AZURE_STORAGE_ACCOUNT_KEY?.trim() && (!envAccount || envAccount === account)) return { kind: "shared-key", account };
  const tenantId = env.AZURE_TENANT_ID?.trim();
  const clientId = env.AZURE_CLIENT_ID?.trim();
  if (tenantId && clientId && env.AZURE_CLIENT_SECRET?.trim()) return { kind: "client-secret", account, tenantId, clientId };
  return { kind: "default", account };
}

// Retries are counted by withRetries (FLYTE_STORAGE_RETRIES), not also by the SDK.
const PIPELINE_OPTIONS: StoragePipelineOptions = { retryOptions: { maxTries: 1 } };

class AzureStorage implements ObjectStorage {
  /** One client per credential choice (an account, or the connection string's). */
  private readonly clients = new Map<string, Promise<BlobServiceClient>>();

  constructor(
    private readonly sdk: BlobSdk,
    private readonly env: NodeJS.ProcessEnv,
    private readonly load: ModuleLoader,
    private readonly secrets: readonly string[],
  ) {}

  private async createClient(choice: AzureCredentialChoice, uri: string): Promise<BlobServiceClient> {
    const { sdk, env } = this;
    if (choice.kind === "connection-string") return sdk.BlobServiceClient.fromConnectionString(env.AZURE_STORAGE_CONNECTION_STRING!.trim(), PIPELINE_OPTIONS);
    const url = `https://${choice.account}.blob.core.windows.net`;
    if (choice.kind === "shared-key") {
      return new sdk.BlobServiceClient(url, new sdk.StorageSharedKeyCredential(choice.account, env.AZURE_STORAGE_ACCOUNT_KEY!.trim()), PIPELINE_OPTIONS);
    }
    const identity = await loadSdk<IdentitySdk>(this.load, "abfs", "@azure/identity", uri);
    const credential =
      choice.kind === "client-secret"
        ? new identity.ClientSecretCredential(choice.tenantId, choice.clientId, env.AZURE_CLIENT_SECRET!.trim())
        : new identity.DefaultAzureCredential();
    return new sdk.BlobServiceClient(url, credential, PIPELINE_OPTIONS);
  }

  /** The client for `uri`'s account, created on first use. */
  client(uri: string, operation: StorageOperation): Promise<BlobServiceClient> {
    const choice = azureCredentialChoice(this.env, uri, operation);
    const key = choice.kind === "connection-string" ? "" : choice.account;
    let client = this.clients.get(key);
    if (!client) {
      client = this.createClient(choice, uri);
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  private async blob(uri: string, operation: StorageOperation) {
    const parsed = parseStorageUri(uri);
    if (parsed.scheme !== "abfs") {
      throw new StorageError({ uri, operation, failure: "invalid-uri", message: `Azure storage cannot ${operation} ${uri}: not an abfs:// or abfss:// URI` });
    }
    if (!parsed.key) {
      throw new StorageError({
        uri,
        operation,
        failure: "invalid-uri",
        message: `Cannot ${operation} ${uri}: it names a container, not a blob (expected abfs://<container>/<key>)`,
      });
    }
    const client = await this.client(uri, operation);
    return client.getContainerClient(parsed.bucket!).getBlockBlobClient(parsed.key);
  }

  private run<T>(context: Omit<OperationContext, "secrets">, work: () => Promise<T>): Promise<T> {
    return withStorageErrors(context, this.secrets, work);
  }

  async read(uri: string): Promise<Uint8Array> {
    const blob = await this.blob(uri, "read");
    const buffer = await this.run({ uri, operation: "read" }, () => blob.downloadToBuffer());
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }

  async write(uri: string, bytes: Uint8Array, options?: { contentType?: string }): Promise<void> {
    const blob = await this.blob(uri, "write");
    await this.run({ uri, operation: "write" }, () =>
      blob.upload(bytes, bytes.byteLength, options?.contentType ? { blobHTTPHeaders: { blobContentType: options.contentType } } : {}),
    );
  }

  async exists(uri: string): Promise<boolean> {
    const blob = await this.blob(uri, "exists");
    return this.run({ uri, operation: "exists" }, () => blob.exists());
  }

  async downloadFile(uri: string, localPath: string): Promise<void> {
    const blob = await this.blob(uri, "download");
    await this.run({ uri, operation: "download", localPath }, () =>
      replaceFile(localPath, async (temporary) => {
        await blob.downloadToFile(temporary);
      }),
    );
  }

  async uploadFile(localPath: string, uri: string): Promise<void> {
    const blob = await this.blob(uri, "upload");
    await this.run({ uri, operation: "upload", localPath }, async () => {
      const { size } = await stat(localPath);
      const blockSize = multipartPartSize(size);
      // Files up to one block in a single request; larger ones as blocks sent in parallel, then committed.
      await blob.uploadFile(localPath, { blockSize, maxSingleShotSize: blockSize, concurrency: PART_CONCURRENCY });
    });
  }
}

export async function createAzureStorage(env: NodeJS.ProcessEnv, load: ModuleLoader, uri: string, secrets: readonly string[]): Promise<ObjectStorage> {
  const sdk = await loadSdk<BlobSdk>(load, "abfs", "@azure/storage-blob", uri);
  const storage = new AzureStorage(sdk, env, load, secrets);
  // Settle the credential now, so that a missing account or @azure/identity shows at once.
  await storage.client(uri, "open");
  return storage;
}
