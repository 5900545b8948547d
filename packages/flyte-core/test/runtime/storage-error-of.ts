import { StorageError } from "../../src/runtime/storage/index.ts";

/** The StorageError a storage call fails with; fails the test when it succeeds or throws something else. */
export async function storageErrorOf(promise: Promise<unknown>): Promise<StorageError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof StorageError) return err;
    throw err;
  }
  throw new Error("expected a StorageError, nothing was thrown");
}
