// A small semver range check for the plugin contract (caret, tilde, comparisons, x-ranges, `||`);
// enough for ranges like "^1.2.0" or ">=1.0.0 <3" without a dependency.
type Version = [number, number, number];

function parse(version: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

function satisfiesComparator(v: Version, comparator: string): boolean {
  if (comparator === "*" || comparator === "" || /^x$/i.test(comparator)) return true;
  const m = /^(\^|~|>=|<=|>|<|=)?\s*(.+)$/.exec(comparator);
  if (!m) return false;
  const op = m[1] ?? "=";
  const text = m[2]!;
  const parts = text.split(".");
  const wildcard = parts.findIndex((p) => /^(x|\*)$/i.test(p));
  const given = wildcard === -1 ? parts.length : wildcard;
  const target = parse(parts.slice(0, given).join(".") || "0");
  if (!target) return false;
  const upper = (level: number): Version =>
    level <= 0 ? [target[0] + 1, 0, 0] : level === 1 ? [target[0], target[1] + 1, 0] : [target[0], target[1], target[2] + 1];
  switch (op) {
    case "^": {
      const level = target[0] > 0 || given === 1 ? 0 : target[1] > 0 || given === 2 ? 1 : 2;
      return compare(v, target) >= 0 && compare(v, upper(level)) < 0;
    }
    case "~":
      return compare(v, target) >= 0 && compare(v, upper(given === 1 ? 0 : 1)) < 0;
    case ">=":
      return compare(v, target) >= 0;
    case ">":
      return given < 3 ? compare(v, upper(given - 1)) >= 0 : compare(v, target) > 0;
    case "<=":
      return given < 3 ? compare(v, upper(given - 1)) < 0 : compare(v, target) <= 0;
    case "<":
      return compare(v, target) < 0;
    default:
      return given < 3 ? compare(v, target) >= 0 && compare(v, upper(given - 1)) < 0 : compare(v, target) === 0;
  }
}

/** Whether `version` is in `range`. Prerelease tags are ignored. */
export function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  if (!v) return false;
  return range.split("||").some((set) => {
    const comparators = set.trim().replace(/(\^|~|>=|<=|>|<|=)\s+/g, "$1").split(/\s+/);
    return comparators.every((c) => satisfiesComparator(v, c));
  });
}

export function isValidRange(range: string): boolean {
  return range.split("||").every((set) =>
    set
      .trim()
      .replace(/(\^|~|>=|<=|>|<|=)\s+/g, "$1")
      .split(/\s+/)
      .every((c) => c === "*" || /^(\^|~|>=|<=|>|<|=)?v?(\d+|x|\*)(\.(\d+|x|\*))?(\.(\d+|x|\*))?(-[0-9A-Za-z.-]+)?$/i.test(c)),
  );
}
