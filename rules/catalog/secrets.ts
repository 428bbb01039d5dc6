// What a secret looks like: known token formats (with the provider's usual environment variable),
// Shannon entropy, placeholder and public-key detection, secret-like names, and maskSecret(), the one
// function that turns a secret into something that may be shown. Pure functions over strings.
import { WordSet } from "../api/wordIndex";
import { splitWords } from "./words";

// ---------------------------------------------------------------------------------------------
// Showing a secret

/**
 * What may be shown of a secret: at most its first 4 characters followed by "…". Shorter secrets
 * show less (a quarter of their length), so a short password is never mostly revealed.
 */
export function maskSecret(secret: string): string {
  const chars = Array.from(secret);
  const shown = Math.min(4, Math.floor(chars.length / 4));
  return `${chars.slice(0, shown).join("")}…`;
}

// ---------------------------------------------------------------------------------------------
// Entropy and placeholders

/** Shannon entropy of the string's characters, in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = Array.from(s).length;
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Words that, as a whole word of the value, mark it as a stand-in rather than a credential. */
const PLACEHOLDER_WORDS = new Set([
  "test",
  "tests",
  "testing",
  "dummy",
  "fake",
  "mock",
  "mocked",
  "redacted",
  "placeholder",
  "example",
  "sample",
  "changeme",
  "your",
  "insert",
  "replace",
  "todo",
  "fixme",
  "none",
  "null",
  "undefined",
  "secret",
  "password",
  "token",
]);

