// Text limits as the backend counts them: protovalidate's `string.max_len` and Python's len() count
// Unicode code points, not UTF-16 units; and a cut must not split a surrogate pair (the half left over
// is not valid UTF-8, which protobuf refuses).

/** Length of `text` in code points ("😀" is 1, though its JavaScript length is 2). */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The first `max` code points of `text`. */
export function takeCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  let count = 0;
  for (const point of text) {
    if (count === max) break;
    out += point;
    count++;
  }
  return out;
}

/** True when `text` has no lone surrogate (so it encodes to UTF-8, as every protobuf string must). */
export function isWellFormedText(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
