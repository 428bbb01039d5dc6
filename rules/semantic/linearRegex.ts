// Regular expressions from a workspace's config (hardcoded-secret's `allow`), matched in linear time.
// V8 backtracks: `(x+x+)+y` from a cloned repository's config would hang the editor on one string.
// This compiles the usual subset of JavaScript regex syntax (literals, escapes, classes, `.`, groups,
// `|`, `* + ? {m,n}`, `^ $ \b \B`) to a Thompson NFA and runs it one character at a time over a set of
// states (Pike/Thompson simulation): O(text × states) whatever the pattern. What it cannot match
// linearly (backreferences, lookaround) is rejected with a message, as is a pattern too large to compile.

/** The most NFA states one pattern may compile to (`{m,n}` copies its operand). */
export const MAX_REGEX_STATES = 2000;
/** The longest pattern source accepted. */
export const MAX_REGEX_SOURCE = 512;

type Pred = (c: number) => boolean;
type Node =
  | { t: "pred"; p: Pred }
  | { t: "seq"; items: Node[] }
  | { t: "alt"; items: Node[] }
  | { t: "rep"; n: Node; min: number; max: number }
  | { t: "assert"; kind: "bol" | "eol" | "wb" | "nwb" };

type State =
  | { t: "pred"; p: Pred; out: number }
  | { t: "split"; a: number; b: number }
  | { t: "assert"; kind: "bol" | "eol" | "wb" | "nwb"; out: number }
  | { t: "eps"; out: number }
  | { t: "match" };

export interface LinearRegex {
  test(text: string): boolean;
}

/** Compiles `source`, or returns the reason it cannot be used. */
export function compileLinearRegex(source: string): LinearRegex | { error: string } {
  if (source.length > MAX_REGEX_SOURCE) return { error: `is longer than ${MAX_REGEX_SOURCE} characters` };
  try {
    new RegExp(source);
  } catch (err) {
    return { error: `is not a valid regular expression (${(err as Error).message})` };
  }
  let ast: Node;
  try {
    ast = new Parser(source).parse();
  } catch (err) {
    return { error: (err as Error).message };
  }
  const states: State[] = [];
  const add = (s: State): number => {
    if (states.length >= MAX_REGEX_STATES) throw new Error(`is too complex (more than ${MAX_REGEX_STATES} states)`);
    states.push(s);
    return states.length - 1;
  };
  let start: number;
  try {
    const match = add({ t: "match" });
    start = compile(ast, match, add, states);
  } catch (err) {
    return { error: (err as Error).message };
  }
  return { test: (text) => simulate(states, start, text) };
}

/** Builds the NFA for `n` so that it continues at `next`; returns its entry state (built back to front). */
function compile(n: Node, next: number, add: (s: State) => number, states: State[]): number {
  switch (n.t) {
    case "pred":
      return add({ t: "pred", p: n.p, out: next });
    case "assert":
      return add({ t: "assert", kind: n.kind, out: next });
    case "seq": {
      let at = next;
      for (let i = n.items.length - 1; i >= 0; i--) at = compile(n.items[i], at, add, states);
      return at;
    }
    case "alt": {
      const entries = n.items.map((item) => compile(item, next, add, states));
      let at = entries[entries.length - 1];
      for (let i = entries.length - 2; i >= 0; i--) at = add({ t: "split", a: entries[i], b: at });
      return at;
    }
    case "rep": {
      // e{min,max}: `max - min` nested optional copies (each may skip straight to `next`), or a loop for
      // an open max, preceded by `min` plain copies.
      let at = next;
      if (n.max === Infinity) {
        const loop = add({ t: "split", a: -1, b: next });
        (states[loop] as { a: number }).a = compile(n.n, loop, add, states);
        at = loop;
      } else {
        for (let i = n.min; i < n.max; i++) at = add({ t: "split", a: compile(n.n, at, add, states), b: next });
      }
      for (let i = 0; i < n.min; i++) at = compile(n.n, at, add, states);
      return at;
    }
  }
}

function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function simulate(states: State[], start: number, text: string): boolean {
  const n = text.length;
  let current = new Set<number>();
  let next = new Set<number>();
  const addState = (set: Set<number>, s: number, pos: number): boolean => {
    // Iterative epsilon closure; returns true as soon as the match state is reached.
    const stack = [s];
    while (stack.length) {
      const i = stack.pop()!;
      if (set.has(i)) continue;
      set.add(i);
      const st = states[i];
      switch (st.t) {
        case "match":
          return true;
        case "split":
          stack.push(st.b, st.a);
          break;
        case "eps":
          stack.push(st.out);
          break;
        case "assert": {
          const before = pos > 0 && isWord(text.charCodeAt(pos - 1));
          const after = pos < n && isWord(text.charCodeAt(pos));
          const ok = st.kind === "bol" ? pos === 0 : st.kind === "eol" ? pos === n : st.kind === "wb" ? before !== after : before === after;
          if (ok) stack.push(st.out);
          break;
        }
        default:
          break;
      }
    }
    return false;
  };
  for (let pos = 0; pos <= n; pos++) {
    // Unanchored search: a match may start at every position.
    if (addState(current, start, pos)) return true;
    if (pos === n) break;
    const c = text.charCodeAt(pos);
    next.clear();
    for (const i of current) {
      const st = states[i];
      if (st.t === "pred" && st.p(c) && addState(next, st.out, pos + 1)) return true;
    }
    [current, next] = [next, current];
  }
  return false;
}

