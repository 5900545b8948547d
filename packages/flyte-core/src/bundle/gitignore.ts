/**
 * One line of a `.gitignore` / `.flyteignore` file, compiled. Semantics are git's (gitignore(5)):
 * `#` comments, `!` negation, a trailing `/` for directories only, a `/` at the start or in the middle
 * anchoring the pattern to the file's directory (else it matches a name at any depth), `*`, `?`,
 * `[...]` never crossing `/`, `**` as a whole path segment spanning directories, `\` escaping.
 */
export interface IgnoreRule {
  /** The pattern as written (after trimming), for messages. */
  readonly pattern: string;
  /** 1-based line number in its file. */
  readonly line: number;
  readonly negated: boolean;
  readonly directoryOnly: boolean;
  /** True when the pattern is matched against the whole path below the file's directory, not just the name. */
  readonly anchored: boolean;
  readonly regex: RegExp;
}

/** The rules of one ignore file, in file order (a later matching rule wins over an earlier one). */
export function parseIgnoreFile(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  text.split("\n").forEach((raw, index) => {
    const rule = parseIgnoreLine(raw, index + 1);
    if (rule) rules.push(rule);
  });
  return rules;
}

export function parseIgnoreLine(raw: string, line = 1): IgnoreRule | undefined {
  let text = trimTrailingSpaces(raw.endsWith("\r") ? raw.slice(0, -1) : raw);
  if (text === "" || text.startsWith("#")) return undefined;
  const negated = text.startsWith("!");
  if (negated) text = text.slice(1);
  const directoryOnly = text.endsWith("/");
  if (directoryOnly) text = text.slice(0, -1);
  if (text === "") return undefined;
  const anchored = text.includes("/");
  const body = text.startsWith("/") ? text.slice(1) : text;
  const source = wildmatchToRegex(body);
  // A pattern that can never match (unclosed bracket, trailing backslash) is kept out, as git does.
  if (source === undefined) return undefined;
  return { pattern: raw.trim(), line, negated, directoryOnly, anchored, regex: new RegExp(`^${source}$`, "s") };
}

/** Trailing spaces are dropped unless escaped with a backslash. */
function trimTrailingSpaces(text: string): string {
  let end = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      if (i >= text.length) return text;
      end = i + 1;
    } else if (c !== " ") {
      end = i + 1;
    }
  }
  return text.slice(0, end);
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/-]/g;
const escapeRegex = (s: string) => s.replace(REGEX_SPECIAL, "\\$&");

const POSIX_CLASSES: Record<string, string> = {
  alnum: "a-zA-Z0-9", alpha: "a-zA-Z", blank: " \\t", cntrl: "\\x00-\\x1f\\x7f", digit: "0-9", graph: "\\x21-\\x7e",
  lower: "a-z", print: "\\x20-\\x7e", punct: "!-\\/:-@\\[-`{-~", space: " \\t\\n\\r\\f\\v", upper: "A-Z", xdigit: "0-9A-Fa-f",
};

/**
 * A regex source equal to git's wildmatch with WM_PATHNAME, or undefined for a pattern that cannot
 * match anything.
 */
export function wildmatchToRegex(pattern: string): string | undefined {
  let out = "";
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") {
      if (i + 1 >= pattern.length) return undefined;
      out += escapeRegex(pattern[i + 1]!);
      i += 2;
    } else if (c === "?") {
      out += "[^/]";
      i++;
    } else if (c === "*") {
      let j = i;
      while (pattern[j] === "*") j++;
      const runs = j - i;
      const segmentStart = i === 0 || pattern[i - 1] === "/";
      const segmentEnd = j === pattern.length || pattern[j] === "/";
      if (runs >= 2 && segmentStart && segmentEnd) {
        if (j === pattern.length) {
          out += ".*"; // `dir/**`: everything inside
          i = j;
        } else {
          out += "(?:.*/)?"; // `**/`: zero or more directories
          i = j + 1;
        }
      } else {
        out += "[^/]*";
        i = j;
      }
    } else if (c === "[") {
      const parsed = bracket(pattern, i);
      if (!parsed) return undefined;
      out += parsed.regex;
      i = parsed.end;
    } else {
      out += escapeRegex(c);
      i++;
    }
  }
  return out;
}

/** A bracket expression starting at `start` ("["): its regex (never matching "/") and the index after "]". */
function bracket(pattern: string, start: number): { regex: string; end: number } | undefined {
  let i = start + 1;
  let negated = false;
  if (pattern[i] === "!" || pattern[i] === "^") {
    negated = true;
    i++;
  }
  let body = "";
  let first = true;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "]" && !first) {
      return { regex: negated ? `[^/${body}]` : `(?!/)[${body}]`, end: i + 1 };
    }
    first = false;
    if (c === "[" && pattern[i + 1] === ":") {
      const close = pattern.indexOf(":]", i + 2);
      if (close === -1) return undefined;
      const cls = POSIX_CLASSES[pattern.slice(i + 2, close)];
      if (cls === undefined) return undefined;
      body += cls;
      i = close + 2;
      continue;
    }
    let ch = c;
    if (c === "\\") {
      i++;
      if (i >= pattern.length) return undefined;
      ch = pattern[i]!;
    }
    i++;
    if (pattern[i] === "-" && pattern[i + 1] !== undefined && pattern[i + 1] !== "]") {
      let hi = pattern[i + 1]!;
      i += 2;
      if (hi === "\\") {
        if (i >= pattern.length) return undefined;
        hi = pattern[i]!;
        i++;
      }
      // An inverted range matches nothing in git; a JS class would throw.
      if (hi.codePointAt(0)! >= ch.codePointAt(0)!) body += `${escapeClass(ch)}-${escapeClass(hi)}`;
    } else {
      body += escapeClass(ch);
    }
  }
  return undefined;
}

const escapeClass = (ch: string) => (/[\\\]\[^-]/.test(ch) ? `\\${ch}` : ch);
