// One linear pass over a file's text that tells brackets from strings, comments, template literals
// and regular expressions, as a tokenizer without a parser must. It answers two questions before any
// syntax tree exists: how deep the file nests (engine/nesting.ts: files too deep to parse), and what
// its top-level statements declare (rules' prefilters: module-level state needs a module-level `let`,
// `var` or collection, and most files have none). No recursion; the last text's summary is kept, so
// the engine and several prefilters asking about the same file pay for one pass.

/** Brackets, braces, parentheses and template substitutions deeper than this are not parsed. */
export const MAX_NESTING = 256;

export interface LexicalSummary {
  /** The deepest nesting of `(`, `[`, `{` and `${`, counted up to the limit (the scan stops past it). */
  maxDepth: number;
  /** The offset of the bracket that first nested deeper than the limit, or -1. */
  deepAt: number;
  /**
   * True when every bracket closed and the scan reached the end. A regular expression or JSX text
   * misread as something else (the scanner cannot always tell), or broken code, leaves it false, and
   * then the declarations below are unknown: a prefilter must let the file through.
   */
  balanced: boolean;
  /** The top-level `const`/`let`/`var`/`using` statements, for prefilters that ask about their names. */
  declarations: TopLevelDeclaration[];
}

/**
 * One top-level declaration statement as a tokenizer sees it: every name that may be one of its
 * declarators (a type argument's name after a comma may be listed too: extra names only make a
 * prefilter pass more often), and how each `=` value in it starts.
 */
export interface TopLevelDeclaration {
  kind: "const" | "let" | "var";
  names: string[];
  /** "object" (`{`), "array" (`[`), "new Name" (the constructor's first name), or "other". */
  values: string[];
}

/** Words that begin another top-level statement: a declaration without `;` ends there. */
const STATEMENT_WORDS = new Set([
  "export",
  "import",
  "function",
  "class",
  "type",
  "interface",
  "enum",
  "namespace",
  "declare",
  "module",
  "if",
  "for",
  "while",
  "do",
  "switch",
  "try",
  "return",
  "throw",
  "abstract",
  "default",
]);
const DECLARATION_WORDS: Record<string, TopLevelDeclaration["kind"]> = { const: "const", let: "let", var: "var", using: "const" };

/** ASCII characters the scan does nothing with inside brackets (1): all but brackets, quotes and the slash. */
const PLAIN = new Uint8Array(128).fill(1);
for (const ch of "()[]{}\"'`/") PLAIN[ch.charCodeAt(0)] = 0;

let lastText: string | undefined;
let lastLimit = 0;
let lastSummary: LexicalSummary | undefined;

/** The summary of `text`, scanning at most to nesting `limit`; the last one is remembered. */
export function lexicalSummary(text: string, limit = MAX_NESTING): LexicalSummary {
  if (lastSummary && lastText === text && lastLimit === limit) return lastSummary;
  lastSummary = scan(text, limit);
  lastText = text;
  lastLimit = limit;
  return lastSummary;
}

