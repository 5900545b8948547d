/** Smallest part of a multipart upload (S3's own minimum). */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
/** At most this many parts per file (S3 allows 10000; headroom kept as in the reference runtime). */
export const MAX_PARTS = 9000;
/** Parts sent at once. */
export const PART_CONCURRENCY = 12;

/** Part size for a file of `size` bytes: 5 MiB, or larger so that the file needs at most MAX_PARTS parts. */
export function multipartPartSize(size: number): number {
  return Math.max(MIN_PART_SIZE, Math.ceil(size / MAX_PARTS));
}
