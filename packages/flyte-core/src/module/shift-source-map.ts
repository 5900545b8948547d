/** A text edit of generated code: at `line` (0-based), the text ending at `column` grew by `delta` characters. */
export interface ColumnEdit {
  readonly line: number;
  readonly column: number;
  readonly delta: number;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** The first VLQ number of a mappings segment and where the rest of the segment starts. */
function readVlq(segment: string): [value: number, end: number] {
  let value = 0;
  let shift = 0;
  let i = 0;
  for (;;) {
    const digit = DIGIT.get(segment[i++]!) ?? 0;
    value += (digit & 31) * 2 ** shift;
    shift += 5;
    if ((digit & 32) === 0 || i >= segment.length) break;
  }
  return [value & 1 ? -(value - 1) / 2 : value / 2, i];
}

function writeVlq(value: number): string {
  let rest = value < 0 ? -value * 2 + 1 : value * 2;
  let out = "";
  do {
    let digit = rest % 32;
    rest = Math.floor(rest / 32);
    if (rest > 0) digit |= 32;
    out += BASE64[digit];
  } while (rest > 0);
  return out;
}

/**
 * Moves the generated columns of a source map's `mappings` after text edits of the generated code (longer
 * import specifiers), so that positions after an edit still map to their source. Each segment's first field
 * is its generated column, relative to the previous segment of the same line; the other fields are kept.
 */
export function shiftMappings(mappings: string, edits: readonly ColumnEdit[]): string {
  if (edits.length === 0) return mappings;
  const byLine = new Map<number, ColumnEdit[]>();
  for (const e of edits) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e]);
  return mappings.split(";").map((line, index) => {
    const lineEdits = byLine.get(index);
    if (!lineEdits || line === "") return line;
    let column = 0;
    let shiftedBefore = 0;
    return line.split(",").map((segment) => {
      const [delta, end] = readVlq(segment);
      column += delta;
      const shifted = column + lineEdits.reduce((sum, e) => (column >= e.column ? sum + e.delta : sum), 0);
      const out = writeVlq(shifted - shiftedBefore) + segment.slice(end);
      shiftedBefore = shifted;
      return out;
    }).join(",");
  }).join(";");
}
