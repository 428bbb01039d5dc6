// Reading JSON a user wrote (package.json, langgraph.json, wrangler.jsonc, vercel.json): the BOM an
// editor may keep, JSONC comments and trailing commas, and a size past which the file is not read as
// configuration. Never throws: a broken file is as good as an absent one to the project model.

/**
 * A parsed document of a user's file. Its shape is whatever the user wrote, so every use reads it
 * defensively (`pkg?.scripts?.build`, `typeof x === "string"`); a declared type would only pretend.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: checked at each use, not once
export type LooseJson = any;

/** Larger JSON files are not configuration anyone wrote by hand; they are not read. */
const MAX_JSON_CHARS = 1024 * 1024;

export function parseUserJson(text: string | undefined): LooseJson | undefined {
  if (text === undefined || text.length > MAX_JSON_CHARS) return undefined;
  const stripped = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(stripped);
  } catch {
    try {
      // JSONC (wrangler.jsonc, tsconfig-like files): drop comments and trailing commas.
      return JSON.parse(stripped.replace(/\/\*[\s\S]*?\*\/|(^|[^:"'])\/\/[^\n]*/g, "$1").replace(/,\s*([}\]])/g, "$1"));
    } catch {
      return undefined;
    }
  }
}

/** The document when it is a JSON object (package.json), else undefined. */
export function parseUserJsonObject(text: string | undefined): Record<string, LooseJson> | undefined {
  const v = parseUserJson(text);
  return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
}
