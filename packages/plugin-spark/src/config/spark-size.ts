// Spark reads sizes with JavaUtils.byteStringAs: an integer and an optional unit, no fraction, no
// Kubernetes suffixes ("4Gi" is a common mistake: Spark rejects it when the session starts).
const SPARK_SIZE = /^[0-9]+(b|k|kb|m|mb|g|gb|t|tb|p|pb)?$/i;

export function isSparkSize(value: string): boolean {
  return SPARK_SIZE.test(value);
}
