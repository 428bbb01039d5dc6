// One pass over a text for the fixed words several text checks look for: hardcoded-secret's
// token prefixes, the store and in-memory state names. Each check asks whether any of its words occurs;
// the text is scanned once for the words of all checks instead of once per check's regular expression,
// and the answer for the last text is kept, so a rule's prefilter and its create share one scan.

/** Fixed, case-sensitive words; `in(text)` is true when the text contains one of them. */
export class WordSet {
  readonly words: readonly string[];

  constructor(words: readonly string[]) {
    this.words = [...new Set(words)];
    for (const w of this.words) {
      if (w.length === 0) throw new Error("WordSet: an empty word occurs in every text");
      if (!registered.has(w)) {
        registered.add(w);
        pattern = undefined;
      }
    }
  }

  /** Whether `text` contains one of the words (a substring test, as `includes` would answer). */
  in(text: string): boolean {
    const found = wordsIn(text);
    return this.words.some((w) => found.has(w));
  }
}

const registered = new Set<string>();
/** Every registered word at the position it starts, longest first; compiled on first use. */
let pattern: RegExp | undefined;
/** For each registered word, the registered words it starts with (itself included). */
let prefixesOf = new Map<string, readonly string[]>();
let lastText: string | undefined;
let lastFound: ReadonlySet<string> = new Set();

/**
 * The registered words `text` contains. A lookahead finds, at every position where some word starts,
 * the longest such word; the shorter words starting there are its prefixes, added from prefixesOf, so
 * overlapping and nested occurrences are all counted.
 */
function wordsIn(text: string): ReadonlySet<string> {
  if (pattern && text === lastText) return lastFound;
  if (!pattern) compile();
  const found = new Set<string>();
  const re = pattern!;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (const w of prefixesOf.get(m[1])!) found.add(w);
    re.lastIndex = m.index + 1;
  }
  lastText = text;
  lastFound = found;
  return found;
}

function compile(): void {
  const words = [...registered].sort((a, b) => b.length - a.length);
  pattern = new RegExp(`(?=(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")}))`, "g");
  prefixesOf = new Map(words.map((w) => [w, words.filter((p) => w.startsWith(p))]));
  lastText = undefined;
}
