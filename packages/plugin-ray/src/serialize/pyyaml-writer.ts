// PyYAML's emitter output for scalars (write_plain / write_single_quoted / write_double_quoted): the
// same escapes, and the same folding of long lines past column 80 at spaces, so that `yaml.dump` text
// is reproduced byte for byte. Strings are walked by code point, as Python indexes them.
import { DOUBLE_QUOTED_ESCAPES } from "./pyyaml-scalar.ts";

const BEST_WIDTH = 80;
const BREAKS = "\n\x85\u2028\u2029";

export class YamlWriter {
  text = "";
  column = 0;

  write(data: string): void {
    this.text += data;
    this.column += [...data].length;
  }

  newline(indent: number): void {
    this.text += `\n${" ".repeat(indent)}`;
    this.column = indent;
  }

  private lineBreak(): void {
    this.text += "\n";
    this.column = 0;
  }

  /** A plain scalar; folds at single spaces once past the line width unless it is a simple key. */
  plain(text: string, indent: number, split: boolean): void {
    const chars = [...text];
    let start = 0;
    let spaces = false;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && this.column > BEST_WIDTH && split) this.newline(indent);
          else this.write(chars.slice(start, end).join(""));
          start = end;
        }
      } else if (ch === undefined || ch === " ") {
        this.write(chars.slice(start, end).join(""));
        start = end;
      }
      spaces = ch === " ";
    }
  }

  /** A single-quoted scalar: quotes doubled, line breaks written as blank lines, folding at spaces. */
  singleQuoted(text: string, indent: number, split: boolean): void {
    const chars = [...text];
    this.write("'");
    let start = 0;
    let spaces = false;
    let breaks = false;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== chars.length) this.newline(indent);
          else this.write(chars.slice(start, end).join(""));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (chars[start] === "\n") this.lineBreak();
          for (const br of chars.slice(start, end)) {
            this.text += br === "\n" ? "\n" : br;
            this.column = 0;
          }
          this.write(" ".repeat(indent));
          start = end;
        }
      } else if (ch === undefined || ch === " " || ch === "'" || BREAKS.includes(ch)) {
        if (start < end) {
          this.write(chars.slice(start, end).join(""));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === " ";
        breaks = BREAKS.includes(ch);
      }
    }
    this.write("'");
  }

  /** A double-quoted scalar with PyYAML's escapes; long lines continue after a backslash. */
  doubleQuoted(text: string, indent: number, split: boolean): void {
    const chars = [...text];
    this.write('"');
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (ch === undefined || '"\\\x85\u2028\u2029\uFEFF'.includes(ch) || !(ch >= " " && ch <= "~")) {
        if (start < end) {
          this.write(chars.slice(start, end).join(""));
          start = end;
        }
        if (ch !== undefined) {
          this.write(escape(ch));
          start = end + 1;
        }
      }
      if (end > 0 && end < chars.length - 1 && (ch === " " || start >= end) && this.column + (end - start) > BEST_WIDTH && split) {
        this.write(`${chars.slice(start, end).join("")}\\`);
        if (start < end) start = end;
        this.newline(indent);
        if (chars[start] === " ") this.write("\\");
      }
    }
    this.write('"');
  }
}

function escape(ch: string): string {
  if (DOUBLE_QUOTED_ESCAPES[ch] !== undefined) return `\\${DOUBLE_QUOTED_ESCAPES[ch]}`;
  const code = ch.codePointAt(0)!;
  if (code <= 0xff) return `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`;
  if (code <= 0xffff) return `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `\\U${code.toString(16).toUpperCase().padStart(8, "0")}`;
}
