import type { IgnoreRule } from "./gitignore.ts";

/**
 * The rules of one ignore file and the directory they apply to. `base` is the file's directory as a
 * path prefix relative to the bundle root ("" for the root, "src/" for src/.gitignore); `outerPrefix`
 * is set instead for an ignore file above the root (a git repository's top level), whose rules see
 * paths as `outerPrefix + path`.
 */
export interface IgnoreRuleSet {
  /** Where the rules come from, for messages: ".gitignore", "src/.flyteignore", "../.gitignore", "(standard)". */
  readonly source: string;
  readonly base: string;
  readonly outerPrefix?: string;
  readonly rules: readonly IgnoreRule[];
  /** Built-in rules have no file, so their line numbers are left out of messages. */
  readonly builtin?: boolean;
}

export interface IgnoreDecision {
  readonly ignored: boolean;
  /** The rule that decided, with its source, e.g. `src/.gitignore:3: *.tmp`. */
  readonly by: string;
}

function localPath(set: IgnoreRuleSet, path: string): string | undefined {
  if (set.outerPrefix !== undefined) return set.outerPrefix + path;
  if (set.base === "") return path;
  return path.startsWith(set.base) ? path.slice(set.base.length) : undefined;
}

function matches(rule: IgnoreRule, local: string, isDirectory: boolean): boolean {
  if (rule.directoryOnly && !isDirectory) return false;
  if (rule.anchored) return rule.regex.test(local);
  const slash = local.lastIndexOf("/");
  return rule.regex.test(slash === -1 ? local : local.slice(slash + 1));
}

/**
 * Whether `path` (relative to the root, POSIX separators, no trailing slash) is ignored by the rule
 * sets, given in precedence order (outermost first, deeper files later). As in git, the last matching
 * rule decides and a later set overrides an earlier one; undefined when no rule matches. Parent
 * directories are not consulted here: the walker never enters an ignored directory, which is how git
 * keeps a file below an ignored directory ignored even when a rule re-includes it.
 */
export function ignoreDecision(sets: readonly IgnoreRuleSet[], path: string, isDirectory: boolean): IgnoreDecision | undefined {
  for (let s = sets.length - 1; s >= 0; s--) {
    const set = sets[s]!;
    const local = localPath(set, path);
    if (local === undefined) continue;
    for (let r = set.rules.length - 1; r >= 0; r--) {
      const rule = set.rules[r]!;
      if (matches(rule, local, isDirectory)) {
        return { ignored: !rule.negated, by: set.builtin ? `${set.source}: ${rule.pattern}` : `${set.source}:${rule.line}: ${rule.pattern}` };
      }
    }
  }
  return undefined;
}
