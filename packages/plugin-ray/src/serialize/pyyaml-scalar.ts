// Which style PyYAML (`yaml.dump`, default arguments) writes a string in: plain when the text reads
// back as the same string, single-quoted when it would read back as another type or holds YAML
// indicators or line breaks, double-quoted with escapes when it holds characters outside printable
// ASCII (or spaces next to line breaks).

// The YAML 1.1 implicit types PyYAML's resolver knows; a plain string matching one must be quoted.
const IMPLICIT_TYPES: readonly RegExp[] = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
  /^(?:!|&|\*)$/,
];

export type ScalarStyle = "plain" | "single" | "double";

const LINE_BREAKS = "\n\x85\u2028\u2029";
const isPrintableAscii = (ch: string) => ch >= " " && ch <= "~";

/** The style PyYAML's emitter picks for a string in block context (analyze_scalar + choose_scalar_style). */
export function scalarStyle(text: string): ScalarStyle {
  const chars = [...text];
  if (chars.length === 0) return "single";
  let indicators = text.startsWith("---") || text.startsWith("...");
  let lineBreaks = false;
  let special = false;
  let edgeSpaceOrBreak = false;
  let spaceThenBreak = false;
  let breakThenSpace = false;
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((ch, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || " \t\r\0".includes(next) || LINE_BREAKS.includes(next);
    const precededByWhitespace = i === 0 || " \t\r\0".includes(chars[i - 1]!) || LINE_BREAKS.includes(chars[i - 1]!);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) indicators = true;
      if ("?:-".includes(ch) && followedByWhitespace) indicators = true;
    } else {
      if (ch === ":" && followedByWhitespace) indicators = true;
      if (ch === "#" && precededByWhitespace) indicators = true;
    }
    if (LINE_BREAKS.includes(ch)) lineBreaks = true;
    if (!(ch === "\n" || isPrintableAscii(ch))) special = true;
    const last = i === chars.length - 1;
    if (ch === " ") {
      if (i === 0 || last) edgeSpaceOrBreak = true;
      if (previousBreak) breakThenSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (LINE_BREAKS.includes(ch)) {
      if (i === 0 || last) edgeSpaceOrBreak = true;
      if (previousSpace) spaceThenBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
  });
  const singleAllowed = !(special || spaceThenBreak || breakThenSpace);
  const plainAllowed = singleAllowed && !indicators && !lineBreaks && !edgeSpaceOrBreak;
  if (plainAllowed && !IMPLICIT_TYPES.some((re) => re.test(text))) return "plain";
  return singleAllowed ? "single" : "double";
}

/** Escapes PyYAML uses in double-quoted scalars before falling back to \xNN / \uNNNN / \UNNNNNNNN. */
export const DOUBLE_QUOTED_ESCAPES: Readonly<Record<string, string>> = {
  "\0": "0", "\x07": "a", "\b": "b", "\t": "t", "\n": "n", "\x0B": "v", "\f": "f", "\r": "r", "\x1B": "e",
  '"': '"', "\\": "\\", "\x85": "N", "\xA0": "_", "\u2028": "L", "\u2029": "P",
};
