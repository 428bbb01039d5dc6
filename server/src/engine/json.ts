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
      // JSONC (wrangler.jsonc, tsconfig-like files): comments and trailing commas.
      return JSON.parse(jsoncToJson(stripped));
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

/**
 * JSONC to JSON in one linear pass: comments outside strings dropped, a comma before `}` or `]`
 * dropped. Strings are copied as they are (a glob such as "src/**\/*.ts" is not a comment). Patterns
 * over the text could not tell strings apart and took quadratic time on an unclosed comment.
 */
export function jsoncToJson(text: string): string {
  const parts: string[] = [];
  let trailingComma = -1; // index in parts of a comma only whitespace and comments have followed
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      parts.push(text.slice(i, j + 1));
      trailingComma = -1;
      i = j + 1;
    } else if (c === "/" && text[i + 1] === "/") {
      const eol = text.indexOf("\n", i);
      i = eol < 0 ? text.length : eol;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      if ((c === "}" || c === "]") && trailingComma >= 0) parts[trailingComma] = "";
      if (c === ",") trailingComma = parts.length;
      else if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") trailingComma = -1;
      parts.push(c);
      i++;
    }
  }
  return parts.join("");
}
