// gitignore-style matching (.gitignore files, the config's "ignore" globs, VS Code's files.exclude)
// without regular expressions. The `ignore` package compiles each `*` to `[^/]*`, and V8 backtracks
// through every way of splitting a name between the stars: `a*a*a*a*a*a*a*a*a*a*b` against a
// 60-character name ran for over a minute, and any cloned repository chooses its own .gitignore.
// Here each segment is matched by the greedy wildcard algorithm (only the last `*` is ever retried),
// and `**` over path segments the same way, so one test costs at most O(path length × pattern length).
//
// Semantics (git's): `#` comments, `\` escapes, trailing spaces dropped unless escaped, `!` re-includes,
// a trailing `/` matches folders only, a `/` at the start or in the middle anchors the pattern to its
// base folder (otherwise it matches at any depth), `**` as a whole segment matches any number of
// folders (a trailing `/**` at least one entry), `*` `?` `[a-z]` `[!a-z]` within a segment. The last
// matching pattern wins, and a path inside an ignored folder is ignored. Case-insensitive, as the
// `ignore` package's default was.

/** Longer patterns are not something a person wrote; they are dropped rather than matched. */
export const MAX_PATTERN_LENGTH = 1024;

type Token =
  { kind: "char"; ch: string } | { kind: "any" } | { kind: "star" } | { kind: "class"; negated: boolean; ranges: Array<[string, string]> };

/** One path segment's pattern, or `**` (any number of segments). */
type Segment = { globstar: true } | { globstar: false; tokens: Token[] };

interface Rule {
  negated: boolean;
  dirOnly: boolean;
  segments: Segment[];
}

export interface IgnoreMatcher {
  add(patterns: string | readonly string[]): IgnoreMatcher;
  /** `rel` is a relative POSIX path; a trailing `/` marks a folder. */
  ignores(rel: string): boolean;
}

export function createIgnore(): IgnoreMatcher {
  const rules: Rule[] = [];
  const matcher: IgnoreMatcher = {
    add(patterns) {
      const lines = typeof patterns === "string" ? patterns.split(/\r?\n/) : patterns;
      for (const line of lines) {
        const rule = parseRule(line);
        if (rule) rules.push(rule);
      }
      return matcher;
    },
    ignores(rel) {
      const isDir = rel.endsWith("/");
      const parts = rel.toLowerCase().split("/").filter(Boolean);
      if (parts.length === 0 || rules.length === 0) return false;
      // A path inside an ignored folder stays ignored whatever later rules say (git cannot re-include it).
      for (let depth = 1; depth < parts.length; depth++) {
        if (decide(rules, parts.slice(0, depth), true)) return true;
      }
      return decide(rules, parts, isDir);
    },
  };
  return matcher;
}

function decide(rules: readonly Rule[], parts: readonly string[], isDir: boolean): boolean {
  for (let i = rules.length - 1; i >= 0; i--) {
    const r = rules[i];
    if (r.dirOnly && !isDir) continue;
    if (matchSegments(r.segments, parts)) return !r.negated;
  }
  return false;
}

