// Splitting identifiers into words: the one string helper the catalog's matchers (secret names) and the
// semantic layer (env names, shared lists) both need. Text only, no syntax tree, so it lives at the bottom.

/** Converts `apiKey`, `api-key`, `api_key` to the words ["api", "key"]. */
export function splitWords(name: string): string[] {
  return (
    name
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      // A lookahead, not `([A-Z]+)([A-Z][a-z])`: that one rescans an uppercase run at every start (quadratic).
      .replace(/([A-Z])(?=[A-Z][a-z])/g, "$1 ")
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w.toLowerCase())
  );
}