function scan(text: string, limit: number): LexicalSummary {
  const n = text.length;
  const out: LexicalSummary = {
    maxDepth: 0,
    deepAt: -1,
    balanced: true,
    declarations: [],
  };
  // The declaration statement being read, and whether the next word names one of its declarators.
  let decl: TopLevelDeclaration | undefined;
  let expectName = false;
  // Depth at which each open template substitution began: its `}` returns to the template's text.
  const substitutions: number[] = [];
  let depth = 0;
  let prev = 0; // the previous significant character
  let inTemplate = false;
  // The `=` of a top-level `type X<...> =` (and the generic defaults before it) give types, not values.
  let typeAliasEq = -1;
  let i = 0;
  const deeper = (at: number): boolean => {
    if (++depth > out.maxDepth && (out.maxDepth = depth) > limit) {
      out.deepAt = at;
      out.balanced = false;
      return true;
    }
    return false;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (inTemplate) {
      if (c === 92 /* \ */) i += 2;
      else if (c === 96 /* ` */) {
        inTemplate = false;
        prev = c;
        i++;
      } else if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
        substitutions.push(depth);
        if (deeper(i)) return out;
        inTemplate = false;
        prev = 123;
        i += 2;
      } else i++;
      continue;
    }
    // Most characters are none of the ones below: inside a bracket, a plain character only moves on.
    if (depth > 0 && c < 128 && PLAIN[c] === 1) {
      if (c > 32) prev = c;
      i++;
      continue;
    }
    switch (c) {
      case 40: // (
      case 91: // [
      case 123: // {
        if (deeper(i)) return out;
        break;
      case 41: // )
      case 93: // ]
        if (depth > 0) depth--;
        else out.balanced = false;
        break;
      case 125: // }
        if (depth > 0) depth--;
        else out.balanced = false;
        if (substitutions.length > 0 && substitutions[substitutions.length - 1] === depth) {
          substitutions.pop();
          inTemplate = true;
        }
        break;
      case 34: // "
      case 39: // '
        for (i++; i < n; i++) {
          const d = text.charCodeAt(i);
          if (d === 92) i++;
          else if (d === c || d === 10) break;
        }
        break;
      case 96: // `
        inTemplate = true;
        break;
      case 47: {
        // /
        const d = text.charCodeAt(i + 1);
        if (d === 47) {
          const e = text.indexOf("\n", i);
          i = e < 0 ? n : e;
          continue;
        }
        if (d === 42) {
          const e = text.indexOf("*/", i + 2);
          if (e < 0) out.balanced = false;
          i = e < 0 ? n : e + 2;
          continue;
        }
        if (!endsExpression(prev)) {
          let inClass = false;
          for (i++; i < n; i++) {
            const r = text.charCodeAt(i);
            if (r === 92) i++;
            else if (r === 10) break;
            else if (inClass) inClass = r !== 93;
            else if (r === 91) inClass = true;
            else if (r === 47) break;
          }
        }
        break;
      }
      case 61: // =
        if (depth === 0 && i > typeAliasEq) {
          const value = topLevelAssignment(text, i);
          if (value && decl) decl.values.push(value);
          expectName = false;
        }
        break;
      case 44: // ,
        if (depth === 0 && decl) expectName = true;
        break;
      case 59: // ;
        if (depth === 0) decl = undefined;
        break;
      default:
        if (depth === 0 && isIdentifierStart(c) && !(i > 0 && isIdentifierChar(text.charCodeAt(i - 1))) && prev !== 46 /* . */) {
          let end = i + 1;
          while (end < n && isIdentifierChar(text.charCodeAt(end))) end++;
          const word = text.slice(i, end);
          const kind = DECLARATION_WORDS[word];
          if (kind) {
            decl = { kind, names: [], values: [] };
            out.declarations.push(decl);
            expectName = true;
          } else if (expectName) {
            decl?.names.push(word);
            expectName = false;
          } else if (STATEMENT_WORDS.has(word)) {
            decl = undefined;
            if (word === "type" && i > typeAliasEq) typeAliasEq = typeAliasAssignment(text, i);
          }
          prev = text.charCodeAt(end - 1);
          i = end;
          continue;
        }
    }
    if (c > 32) prev = c;
    i++;
  }
  if (depth !== 0 || inTemplate) out.balanced = false;
  return out;
}

/** `let`/`var` as a whole word at `i` (not `.let`, `outlet`, `variable`). */
function isWordAt(text: string, i: number, word: string): boolean {
  if (!text.startsWith(word, i)) return false;
  const before = i > 0 ? text.charCodeAt(i - 1) : 32;
  return !isIdentifierChar(before) && before !== 46 /* . */ && !isIdentifierChar(text.charCodeAt(i + word.length));
}

/**
 * Where the `=` of a type alias starting at `i` is: `type Name<T = X> =`, first on its line or after
 * `export`/`declare` there (every style's layout; a `type` elsewhere is left alone, which only makes the
 * scan say more). -1 when `i` starts no type alias, or its `=` is not where expected.
 */
function typeAliasAssignment(text: string, i: number): number {
  if (!isWordAt(text, i, "type")) return -1;
  const lineStart = text.lastIndexOf("\n", i - 1) + 1;
  if (!/^\s*(?:(?:export|declare)\s+)*$/.test(text.slice(lineStart, i))) return -1;
  const m = /^[ \t]+[A-Za-z_$][\w$]*\s*/.exec(text.slice(i + 4, i + 300));
  if (!m) return -1;
  let j = i + 4 + m[0].length;
  if (text.charCodeAt(j) === 60 /* < */) {
    let open = 0;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 60) open++;
      else if (c === 62 && text.charCodeAt(j - 1) !== 61 && --open === 0) break;
      else if (c === 59 /* ; */) return -1;
    }
    j++;
    while (/\s/.test(text[j] ?? "")) j++;
  }
  return text.charCodeAt(j) === 61 ? j : -1;
}

/**
 * What the value after a top-level `=` at `i` starts with (after parentheses, comments and a `<T>`
 * assertion): "object" (`{`), "array" (`[`), "new Name", or "other"; undefined for a comparison or an
 * arrow (`==`, `!=`, `=>`).
 */