const DIGIT: Pred = (c) => c >= 48 && c <= 57;
const SPACE: Pred = (c) =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
const LINE_END: Pred = (c) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** Recursive descent over the pattern; throws Error("…") with a reason for unsupported syntax. */
class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Node {
    const n = this.alternation();
    if (this.i < this.s.length) throw new Error(`has an unmatched ")" at ${this.i}`);
    return n;
  }

  private alternation(): Node {
    const items = [this.sequence()];
    while (this.s[this.i] === "|") {
      this.i++;
      items.push(this.sequence());
    }
    return items.length === 1 ? items[0] : { t: "alt", items };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== "|" && this.s[this.i] !== ")") {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return { t: "seq", items };
  }

  private quantified(atom: Node): Node {
    const c = this.s[this.i];
    let min: number;
    let max: number;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i, this.i + 24));
      if (!m) return atom; // a literal "{", as JavaScript reads it without the u flag
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.s[this.i] === "?") this.i++; // lazy or greedy: the same for a yes/no test
    if (atom.t === "assert") throw new Error("has a quantified assertion");
    return { t: "rep", n: atom, min, max };
  }

  private atom(): Node {
    const s = this.s;
    const c = s[this.i++];
    switch (c) {
      case "^":
        return { t: "assert", kind: "bol" };
      case "$":
        return { t: "assert", kind: "eol" };
      case ".":
        return { t: "pred", p: (x) => !LINE_END(x) };
      case "[":
        return this.charClass();
      case "(": {
        if (s[this.i] === "?") {
          if (s[this.i + 1] === ":") this.i += 2;
          else if (s[this.i + 1] === "<" && s[this.i + 2] !== "=" && s[this.i + 2] !== "!") this.i = s.indexOf(">", this.i) + 1;
          else throw new Error("uses a lookahead or lookbehind, which cannot be matched in linear time");
        }
        const inner = this.alternation();
        if (s[this.i] !== ")") throw new Error("has an unclosed group");
        this.i++;
        return inner;
      }
      case "\\": {
        const e = this.escape(false);
        if (typeof e === "number") return { t: "pred", p: (x) => x === e };
        return typeof e === "function" ? { t: "pred", p: e } : e;
      }
      default: {
        const code = c.charCodeAt(0);
        return { t: "pred", p: (x) => x === code };
      }
    }
  }

  /** An escape after a backslash: a class such as `\d` (a predicate), an assertion, or one code unit. */
  private escape(inClass: boolean): Node | Pred | number {
    const c = this.s[this.i++];
    switch (c) {
      case "d":
        return DIGIT;
      case "D":
        return (x: number) => !DIGIT(x);
      case "w":
        return isWord;
      case "W":
        return (x: number) => !isWord(x);
      case "s":
        return SPACE;
      case "S":
        return (x: number) => !SPACE(x);
      case "b":
        return inClass ? 8 : { t: "assert", kind: "wb" };
      case "B":
        if (inClass) throw new Error("has \\B in a character class");
        return { t: "assert", kind: "nwb" };
      case "t":
        return 9;
      case "n":
        return 10;
      case "r":
        return 13;
      case "f":
        return 12;
      case "v":
        return 11;
      case "0":
        return 0;
      case "x":
      case "u": {
        const len = c === "x" ? 2 : 4;
        const hex = this.s.slice(this.i, this.i + len);
        if (!(c === "x" ? /^[0-9A-Fa-f]{2}$/ : /^[0-9A-Fa-f]{4}$/).test(hex)) throw new Error(`has an unsupported \\${c} escape`);
        this.i += len;
        return parseInt(hex, 16);
      }
      default: {
        if (c === undefined) throw new Error("ends with a lone backslash");
        if (/[1-9k]/.test(c)) throw new Error("uses a backreference, which cannot be matched in linear time");
        if (/[A-Za-z]/.test(c)) throw new Error(`has an unsupported escape \\${c}`);
        return c.charCodeAt(0);
      }
    }
  }

  private charClass(): Node {
    const s = this.s;
    const negated = s[this.i] === "^";
    if (negated) this.i++;
    const members: Pred[] = [];
    while (this.i < s.length && s[this.i] !== "]") {
      const lo = this.classAtom();
      if (s[this.i] === "-" && this.i + 1 < s.length && s[this.i + 1] !== "]" && typeof lo === "number") {
        this.i++;
        const hi = this.classAtom();
        if (typeof hi !== "number") throw new Error("has a character class range that ends in a class");
        members.push((x) => x >= lo && x <= hi);
      } else {
        members.push(typeof lo === "number" ? (x) => x === lo : lo);
      }
    }
    if (s[this.i] !== "]") throw new Error("has an unclosed character class");
    this.i++;
    return { t: "pred", p: (x) => members.some((m) => m(x)) !== negated };
  }

  /** A code unit, or a predicate for `\d`-style escapes. */
  private classAtom(): number | Pred {
    const c = this.s[this.i++];
    if (c !== "\\") return c.charCodeAt(0);
    return this.escape(true) as number | Pred;
  }
}