function parseRule(line: string): Rule | undefined {
  if (line.length > MAX_PATTERN_LENGTH) return undefined;
  let p = line;
  if (p === "" || p.startsWith("#")) return undefined;
  // Trailing spaces are dropped unless the last one is escaped (loops, not regexes: nothing here backtracks).
  let end = p.length;
  while (end > 0 && p[end - 1] === " " && p[end - 2] !== "\\") end--;
  p = p.slice(0, end);
  const negated = p.startsWith("!");
  if (negated) p = p.slice(1);
  else if (p.startsWith("\\!") || p.startsWith("\\#")) p = p.slice(1);
  const dirOnly = p.endsWith("/") && !p.endsWith("\\/");
  while (p.endsWith("/")) p = p.slice(0, -1);
  if (p === "") return undefined;
  const anchored = p.includes("/");
  if (p.startsWith("/")) p = p.slice(1);
  const raw = p
    .toLowerCase()
    .split("/")
    .filter((s) => s !== "");
  if (raw.length === 0) return undefined;
  const segments: Segment[] = raw.map((s) => (s === "**" ? { globstar: true } : { globstar: false, tokens: tokenize(s) }));
  // Unanchored: matches at any depth. A trailing `/**` matches what is inside, not the folder itself.
  if (!anchored) segments.unshift({ globstar: true });
  if (raw[raw.length - 1] === "**") segments.push({ globstar: false, tokens: [{ kind: "star" }] });
  return { negated, dirOnly, segments };
}

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\" && i + 1 < s.length) {
      out.push({ kind: "char", ch: s[++i] });
    } else if (c === "*") {
      if (out[out.length - 1]?.kind !== "star") out.push({ kind: "star" }); // `**` inside a segment is `*`
    } else if (c === "?") {
      out.push({ kind: "any" });
    } else if (c === "[") {
      const parsed = parseClass(s, i);
      if (parsed) {
        out.push(parsed.token);
        i = parsed.end;
      } else {
        out.push({ kind: "char", ch: c });
      }
    } else {
      out.push({ kind: "char", ch: c });
    }
  }
  return out;
}

/** `[abc]`, `[a-z]`, `[!x]`, `[^x]` starting at `s[start]`; undefined when unclosed (then `[` is literal). */
function parseClass(s: string, start: number): { token: Token; end: number } | undefined {
  let i = start + 1;
  const negated = s[i] === "!" || s[i] === "^";
  if (negated) i++;
  const ranges: Array<[string, string]> = [];
  let first = true;
  for (; i < s.length; i++) {
    let c = s[i];
    if (c === "]" && !first) return { token: { kind: "class", negated, ranges }, end: i };
    first = false;
    if (c === "\\" && i + 1 < s.length) c = s[++i];
    if (s[i + 1] === "-" && i + 2 < s.length && s[i + 2] !== "]") {
      let hi = s[i + 2];
      i += 2;
      if (hi === "\\" && i + 1 < s.length) hi = s[++i];
      ranges.push([c, hi]);
    } else {
      ranges.push([c, c]);
    }
  }
  return undefined;
}

function tokenMatches(t: Token, ch: string): boolean {
  switch (t.kind) {
    case "char":
      return t.ch === ch;
    case "any":
      return true;
    case "class": {
      const inside = t.ranges.some(([lo, hi]) => ch >= lo && ch <= hi);
      return inside !== t.negated;
    }
    default:
      return false;
  }
}

/**
 * The greedy wildcard algorithm: on a mismatch, only the most recent `*` takes one more character.
 * Correct because every other token matches exactly one character; O(name × pattern) at worst.
 */
function matchSegment(tokens: readonly Token[], name: string): boolean {
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < name.length) {
    const tok = tokens[t];
    if (tok && tok.kind === "star") {
      starT = t++;
      starN = n;
    } else if (tok && tokenMatches(tok, name[n])) {
      t++;
      n++;
    } else if (starT >= 0) {
      t = starT + 1;
      n = ++starN;
    } else {
      return false;
    }
  }
  while (t < tokens.length && tokens[t].kind === "star") t++;
  return t === tokens.length;
}

/** The same algorithm one level up: `**` is the star, each other segment matches exactly one path segment. */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): boolean {
  let s = 0;
  let p = 0;
  let starS = -1;
  let starP = 0;
  while (p < parts.length) {
    const seg = segments[s];
    if (seg && seg.globstar) {
      starS = s++;
      starP = p;
    } else if (seg && matchSegment(seg.tokens, parts[p])) {
      s++;
      p++;
    } else if (starS >= 0) {
      s = starS + 1;
      p = ++starP;
    } else {
      return false;
    }
  }
  while (s < segments.length && segments[s].globstar) s++;
  return s === segments.length;
}