function topLevelAssignment(text: string, i: number): string | undefined {
  const next = text.charCodeAt(i + 1);
  const before = text.charCodeAt(i - 1);
  if (next === 61 /* = */ || next === 62 /* > */ || before === 61 || before === 33 /* ! */) return undefined;
  let j = i + 1;
  let paren = -1; // where the first `(` after the `=` is, when there is one
  for (;;) {
    const d = text.charCodeAt(j);
    if (d === 32 || d === 9 || d === 10 || d === 13) j++;
    else if (d === 40 /* ( */) {
      if (paren < 0) paren = j;
      j++;
    } else if (d === 47 /* / */ && text.charCodeAt(j + 1) === 42 /* * */) {
      const e = text.indexOf("*/", j + 2);
      if (e < 0) return "other";
      j = e + 2;
    } else if (d === 47 && text.charCodeAt(j + 1) === 47) {
      const e = text.indexOf("\n", j);
      if (e < 0) return "other";
      j = e + 1;
    } else if (d === 60 /* < */) {
      // A `<T>value` assertion or an arrow function's type parameters: skip to the `>` (nested `<...>` counted).
      let open = 0;
      for (; j < text.length; j++) {
        const e = text.charCodeAt(j);
        if (e === 60) open++;
        else if (e === 62 && --open === 0) break;
        else if (e === 10 || e === 59 /* ; */) return "other";
      }
      j++;
    } else break;
  }
  const d = text.charCodeAt(j);
  if (d === 123 || d === 91) {
    // `= ({ a } = {}) => ...` and `= ([a, b]) => ...` destructure an arrow function's parameters.
    if (paren >= 0 && isArrowParameters(text, paren)) return "other";
    return d === 123 ? "object" : "array";
  }
  if (isWordAt(text, j, "new")) {
    const m = /^new\s+([A-Za-z_$][\w$]*)/.exec(text.slice(j, j + 200));
    return m ? `new ${m[1]}` : "new";
  }
  return "other";
}

/**
 * Whether the parenthesis at `open` closes (counting brackets only; a string holding a bracket can only
 * make this false, which keeps the caller's answer on the safe side) into `=>` or a return type and `=>`.
 */
function isArrowParameters(text: string, open: number): boolean {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      if (--depth === 0) {
        const rest = /^\s*(?::[^=;{}]*)?=>/.exec(text.slice(j + 1, j + 400));
        return rest !== null && c === 41;
      }
    }
  }
  return false;
}

function isIdentifierStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
}

function isIdentifierChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
}

/** After these a `/` divides: identifier characters, closing brackets, literals' last characters. */
function endsExpression(c: number): boolean {
  return isIdentifierChar(c) || c === 41 || c === 93 || c === 125 || c === 34 || c === 39 || c === 96;
}

/**
 * The top-level declarations of `text` (from the remembered summary), or undefined when the scan could
 * not tell them (brackets that did not balance, or nesting past the limit): a prefilter then lets the
 * file through.
 */
export function topLevelDeclarations(text: string): readonly TopLevelDeclaration[] | undefined {
  const s = lexicalSummary(text);
  return s.balanced ? s.declarations : undefined;
}

/** Whether `text` has `name.member` or `name?.member` (name not itself a member) with a member `members` matches; `tail` may follow. */
export function usesMember(text: string, name: string, members: string, tail = ""): boolean {
  const escaped = name.replace(/\$/g, "\\$");
  return new RegExp(`(?<![\\w$.])${escaped}\\s*\\??\\.\\s*(?:${members})(?![\\w$])${tail}`).test(text);
}

/** Names past which usesAnyMember reads the text once for all of them instead of once per name. */
const PER_NAME_PASSES = 8;

/**
 * usesMember for any of `names`. A few names get a pass each (a pattern naming its identifier is the
 * fastest); more get one pass that collects every `x.member` and looks its name up: one pass per name was
 * quadratic on a file declaring thousands of top-level arrays or objects.
 */
export function usesAnyMember(text: string, names: readonly string[], members: string, tail = ""): boolean {
  if (names.length <= PER_NAME_PASSES) return names.some((n) => usesMember(text, n, members, tail));
  const wanted = new Set(names);
  // An identifier as Unicode defines one: a class of every non-ASCII character took in the spaces
  // (U+00A0, U+3000) that \s matches too, which split a run of them every way and hid `\u00a0list.push`.
  const pattern = new RegExp(
    `(?<![\\p{ID_Continue}$.\\u200c\\u200d])([\\p{ID_Start}$_][\\p{ID_Continue}$\\u200c\\u200d]*)\\s*\\??\\.\\s*(?:${members})(?![\\w$])${tail}`,
    "gu",
  );
  for (const m of text.matchAll(pattern)) if (wanted.has(m[1])) return true;
  return false;
}