/** Substrings that mark a stand-in wherever they appear (long enough never to occur by chance). */
const PLACEHOLDER_SUBSTRINGS =
  /^my[-_]|password|passwd|secret|example|placeholder|redacted|changeme|change_me|change-me|dummy|your_|your-|yourapi|insert_|replace_|xxxx|\*\*\*\*|\.\.\.|…|\$\{|\{\{|%s|<[^<>]{0,64}>|\[[A-Z_ -]{1,64}\]/i;

/**
 * True for values that stand in for a secret: `sk-...`, `sk-xxxxxxxx`, `your-api-key`, `<token>`,
 * `YOUR_API_KEY`, `changeme`, `…EXAMPLE`, `test`, `dummy`, `fake`, `redacted`, `${TOKEN}`, and
 * repeated or sequential characters (`aaaaaaaa`, `abc123abc123`, `1234567890`).
 */
export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  if (PLACEHOLDER_SUBSTRINGS.test(value)) return true;
  const words = splitWords(value);
  if (words.length === 0) return true;
  if (words.some((w) => PLACEHOLDER_WORDS.has(w))) return true;
  return looksRepetitive(value);
}

/**
 * True when the value is mostly one character, a short unit repeated, or contains a run of six or
 * more consecutive characters (`123456`, `abcdef`): none of these come out of a random generator.
 */
export function looksRepetitive(value: string): boolean {
  const chars = Array.from(value);
  const n = chars.length;
  if (n === 0) return true;
  const counts = new Map<string, number>();
  let top = 0;
  for (const ch of chars) {
    const c = (counts.get(ch) ?? 0) + 1;
    counts.set(ch, c);
    if (c > top) top = c;
  }
  if (n >= 8 && top / n > 0.4) return true;
  // A short unit repeated: "abc123abc123abc123".
  for (let period = 1; period <= 8 && period * 2 <= n; period++) {
    let same = 0;
    for (let i = period; i < n; i++) if (chars[i] === chars[i - period]) same++;
    if (same / (n - period) > 0.8) return true;
  }
  // Consecutive runs up or down: "0123456789", "abcdefgh", "987654".
  let up = 1;
  let down = 1;
  for (let i = 1; i < n; i++) {
    const d = chars[i].codePointAt(0)! - chars[i - 1].codePointAt(0)!;
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    if (up >= 6 || down >= 6) return true;
  }
  return false;
}

/** A random-looking body: not a placeholder, not repetitive, and at least `minEntropy` bits/char. */
export function looksRandom(body: string, minEntropy = 3): boolean {
  return !isPlaceholder(body) && shannonEntropy(body) >= minEntropy;
}

// ---------------------------------------------------------------------------------------------
// JWTs and public keys

/** The decoded payload object of a JWT, or undefined when it is not one. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[0].startsWith("eyJ") || !parts[1].startsWith("eyJ")) return undefined;
  try {
    const json = Buffer.from(parts[1], "base64url").toString("utf8");
    const payload: unknown = JSON.parse(json);
    return payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True for keys meant to be public: Stripe publishable keys, Supabase publishable keys and `anon`
 * JWTs (row-level security decides what they may do), and JWTs of the local Supabase CLI stack.
 */
export function isPublicKey(value: string): boolean {
  if (/^(?:pk_(?:live|test)_|sb_publishable_)/.test(value)) return true;
  if (value.startsWith("eyJ")) {
    const payload = decodeJwtPayload(value);
    if (payload && (payload.role === "anon" || payload.iss === "supabase-demo")) return true;
    // The jwt.io example token (`"sub": "1234567890", "name": "John Doe"`), pasted into countless tests.
    if (payload && payload.sub === "1234567890") return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Known token formats

export interface KnownSecret {
  /** Offsets into the scanned text. */
  start: number;
  end: number;
  /** Format id, e.g. "openai". */
  format: string;
  /** What it is, for messages: "OpenAI API key". Never contains the secret. */
  kind: string;
  /** The provider's usual environment variable. */
  envName: string;
  /** True for a private-key header with no key material after it in the scanned text. */
  headerOnly?: boolean;
  /** Database URLs: the password looks chosen by a person (short or not random), as a test fixture's is. */
  chosenPassword?: boolean;
}

interface Described {
  kind: string;
  envName: string;
  headerOnly?: boolean;
  /** Overrides where the match ends (private keys run to their END line). */
  end?: number;
  chosenPassword?: boolean;
}

interface SecretFormat {
  id: string;
  /** Literal prefixes a match starts with; the scanner finds these first, then tries `pattern`. */
  prefixes: readonly string[];
  /** Sticky regex tried at a prefix hit. */
  pattern: RegExp;
  /** Decides whether the match is a real-looking secret; undefined for placeholders and public keys. */
  describe(m: RegExpExecArray, text: string, scan: ScanState): Described | undefined;
}

const DB_SCHEMES: Record<string, { label: string; envName: string }> = {
  postgres: { label: "PostgreSQL", envName: "DATABASE_URL" },
  postgresql: { label: "PostgreSQL", envName: "DATABASE_URL" },
  mysql: { label: "MySQL", envName: "DATABASE_URL" },
  mariadb: { label: "MariaDB", envName: "DATABASE_URL" },
  mssql: { label: "SQL Server", envName: "DATABASE_URL" },
  sqlserver: { label: "SQL Server", envName: "DATABASE_URL" },
  mongodb: { label: "MongoDB", envName: "MONGODB_URI" },
  "mongodb+srv": { label: "MongoDB", envName: "MONGODB_URI" },
  redis: { label: "Redis", envName: "REDIS_URL" },
  rediss: { label: "Redis", envName: "REDIS_URL" },
  amqp: { label: "AMQP", envName: "AMQP_URL" },
  amqps: { label: "AMQP", envName: "AMQP_URL" },
};

/** Passwords of local development set-ups (docker-compose defaults, tutorials). */
const DEV_PASSWORDS = new Set([
  "password",
  "passwd",
  "pass",
  "pwd",
  "postgres",
  "mysql",
  "mariadb",
  "mongo",
  "mongodb",
  "redis",
  "rabbitmq",
  "guest",
  "root",
  "admin",
  "user",
  "secret",
  "changeme",
  "example",
  "test",
  "dev",
  "local",
  "docker",
  "1234",
  "12345",
  "123456",
  "12345678",
  "sa",
]);

/** Hosts that only exist on a developer's machine or in a docker-compose network. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "0.0.0.0" || h === "::1" || h === "host.docker.internal") return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(h)) return true;
  if (/\.(?:localhost|local|test|example|invalid)$/.test(h)) return true;
  if (/(?:^|\.)example\.(?:com|org|net)$/.test(h)) return true;
  // A single label (`db`, `postgres`, `redis`) is a docker-compose service name.
  return !h.includes(".") && !h.includes(":");
}

/** Shorter database passwords are fixtures (`mongodb+srv://u:p@…`). */
const MIN_REAL_DB_PASSWORD = 4;

/** A test's database password counts only when it looks generated: at least this long and random. */
const MIN_GENERATED_DB_PASSWORD = 12;

/** True when a database password looks user-chosen (short or not random), as fixtures in tests are. */
function isChosenPassword(password: string): boolean {
  return password.length < MIN_GENERATED_DB_PASSWORD || !looksRandom(password);
}

function isDevPassword(password: string, user: string): boolean {
  let p = password;
  try {
    p = decodeURIComponent(password);
  } catch {
    /* keep it as written */
  }
  if (p === user || DEV_PASSWORDS.has(p.toLowerCase()) || DEV_PASSWORDS.has(p.toLowerCase().replace(/\d+$/, ""))) return true;
  // `u:p@…`: no managed database accepts a password this short (Atlas and RDS want 8 or more); it is a fixture.
  if (p.length < MIN_REAL_DB_PASSWORD) return true;
  if (/^[<[{%$:*]/.test(p)) return true;
  return isPlaceholder(p);
}

// Every format's quantifiers are bounded (no real token is longer), so a candidate costs at most its
// cap however long the text around it is: a 1 MB "sk-proj-AAAA…" literal is one bounded attempt.
/** How far a private key's body may run from its header (a 4096-bit RSA key is about 3.3 KB). */
const MAX_PEM_BODY = 20_000;
/** How much of a database URL after its host (port, path, query) is included in the finding. */
const MAX_URL_TAIL = 2048;
const URL_STOP = /[\s'"`]/;
const PEM_END = /-----END (?:[A-Z0-9]{1,16} ){0,4}PRIVATE KEY(?: BLOCK)?-----/y;

const FORMATS: readonly SecretFormat[] = [
  {
    id: "anthropic",
    prefixes: ["sk-ant-"],
    pattern: /sk-ant-(api|admin)(\d{2})-([A-Za-z0-9_-]{32,512})(?![A-Za-z0-9_-])/y,
    describe: (m) => {
      if (!looksRandom(m[3])) return undefined;
      return m[1] === "admin"
        ? { kind: "Anthropic admin key", envName: "ANTHROPIC_ADMIN_KEY" }
        : { kind: "Anthropic API key", envName: "ANTHROPIC_API_KEY" };
    },
  },
  {
    id: "openai",
    prefixes: ["sk-"],
    pattern:
      /sk-(?!ant-)(?:(proj|svcacct|admin|None)-([A-Za-z0-9_-]{20,512})|([A-Za-z0-9_-]{0,256}T3BlbkFJ[A-Za-z0-9_-]{0,256}))(?![A-Za-z0-9_-])/y,
    describe: (m) => {
      const body = m[2] ?? m[3];
      if (m[3] !== undefined && m[0].length < 40) return undefined;
      if (!looksRandom(body.replace("T3BlbkFJ", ""))) return undefined;
      if (m[1] === "admin") return { kind: "OpenAI admin key", envName: "OPENAI_ADMIN_KEY" };
      if (m[1] === "svcacct") return { kind: "OpenAI service account key", envName: "OPENAI_API_KEY" };
      return { kind: "OpenAI API key", envName: "OPENAI_API_KEY" };
    },
  },
  {
    id: "aws-access-key-id",
    prefixes: ["AKIA", "ASIA", "ABIA", "ACCA"],
    pattern: /(?:AKIA|ASIA|ABIA|ACCA)([A-Z0-9]{16})(?![A-Za-z0-9])/y,
    describe: (m) => (looksRandom(m[1], 2.5) ? { kind: "AWS access key ID", envName: "AWS_ACCESS_KEY_ID" } : undefined),
  },
  {
    id: "github",
    prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
    pattern: /gh[pousr]_([A-Za-z0-9]{36,251})(?![A-Za-z0-9_])/y,
    describe: (m) => (looksRandom(m[1]) ? { kind: "GitHub token", envName: "GITHUB_TOKEN" } : undefined),
  },
  {
    id: "github-fine-grained",
    prefixes: ["github_pat_"],
    pattern: /github_pat_([A-Za-z0-9_]{50,255})(?![A-Za-z0-9_])/y,
    describe: (m) => (looksRandom(m[1]) ? { kind: "GitHub token", envName: "GITHUB_TOKEN" } : undefined),
  },
  {
    id: "slack-token",
    prefixes: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"],
    pattern: /xox([bpars])-((?:[A-Za-z0-9]{1,64}-){0,6})([A-Za-z0-9]{10,255})(?![A-Za-z0-9-])/y,
    describe: (m) => {
      if (!looksRandom(m[3])) return undefined;
      return m[1] === "b" ? { kind: "Slack bot token", envName: "SLACK_BOT_TOKEN" } : { kind: "Slack token", envName: "SLACK_TOKEN" };
    },
  },
  {
    id: "slack-webhook",
    prefixes: ["https://hooks.slack.com/services/"],
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,32}\/B[A-Z0-9]{6,32}\/([A-Za-z0-9]{16,128})(?![A-Za-z0-9])/y,
    describe: (m) => (looksRandom(m[1]) ? { kind: "Slack webhook URL", envName: "SLACK_WEBHOOK_URL" } : undefined),
  },
  {
    id: "stripe",
    prefixes: ["sk_live_", "sk_test_", "rk_live_", "rk_test_"],
    pattern: /(sk|rk)_(?:live|test)_([A-Za-z0-9]{20,255})(?![A-Za-z0-9])/y,
    describe: (m) => {
      if (!looksRandom(m[2])) return undefined;
      return { kind: m[1] === "rk" ? "Stripe restricted key" : "Stripe secret key", envName: "STRIPE_SECRET_KEY" };
    },
  },
  {
    id: "google",
    prefixes: ["AIza"],
    pattern: /AIza([0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/y,
    describe: (m) => (looksRandom(m[1]) ? { kind: "Google API key", envName: "GOOGLE_API_KEY" } : undefined),
  },
  {
    id: "langsmith",
    prefixes: ["lsv2_pt_", "lsv2_sk_"],
    pattern: /lsv2_(?:pt|sk)_([0-9a-f]{32})_([0-9a-f]{10})(?![0-9A-Za-z_])/y,
    describe: (m) => (looksRandom(m[1]) ? { kind: "LangSmith API key", envName: "LANGSMITH_API_KEY" } : undefined),
  },
  {
    id: "gohighlevel",
    prefixes: ["pit-"],
    pattern: /pit-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9A-Za-z-])/y,
    describe: (m) =>
      looksRandom(m[1].replace(/-/g, "")) ? { kind: "GoHighLevel private integration token", envName: "GHL_API_KEY" } : undefined,
  },
  {
    id: "supabase-secret",
    prefixes: ["sb_secret_"],
    pattern: /sb_secret_([A-Za-z0-9_-]{20,255})(?![A-Za-z0-9_-])/y,
    describe: (m) => (looksRandom(m[1]) ? { kind: "Supabase secret key", envName: "SUPABASE_SECRET_KEY" } : undefined),
  },
  {
    id: "supabase-service-role",
    prefixes: ["eyJ"],
    pattern: /eyJ[A-Za-z0-9_-]{8,1024}\.eyJ[A-Za-z0-9_-]{8,4096}\.([A-Za-z0-9_-]{16,1024})(?![A-Za-z0-9_-])/y,
    describe: (m) => {
      const payload = decodeJwtPayload(m[0]);
      if (!payload || payload.role !== "service_role" || payload.iss === "supabase-demo") return undefined;
      return looksRandom(m[1]) ? { kind: "Supabase service_role key", envName: "SUPABASE_SERVICE_ROLE_KEY" } : undefined;
    },
  },
  {
    id: "private-key",
    prefixes: ["-----BEGIN "],
    pattern: /-----BEGIN ((?:[A-Z0-9]{1,16} ){0,4})PRIVATE KEY( BLOCK)?-----/y,
    describe: (m, text, scan) => {
      const headerEnd = m.index + m[0].length;
      // The key runs to the next `-----` (its END line, or the next header), at most MAX_PEM_BODY characters:
      // one memoised indexOf per scan, so a file of headers costs linear time, not a search per header.
      const limit = headerEnd + MAX_PEM_BODY;
      const dash = nextDashes(scan, headerEnd);
      const near = dash >= 0 && dash <= limit;
      PEM_END.lastIndex = dash;
      const found = near ? PEM_END.exec(text) : null;
      const bodyEnd = near ? dash : Math.min(text.length, limit);
      // Key material is base64 lines; `\n` escapes appear when scanning raw source text.
      const body = text.slice(headerEnd, bodyEnd).replace(/\\[nr]|\s/g, "");
      const kind = "private key";
      if (body.length === 0 && !found) return { kind, envName: "PRIVATE_KEY", headerOnly: true };
      if (body.length < 32 || !/^[A-Za-z0-9+/=:,-]+$/.test(body) || !looksRandom(body)) return undefined;
      return { kind, envName: "PRIVATE_KEY", end: found ? found.index + found[0].length : bodyEnd };
    },
  },
  {
    id: "database-url",
    prefixes: Object.keys(DB_SCHEMES).map((s) => `${s}://`),
    pattern:
      /(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/([^\s:@/'"`]{0,256}):([^\s@/'"`]{1,256})@([^\s/:?#'"`,@]{1,256})/y,
    describe: (m, text) => {
      const [, scheme, user, password, host] = m;
      if (isLocalHost(host) || isDevPassword(password, user)) return undefined;
      const s = DB_SCHEMES[scheme];
      // The rest of the URL (port, path, query) belongs to the finding; looked at only once accepted, and capped.
      let end = m.index + m[0].length;
      const max = Math.min(text.length, end + MAX_URL_TAIL);
      while (end < max && !URL_STOP.test(text[end])) end++;
      return { kind: `${s.label} connection string with a password`, envName: s.envName, end, chosenPassword: isChosenPassword(password) };
    },
  },
];

/** Every prefix of every format, longest first, as one global regex: the cheap first pass. */
const PREFIX_RE = new RegExp(
  [...new Set(FORMATS.flatMap((f) => f.prefixes))]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join("|"),
  "g",
);

/** PREFIX_RE's words, for a whole file: the shared scan (rules/api/wordIndex.ts) answers with other checks' words. */
const KNOWN_PREFIXES = new WordSet(FORMATS.flatMap((f) => f.prefixes));

/** A quick test: could the text hold a known token format at all? */
export function mayContainKnownSecret(text: string): boolean {
  PREFIX_RE.lastIndex = 0;
  return PREFIX_RE.test(text);
}

/** [A-Za-z0-9_-]: the characters token formats are made of. */
function isTokenChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

/** Per-scan memo of the next `-----` at or after a position (positions only grow during a scan). */
interface ScanState {
  text: string;
  dashFrom: number;
  dashAt: number;
}

function nextDashes(scan: ScanState, from: number): number {
  if (from < scan.dashFrom || (scan.dashAt !== -1 && scan.dashAt < from) || scan.dashFrom === -1) {
    scan.dashFrom = from;
    scan.dashAt = scan.text.indexOf("-----", from);
  }
  return scan.dashAt;
}

/**
 * Finds the known-format secrets in `text` (placeholders, public keys, local databases excluded).
 * One pass of a prefix regex; the format patterns only run where a prefix is found.
 */
export function findKnownSecrets(text: string): KnownSecret[] {
  const out: KnownSecret[] = [];
  const scan: ScanState = { text, dashFrom: -1, dashAt: -1 };
  const re = PREFIX_RE; // shared: nothing below calls back into this function
  re.lastIndex = 0;
  let hit: RegExpExecArray | null;
  while ((hit = re.exec(text))) {
    const at = hit.index;
    // A token starts where a run of token characters starts ("task-" is not "sk-", "x-sk-" neither); a
    // PEM header may follow anything. One candidate per run keeps the scan linear: with a candidate at
    // every "sk-" of "sk-sk-sk-…", each would rescan the run up to its format's length cap.
    if (at > 0 && hit[0][0] !== "-" && isTokenChar(text.charCodeAt(at - 1))) continue;
    for (const f of FORMATS) {
      if (!f.prefixes.some((p) => text.startsWith(p, at))) continue;
      f.pattern.lastIndex = at;
      const m = f.pattern.exec(text);
      if (!m) continue;
      const d = f.describe(m, text, scan);
      if (!d) continue;
      const end = d.end ?? at + m[0].length;
      out.push({
        start: at,
        end,
        format: f.id,
        kind: d.kind,
        envName: d.envName,
        headerOnly: d.headerOnly,
        chosenPassword: d.chosenPassword,
      });
      re.lastIndex = end;
      break;
    }
  }
  re.lastIndex = 0;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Secret-like names

/** Longer names are generated or adversarial, not a variable someone typed a key into. */
const MAX_NAME_LENGTH = 256;

/** Words after the head noun that do not change what the thing is: `API_KEY_PROD`, `tokenValue`. */
const NEUTRAL_SUFFIXES = new Set([
  "value",
  "val",
  "str",
  "string",
  "raw",
  "prod",
  "production",
  "dev",
  "development",
  "staging",
  "stage",
  "live",
  "default",
  "fallback",
  "override",
  "b64",
  "base64",
  "encoded",
  "plain",
  "plaintext",
  "test",
  "v1",
  "v2",
  "v3",
  "old",
  "new",
]);

/** A name with one of these words is about a public or fake value: `NEXT_PUBLIC_…`, `anonKey`, `mockToken`. */
const PUBLIC_WORDS = new Set(["public", "publishable", "anon", "anonymous", "mock", "fake", "dummy", "example", "sample", "placeholder"]);

/** Head nouns that name a secret on their own. */
const SECRET_NOUNS: Record<string, string> = {
  secret: "secret",
  secrets: "secret",
  password: "password",
  passwd: "password",
  pwd: "password",
  pass: "password",
  passphrase: "password",
  passcode: "password",
  credential: "credential",
  credentials: "credential",
  creds: "credential",
  auth: "credential",
  authorization: "credential",
  bearer: "token",
  token: "token",
  apikey: "API key",
  accesskey: "access key",
  secretkey: "secret key",
  privatekey: "private key",
  clientsecret: "secret",
  accesstoken: "token",
  authtoken: "token",
  apitoken: "token",
};

/** `<word>Token` that is not a credential: pagination cursors, tokenizer specials, counts. */
const NON_SECRET_TOKEN_QUALIFIERS = new Set([
  "next",
  "page",
  "continuation",
  "cursor",
  "pagination",
  "sync",
  "start",
  "end",
  "stop",
  "cancel",
  "cancellation",
  "special",
  "bos",
  "eos",
  "pad",
  "unk",
  "mask",
  "sep",
  "cls",
  "max",
  "min",
  "num",
  "total",
  "input",
  "output",
  "prompt",
  "completion",
  "reasoning",
  "cached",
  "first",
  "last",
  "current",
  "design",
  "color",
  "theme",
  "css",
  "lexer",
  "parser",
  "syntax",
  "injection",
  "di",
]);

/** `<word>Key` that names a lookup key, not a credential: `cacheKey`, `sortKey`, `publicKey`, `tokenKey`. */
const NON_SECRET_KEY_QUALIFIERS = new Set([
  "cache",
  "primary",
  "foreign",
  "sort",
  "partition",
  "range",
  "hash",
  "idempotency",
  "dedup",
  "dedupe",
  "deduplication",
  "storage",
  "local",
  "session",
  "object",
  "s3",
  "bucket",
  "file",
  "map",
  "lookup",
  "routing",
  "row",
  "shard",
  "composite",
  "unique",
  "index",
  "react",
  "list",
  "item",
  "entry",
  "state",
  "store",
  "lock",
  "mutex",
  "queue",
  "group",
  "thread",
  "checkpoint",
  "namespace",
  "prefix",
  "column",
  "dict",
  "record",
  "metadata",
  "meta",
  "label",
  "tag",
  "order",
  "shortcut",
  "hot",
  "keyboard",
  "translation",
  "i18n",
  "message",
  "event",
  "query",
  "search",
  "config",
  "setting",
  "settings",
  "cursor",
  "page",
  "token",
  "password",
  "secret",
  "cookie",
  "header",
  "env",
  "field",
  "prop",
  "property",
  "attr",
  "attribute",
  "data",
  "node",
  "child",
  "parent",
  "root",
  "element",
  "menu",
  "tab",
  "route",
  "path",
  "url",
  "name",
  "id",
  "type",
  "redis",
  "db",
  "table",
  "user",
  "job",
  "task",
  "request",
  "response",
  "run",
  "trace",
  "span",
  "rate",
  "limit",
  "memo",
  "kv",
  "registry",
  "schema",
  "graph",
  "symbol",
  "context",
  "image",
  "internals",
  "layer",
  "module",
  "component",
  "min",
  "max",
  "next",
  "last",
  "first",
  "current",
  "previous",
  "sub",
  "union",
]);

/** `<word>Key` kinds worth naming in a message; any other qualifier reads as "API key". */
const NAMED_KEYS = new Set(["access", "private", "secret", "signing", "encryption", "master", "license", "webhook", "service"]);

/**
 * What a secret-like name holds ("API key", "token", "password", "secret", "credential"), or
 * undefined when the name is not secret-like. The head noun (the last word, after dropping
 * `Prod`/`Value`-style suffixes) decides: `apiKey`, `accessToken`, `clientSecret`, `dbPassword`,
 * `Authorization`, `x-api-key` are secret-like; `maxTokens`, `tokenizer`, `tokenUrl`, `secretName`,
 * `passwordField`, `tokenCount`, `keyId`, `cacheKey`, `anonKey` are not.
 */
export function secretNameKind(name: string): string | undefined {
  if (name.length > MAX_NAME_LENGTH) return undefined;
  // `apiKey2`, `token1`: a counter glued to a word does not change it (`s3`, `v2` stay as they are).
  let words = splitWords(name).map((w) => (/^[a-z]{3,}\d+$/.test(w) ? w.replace(/\d+$/, "") : w));
  if (words.some((w) => PUBLIC_WORDS.has(w))) return undefined;
  while (words.length > 1 && (NEUTRAL_SUFFIXES.has(words[words.length - 1]) || /^\d+$/.test(words[words.length - 1]))) {
    words = words.slice(0, -1);
  }
  const last = words[words.length - 1];
  const prev = words.length > 1 ? words[words.length - 2] : undefined;
  if (last === undefined) return undefined;
  if (last === "token") return prev !== undefined && NON_SECRET_TOKEN_QUALIFIERS.has(prev) ? undefined : "token";
  if (last === "key") {
    if (prev === undefined || NON_SECRET_KEY_QUALIFIERS.has(prev)) return undefined;
    return NAMED_KEYS.has(prev) ? `${prev} key` : "API key";
  }
  if (last === "header") return prev === "auth" || prev === "authorization" ? "credential" : undefined;
  return SECRET_NOUNS[last];
}

/** Names of an AWS secret access key: `secretAccessKey`, `aws_secret_access_key`, `AWS_SECRET_KEY`. */
export function isAwsSecretName(name: string): boolean {
  if (name.length > MAX_NAME_LENGTH) return false;
  const words = splitWords(name);
  const has = (w: string) => words.includes(w);
  return (has("secret") && has("access") && has("key")) || has("secretaccesskey") || (has("aws") && has("secret"));
}

// ---------------------------------------------------------------------------------------------
// Generic high-entropy values

export interface GenericOptions {
  minEntropy: number;
  minLength: number;
}

/** Longer values are data (a bundle, a base64 blob), not a credential; and each check below is linear in it. */
const MAX_GENERIC_LENGTH = 4096;

/** How much less entropy a hex-only value needs than `minEntropy`. */
export const HEX_ENTROPY_ALLOWANCE = 0.5;

/** Ends in a file extension: a file name or an object key, not a credential. Fixed alternatives, anchored at the end. */
const FILE_NAME =
  /\.(?:json|jsonl|ndjson|csv|tsv|txt|md|ya?ml|toml|xml|html?|pdf|png|jpe?g|gif|webp|svg|ico|zip|gz|tgz|tar|parquet|avro|log|mp3|mp4|wav|m4a|webm|js|mjs|cjs|ts|db|sqlite|pem|crt|key)$/i;
/** An Ethereum-style address (0x and 40 hex digits) is public; a private key is 64 hex digits. */
const CHAIN_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const IDENTIFIER_WORDS = /^(?:[a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)+|[a-z]+(?:[-_.][a-z]+)+)$/;

/**
 * True when a value assigned to a secret-like name looks like a credential: long enough, no
 * whitespace, high entropy, mixed character classes, and not a placeholder, public key, URL, path,
 * UUID, environment variable name or identifier.
 */
export function looksLikeGenericSecret(value: string, opts: GenericOptions): boolean {
  if (value.length < opts.minLength || value.length > MAX_GENERIC_LENGTH || /\s/.test(value)) return false;
  if (value.includes("://") || value.startsWith("data:")) return false;
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value) || (value.includes("/") && value.includes("."))) return false;
  if (UUID.test(value) || ENV_NAME.test(value) || IDENTIFIER_WORDS.test(value)) return false;
  // `STATUS_KEY: "Exports_2024-Q3.csv"` is an S3 object key or a file name; `USDC_TOKEN: "0x…"` (40 hex) a public contract address.
  if (FILE_NAME.test(value) || CHAIN_ADDRESS.test(value)) return false;
  // Letters and separators only: a namespace or module path (`@effect/cli/Args`, `app.auth.token`).
  if (!/[0-9]/.test(value) && /[/.:@~#]/.test(value)) return false;
  const classes = (/[a-z]/.test(value) ? 1 : 0) + (/[A-Z]/.test(value) ? 1 : 0) + (/[0-9]/.test(value) ? 1 : 0);
  if (classes < 2) return false;
  if (isPublicKey(value) || isPlaceholder(value)) return false;
  // Hex carries at most 4 bits per character: a random 32-character hex key often measures under 3.5.
  const threshold = /^[0-9a-f]+$|^[0-9A-F]+$/.test(value) ? opts.minEntropy - HEX_ENTROPY_ALLOWANCE : opts.minEntropy;
  return shannonEntropy(value) >= threshold;
}

/** `Bearer <token>`, `Basic <base64>`, `Token <t>`: the credential part and where it starts. */
export function splitAuthScheme(value: string): { scheme: string; credential: string; offset: number } | undefined {
  const m = /^(Bearer|Basic|Token|Bot|ApiKey|Api-Key)( +)(\S+)$/i.exec(value);
  if (!m) return undefined;
  return { scheme: m[1], credential: m[3], offset: m[1].length + m[2].length };
}

// ---------------------------------------------------------------------------------------------
// Text-level precondition (hardcoded-secret's prefilter: a file failing it is not parsed for it)

/** Every name secretNameKind or isAwsSecretName accepts holds one of these, in some case. */
const SECRET_NAME_PART = /secret|pass|pwd|cred|auth|bearer|token|key/i;
const QUOTES = ['"', "'", "`"];

/**
 * False only when no literal or comment of `text` can hold a secret hardcoded-secret reports: no known
 * token prefix (nor an escape that could spell one differently in the source), and no quoted value a
 * generic check could accept with a secret-like name before it, within NAME_WINDOW characters (a
 * declaration, property, assignment, JSX attribute or header name always precedes its value).
 */
export function mayHoldSecret(text: string, opts: GenericOptions): boolean {
  // A prefix is not a token: "sk-" in "task-", "eyJ" in base64 data. Where one occurs, the formats are read
  // over the whole text as over a literal (a token starts where its run of token characters starts, and
  // a literal's quotes end a run as the literal's ends do).
  if (KNOWN_PREFIXES.in(text) && findKnownSecrets(text).length > 0) return true;
  // A literal's value is its source with the escapes cooked: a prefix spelled with an escape is found there.
  if (text.includes("\\") && PREFIX_ESCAPE.test(text) && mayContainKnownSecret(cookEscapes(text))) return true;
  return SECRET_NAME_PART.test(text) && mayHoldGenericValue(text, opts);
}

/** Escapes that can spell a known prefix's characters (`\x73k-`, `\u0041KIA`, `postgres:\/\/`, a line continuation). */
const PREFIX_ESCAPE = /\\[xu0-7\r\n_-]|:\\\/\\\//;

/** One escape sequence of a string or template literal, as TypeScript's scanner reads it (legacy octal included). */
const ESCAPE = /\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|u\{[0-9A-Fa-f]+\}|[0-3][0-7]{0,2}|[4-7][0-7]?|\r\n|[^])/g;
/** Single-character escapes that stand for another character; a backslash before a line break is a line continuation. */
const CONTROL_ESCAPES: Record<string, string> = {
  b: "\b",
  t: "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  "\r": "",
  "\n": "",
  "\u2028": "",
  "\u2029": "",
};

/**
 * The whole text with every escape replaced by what it stands for (a line continuation by nothing). A
 * literal's cooked value is a substring of it: escapes are read left to right from the start of the
 * text, and none can run past a literal's opening quote (after the backslash they take only digits,
 * braces and line breaks), so each literal's escapes are read the same way here as by the scanner.
 */
function cookEscapes(text: string): string {
  return text.replace(ESCAPE, (e) => {
    const c = e[1];
    if (c >= "0" && c <= "7") return String.fromCharCode(parseInt(e.slice(1), 8));
    if (e.length > 2 && (c === "x" || c === "u")) {
      const code = parseInt(e.slice(2).replace(/[{}]/g, ""), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : e;
    }
    if (e.length > 2) return ""; // CR LF, a line continuation
    return c in CONTROL_ESCAPES ? CONTROL_ESCAPES[c] : c;
  });
}
/** How far before a quoted value its name may start: `const OPENAI_API_KEY: string =\n  process.env.X ?? "…"` and a ternary's condition fit. */
const NAME_WINDOW = 200;

/**
 * Whether a secret-like name may lie within NAME_WINDOW characters before `at` (as the window assumes,
 * the whole name): a run of its words the name classifiers may accept (see mayBeSecretNameWord).
 */
function namedBefore(text: string, at: number): boolean {
  const from = Math.max(0, at - NAME_WINDOW);
  const window = text.slice(from, at);
  if (!SECRET_NAME_PART.test(window)) return false;
  for (const m of window.matchAll(SECRET_NAME_PARTS)) if (mayBeSecretNameWord(text, from + m.index)) return true;
  return false;
}

const SECRET_NAME_PARTS = new RegExp(SECRET_NAME_PART.source, "gi");

/**
 * The words secretNameKind and isAwsSecretName decide on: the head nouns, `key` (whatever qualifies it)
 * and AWS's `secretaccesskey`. Every secret-like name has one of them among its words.
 */
const SECRET_NAME_WORDS = new Set([...Object.keys(SECRET_NOUNS), "key", "secretaccesskey"]);

/**
 * Whether the run of letters and digits around `pos` may hold the word a secret-like name is decided
 * on. A name in the source (an identifier, a quoted key) is bounded by characters that are neither, and
 * splitWords never joins across them, so the run's words are consecutive words of the name. The run
 * counts when it has AWS's `secret`, or a head noun (SECRET_NAME_WORDS) followed in the run only by
 * words secretNameKind drops (NEUTRAL_SUFFIXES, numbers; `header` after `auth`), not qualified in the
 * run as secretNameKind refuses (`nextToken`, `cacheKey`), and no public word: `maxTokens`, `keyboard`,
 * `keys`, `tokenizer` and `TokenType` near a value do not count. A run longer than a name can be
 * (MAX_NAME_LENGTH) belongs to no secret-like name.
 */
function mayBeSecretNameWord(text: string, pos: number): boolean {
  if (escapedAround(text, pos)) return true;
  let start = pos;
  let end = pos;
  while (start > 0 && pos - start <= MAX_NAME_LENGTH && isAlphanumeric(text.charCodeAt(start - 1))) start--;
  while (end < text.length && end - start <= MAX_NAME_LENGTH && isAlphanumeric(text.charCodeAt(end))) end++;
  if (end - start > MAX_NAME_LENGTH) return false;
  // As secretNameKind reads words: `apiKey2` is `api key`.
  const words = splitWords(text.slice(start, end)).map((w) => (/^[a-z]{3,}\d+$/.test(w) ? w.replace(/\d+$/, "") : w));
  if (words.includes("secret") || words.includes("secretaccesskey")) return true;
  if (words.some((w) => PUBLIC_WORDS.has(w))) return false;
  let dropped = true; // every word after index i is one secretNameKind drops
  for (let i = words.length - 1; i >= 0 && dropped; i--) {
    const w = words[i];
    if (SECRET_NAME_WORDS.has(w)) {
      const prev = i > 0 ? words[i - 1] : undefined;
      if (
        !(w === "token" && prev !== undefined && NON_SECRET_TOKEN_QUALIFIERS.has(prev)) &&
        !(w === "key" && prev !== undefined && NON_SECRET_KEY_QUALIFIERS.has(prev))
      )
        return true;
    }
    dropped = NEUTRAL_SUFFIXES.has(w) || /^\d+$/.test(w) || w === "header";
  }
  return false;
}

/**
 * Whether the letters, digits and braces around `pos` hold a backslash: an escape that may spell the
 * name's characters (`"api\u005fkey"`, `"\x6bey"`, `"\u{6b}ey"`), whose words then differ from the source's.
 */
function escapedAround(text: string, pos: number): boolean {
  for (let i = pos - 1; i >= 0 && pos - i <= MAX_NAME_LENGTH; i--) {
    const c = text.charCodeAt(i);
    if (c === 92) return true;
    if (!isAlphanumeric(c) && c !== 123 && c !== 125) break;
  }
  for (let i = pos; i < text.length && i - pos <= MAX_NAME_LENGTH; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) return true;
    if (!isAlphanumeric(c) && c !== 123 && c !== 125) break;
  }
  return false;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * A generic secret's value has no whitespace and no quote of its own kind, and sits between that quote
 * and another (or after `Bearer `): it is one piece of a whitespace-separated run split at a quote. A run
 * with a backslash may cook into another value, so any long one counts. Each candidate must have a
 * secret-like name before it.
 */
function mayHoldGenericValue(text: string, opts: GenericOptions): boolean {
  const min = Math.max(1, opts.minLength);
  const named = (at: number) => namedBefore(text, at);
  // Only a run with a quote or a backslash can hold a candidate: the scan jumps from one such character
  // to the next and reads the run around it (each run once: the next search starts after it).
  const candidate = /["'`\\]/g;
  for (let m = candidate.exec(text); m; m = candidate.exec(text)) {
    let start = m.index;
    while (start > 0 && !isSpace(text, start - 1)) start--;
    let end = m.index + 1;
    while (end < text.length && !isSpace(text, end)) end++;
    candidate.lastIndex = end;
    // A short run still counts when a line continuation ends it: the literal goes on in the next one.
    if (end - start <= min && !escapesBreak(text, start, end)) continue;
    const run = text.slice(start, end);
    if (run.includes("\\") && mayCookToSecret(run, start, end, min, opts, named)) return true;
    for (const q of QUOTES) {
      if (!run.includes(q)) continue;
      let at = start;
      for (const piece of run.split(q)) {
        if (piece.length >= min && looksLikeGenericSecret(piece, opts) && named(at)) return true;
        at += piece.length + 1;
      }
    }
  }
  return false;
}

/**
 * Whether a run with escapes may hold a value the generic check accepts once cooked: a piece between
 * unescaped quotes, its escapes read (cookEscapes), and cut at the whitespace they stand for (the value,
 * or the credential after `Bearer `, has none). A line continuation at the run's end (the literal goes
 * on after the line break) or an escape read otherwise by TypeScript (an invalid one) leaves the
 * escapes unjudged: the run counts when a name precedes it, as any run with a backslash once did.
 */
function mayCookToSecret(
  run: string,
  start: number,
  end: number,
  min: number,
  opts: GenericOptions,
  named: (at: number) => boolean,
): boolean {
  if (escapesBreak(run, 0, run.length) || INVALID_ESCAPE.test(run)) return named(end);
  for (const q of QUOTES) {
    if (!run.includes(q)) continue;
    let at = start;
    for (const piece of splitAtUnescaped(run, q)) {
      const cooked = cookEscapes(piece);
      if (
        cooked.includes("\\") ? named(at) : cooked.split(/\s+/).some((v) => v.length >= min && looksLikeGenericSecret(v, opts) && named(at))
      )
        return true;
      at += piece.length + 1;
    }
  }
  return false;
}

/** Whether an odd number of backslashes ends text[start, end): the whitespace after it (a line break) is escaped. */
function escapesBreak(text: string, start: number, end: number): boolean {
  let i = end;
  while (i > start && text.charCodeAt(i - 1) === 92) i--;
  return (end - i) % 2 === 1;
}

/** `\x` or `\u` without the digits they take: TypeScript reports it and may read it otherwise than cookEscapes. */
const INVALID_ESCAPE = /\\(?:x(?![0-9A-Fa-f]{2})|u(?![0-9A-Fa-f]{4}|\{[0-9A-Fa-f]+\}))/;

/** `run` split at each `quote` not escaped by a backslash before it (an odd number of them). */
function splitAtUnescaped(run: string, quote: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  let backslashes = 0;
  for (let i = 0; i < run.length; i++) {
    const c = run[i];
    if (c === quote && backslashes % 2 === 0) {
      pieces.push(run.slice(from, i));
      from = i + 1;
    }
    backslashes = c === "\\" ? backslashes + 1 : 0;
  }
  pieces.push(run.slice(from));
  return pieces;
}

/** Whether the character at `i` is whitespace as `\s` means it (a run of the text ends there). */
function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (
    c === 32 || c === 10 || c === 13 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || (c > 0x7f && /\s/.test(text[i]))
  );
}

// Signing-key sinks

/**
 * An API whose argument (or one of its option properties) is the key that signs or encrypts tokens,
 * session cookies or HMACs. Any literal that reaches it is a gap, however placeholder-like: a fallback
 * such as `process.env.JWT_SECRET || "dev-secret"` lets a deploy that forgot the variable sign with a
 * key everyone who reads the repository knows, so they can forge sessions and tokens.
 * Argument positions and option names are taken from each package's own typings.
 */
export interface SigningSink {
  /** The module the callee is imported from (after `node:` is stripped). */
  modules: readonly string[];
  /** The callee's path below the module: ["sign"] for `jwt.sign` / `import { sign }`, [] for the default export. */
  path: readonly string[];
  /** Which argument holds the key or the options: an index, or "last" (NextAuth(req, res, options)). */
  arg: number | "last";
  /** The option properties holding the key, when the argument is an options object. */
  options?: readonly string[];
  /** What the key signs, for messages: "JWT signing key". */
  kind: string;
  /** The variable the fix reads when the literal is not already the fallback of one. */
  envName: string;
  /** What someone who knows the key can forge, for messages. */
  forges: string;
}

const JWT = { kind: "JWT signing key", envName: "JWT_SECRET", forges: "a token for any user" } as const;

const IRON_SESSION: SigningSink = {
  modules: ["iron-session"],
  path: ["getIronSession"],
  arg: "last",
  options: ["password"],
  kind: "session password",
  envName: "SESSION_PASSWORD",
  forges: "a session cookie",
};

const NEXT_AUTH: SigningSink = {
  modules: ["next-auth", "next-auth/next"],
  path: [],
  arg: "last",
  options: ["secret"],
  kind: "NextAuth secret",
  envName: "NEXTAUTH_SECRET",
  forges: "a session token for any user",
};

export const SIGNING_SINKS: readonly SigningSink[] = [
  // jsonwebtoken: sign(payload, secretOrPrivateKey, …), verify(token, secretOrPublicKey, …)
  { modules: ["jsonwebtoken"], path: ["sign"], arg: 1, ...JWT },
  { modules: ["jsonwebtoken"], path: ["verify"], arg: 1, ...JWT },
  // jose: jwtVerify(jwt, key, …), jwtDecrypt(jwt, key, …)
  { modules: ["jose"], path: ["jwtVerify"], arg: 1, ...JWT },
  { modules: ["jose"], path: ["jwtDecrypt"], arg: 1, ...JWT },
  // node:crypto createHmac(algorithm, key)
  { modules: ["crypto"], path: ["createHmac"], arg: 1, kind: "HMAC key", envName: "HMAC_SECRET", forges: "a valid signature" },
  // express-session({ secret }), cookie-session({ secret, keys }), cookie-parser(secret)
  {
    modules: ["express-session"],
    path: [],
    arg: 0,
    options: ["secret"],
    kind: "session signing secret",
    envName: "SESSION_SECRET",
    forges: "a session cookie",
  },
  {
    modules: ["cookie-session"],
    path: [],
    arg: 0,
    options: ["secret", "keys"],
    kind: "session signing key",
    envName: "SESSION_SECRET",
    forges: "a session cookie",
  },
  { modules: ["cookie-parser"], path: [], arg: 0, kind: "cookie signing secret", envName: "COOKIE_SECRET", forges: "a signed cookie" },
  // iron-session getIronSession(req, res, options) / getIronSession(cookies, options), sealData(data, { password })
  IRON_SESSION,
  ...["sealData", "unsealData"].map((name) => ({
    modules: ["iron-session"],
    path: [name],
    arg: 1,
    options: ["password"],
    kind: "session password",
    envName: "SESSION_PASSWORD",
    forges: "a session cookie",
  })),
  // NextAuth(options) / NextAuth(req, res, options); getToken({ req, secret }) from next-auth/jwt
  NEXT_AUTH,
  {
    modules: ["next-auth/jwt"],
    path: ["getToken"],
    arg: 0,
    options: ["secret"],
    kind: "NextAuth secret",
    envName: "NEXTAUTH_SECRET",
    forges: "a session token for any user",
  },
];

/** Option types whose object literal is itself a sink: `const authOptions: NextAuthOptions = { secret: … }`. */
export const SIGNING_OPTION_TYPES: ReadonlyArray<{ module: string; type: string; sink: SigningSink }> = [
  ...["NextAuthOptions", "AuthOptions", "NextAuthConfig"].map((type) => ({ module: "next-auth", type, sink: NEXT_AUTH })),
  { module: "iron-session", type: "SessionOptions", sink: IRON_SESSION },
];

/** Builders whose final call takes the key: jose `new SignJWT(payload)….sign(key)`, `new EncryptJWT(…)….encrypt(key)`. */
export const SIGNING_BUILDERS: ReadonlyArray<{ module: string; builder: string; method: string; sink: SigningSink }> = [
  { module: "jose", builder: "SignJWT", method: "sign", sink: { modules: ["jose"], path: ["SignJWT"], arg: 0, ...JWT } },
  { module: "jose", builder: "EncryptJWT", method: "encrypt", sink: { modules: ["jose"], path: ["EncryptJWT"], arg: 0, ...JWT } },
];

/** Module names of the signing sinks, as a file that uses one quotes them (an import, or a require with any quotes). */
const SINK_MODULE_IN_TEXT = new RegExp(
  `["'\`](?:node:)?(?:${[...new Set(SIGNING_SINKS.flatMap((s) => s.modules))].map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})(?:/[\\w/.-]*)?["'\`]`,
);

/** hardcoded-secret's prefilter for the sink checks: the file imports a signing API, whose key is reported however short. */
export function mayReachSigningSink(text: string): boolean {
  return SINK_MODULE_IN_TEXT.test(text);
}
