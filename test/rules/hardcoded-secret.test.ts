// hardcoded-secret: table tests (every provider format, every assignment shape, JS/TS/JSX, test files,
// comments, fallbacks, options), the .env.example edit, unit tests of rules/catalog/secrets.ts, a
// check that no message or fix title ever holds a secret, and the annotated fixtures.
//
// The keys below are generated from a seeded PRNG: they have each provider's prefix, length and
// charset and look random, but they are fake. Test names never contain them (every case is named),
// and assertions here never print them.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as ts from "typescript";
import rule, { cookedToRaw, isInComment } from "../../rules/hardcoded-secret";
import {
  decodeJwtPayload,
  findKnownSecrets,
  isAwsSecretName,
  isLocalHost,
  isPlaceholder,
  isPublicKey,
  looksLikeGenericSecret,
  looksRepetitive,
  maskSecret,
  mayContainKnownSecret,
  secretNameKind,
  shannonEntropy,
  splitAuthScheme,
} from "../../rules/catalog/secrets";
import { lintCase, runRuleTests, type ExpectedError, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

// ---------------------------------------------------------------------------------------------
// Fake keys

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const ALNUM = UPPER + LOWER + DIGITS;
const URLSAFE = ALNUM + "-_";
const HEX = "0123456789abcdef";
const BASE64 = ALNUM + "+/";

/** Deterministic random text: FNV-1a of the label seeds mulberry32. */
function fake(label: string, length: number, alphabet = ALNUM): string {
  let h = 2166136261;
  for (const c of label) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  let s = h >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
const jwt = (payload: Record<string, unknown>, label: string) =>
  `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url(payload)}.${fake(label, 43, URLSAFE)}`;
const uuid = (label: string) => {
  const h = fake(label, 32, HEX);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
};
const SUPABASE_REF = fake("supabase-ref", 20, LOWER);

const K = {
  openaiProject: `sk-proj-${fake("openai-1", 74, URLSAFE)}T3BlbkFJ${fake("openai-2", 74, URLSAFE)}`,
  openaiLegacy: `sk-${fake("openai-legacy-1", 20)}T3BlbkFJ${fake("openai-legacy-2", 20)}`,
  openaiSvcacct: `sk-svcacct-${fake("openai-svc", 64, URLSAFE)}`,
  openaiAdmin: `sk-admin-${fake("openai-admin", 64, URLSAFE)}`,
  anthropic: `sk-ant-api03-${fake("anthropic", 93, URLSAFE)}AA`,
  anthropicAdmin: `sk-ant-admin01-${fake("anthropic-admin", 93, URLSAFE)}AA`,
  awsId: `AKIA${fake("aws-id", 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`,
  awsTempId: `ASIA${fake("aws-temp-id", 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`,
  awsSecret: fake("aws-secret", 40, BASE64),
  github: `ghp_${fake("github", 36)}`,
  githubOauth: `gho_${fake("github-oauth", 36)}`,
  githubFine: `github_pat_${fake("github-fine-1", 22)}_${fake("github-fine-2", 59)}`,
  slackBot: `xoxb-${fake("slack-1", 12, DIGITS)}-${fake("slack-2", 13, DIGITS)}-${fake("slack-3", 24)}`,
  slackUser: `xoxp-${fake("slack-u1", 12, DIGITS)}-${fake("slack-u2", 12, DIGITS)}-${fake("slack-u3", 13, DIGITS)}-${fake("slack-u4", 32, HEX)}`,
  slackWebhook: `https://hooks.slack.com/services/T${fake("hook-t", 8, UPPER + DIGITS)}/B${fake("hook-b", 10, UPPER + DIGITS)}/${fake("hook-s", 24)}`,
  stripeLive: `sk_live_${fake("stripe-live", 99)}`,
  stripeTest: `sk_test_${fake("stripe-test", 99)}`,
  stripeRestricted: `rk_live_${fake("stripe-rk", 99)}`,
  stripePublishable: `pk_live_${fake("stripe-pk", 99)}`,
  google: `AIza${fake("google", 35, URLSAFE)}`,
  langsmith: `lsv2_pt_${fake("langsmith-1", 32, HEX)}_${fake("langsmith-2", 10, HEX)}`,
  langsmithService: `lsv2_sk_${fake("langsmith-3", 32, HEX)}_${fake("langsmith-4", 10, HEX)}`,
  ghl: `pit-${uuid("ghl")}`,
  supabaseSecret: `sb_secret_${fake("sb-secret", 31, URLSAFE)}`,
  supabasePublishable: `sb_publishable_${fake("sb-pub", 31, URLSAFE)}`,
  serviceRole: jwt({ iss: "supabase", ref: SUPABASE_REF, role: "service_role", iat: 1718000000, exp: 2033576000 }, "jwt-service"),
  anon: jwt({ iss: "supabase", ref: SUPABASE_REF, role: "anon", iat: 1718000000, exp: 2033576000 }, "jwt-anon"),
  userJwt: jwt({ sub: uuid("jwt-sub"), email: "ada@company.io", iat: 1718000000 }, "jwt-user"),
  pemBody: Array.from({ length: 4 }, (_, i) => fake(`pem-${i}`, 64, BASE64)),
  dbPassword: fake("db-password", 24),
  generic: fake("generic", 32),
  generic2: fake("generic-2", 40, URLSAFE),
  hexKey: fake("hex-key", 32, HEX),
};
const PEM = `-----BEGIN PRIVATE KEY-----\n${K.pemBody.join("\n")}\n-----END PRIVATE KEY-----`;
const PEM_ESCAPED = PEM.replace(/\n/g, "\\n");
const POSTGRES_URL = `postgresql://agent_app:${K.dbPassword}@agent-db.c9akciq32.eu-west-1.rds.amazonaws.com:5432/agent`;
const MONGO_URL = `mongodb+srv://svc-agent:${fake("mongo-pw", 20)}@cluster0.x7kq2.mongodb.net/agent?retryWrites=true&w=majority`;
const REDIS_URL = `rediss://default:${fake("redis-pw", 32)}@eu1-brave-fox-31337.upstash.io:6379`;

// ---------------------------------------------------------------------------------------------
// Helpers

/** 1-based range of the nth occurrence of `needle` in `code`. */
function rangeOf(code: string, needle: string, nth = 0): { line: number; column: number; endLine: number; endColumn: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = code.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`needle #${nth} not found in case`);
  }
  const pos = (o: number) => {
    const before = code.slice(0, o).split("\n");
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  const s = pos(at);
  const e = pos(at + needle.length);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

/** An expected finding covering exactly `needle`. */
function at(code: string, needle: string, messageId = "hardcoded", extra: Partial<ExpectedError> = {}, nth = 0): ExpectedError {
  return { messageId, ...rangeOf(code, needle, nth), ...extra };
}

/** The masked text a message may show. */
const q = (s: string) => `"${s}"`;

// ---------------------------------------------------------------------------------------------
// Invalid cases

const invalid: InvalidCase[] = [];
function bad(c: InvalidCase): void {
  invalid.push(c);
}

// --- every provider format ---

{
  const code = `const apiKey = ${q(K.openaiProject)};\n`;
  bad({
    name: "OpenAI project key in a const",
    code,
    errors: [
      at(code, q(K.openaiProject), "hardcoded", {
        messageIncludes: ["OpenAI API key", "(sk-p…)"],
        detailIncludes: ["process.env.OPENAI_API_KEY"],
        fixTitles: ["Read the OpenAI API key from process.env.OPENAI_API_KEY"],
      }),
    ],
    output: "const apiKey = process.env.OPENAI_API_KEY;\n",
  });
}
{
  const code = `import OpenAI from "openai";\n\nexport const openai = new OpenAI({ apiKey: ${q(K.openaiLegacy)}, timeout: 20_000 });\n`;
  bad({
    name: "OpenAI legacy key (T3BlbkFJ) in a client option",
    code,
    errors: [at(code, q(K.openaiLegacy))],
    output: `import OpenAI from "openai";\n\nexport const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, timeout: 20_000 });\n`,
  });
}
{
  const code = `export class Embedder {\n  private readonly key = '${K.openaiSvcacct}';\n}\n`;
  bad({
    name: "OpenAI service account key in a class property",
    code,
    errors: [at(code, `'${K.openaiSvcacct}'`, "hardcoded", { messageIncludes: ["OpenAI service account key"] })],
    output: "export class Embedder {\n  private readonly key = process.env.OPENAI_API_KEY;\n}\n",
  });
}
{
  const code = `const admin = ${q(K.openaiAdmin)};\n`;
  bad({
    name: "OpenAI admin key",
    code,
    errors: [at(code, q(K.openaiAdmin), "hardcoded", { messageIncludes: ["OpenAI admin key"], detailIncludes: ["OPENAI_ADMIN_KEY"] })],
    output: "const admin = process.env.OPENAI_ADMIN_KEY;\n",
  });
}
{
  const code = `export function makeClient(apiKey = ${q(K.anthropic)}) {\n  return { apiKey };\n}\n`;
  bad({
    name: "Anthropic key as a default parameter",
    code,
    errors: [
      at(code, q(K.anthropic), "hardcoded", {
        messageIncludes: ["Anthropic API key", "(sk-a…)"],
        fixTitles: ["Read the Anthropic API key from process.env.ANTHROPIC_API_KEY"],
      }),
    ],
    output: "export function makeClient(apiKey = process.env.ANTHROPIC_API_KEY) {\n  return { apiKey };\n}\n",
  });
}
{
  const code = `const usageReporter = { adminKey: ${q(K.anthropicAdmin)} };\n`;
  bad({
    name: "Anthropic admin key",
    code,
    errors: [
      at(code, q(K.anthropicAdmin), "hardcoded", { messageIncludes: ["Anthropic admin key"], detailIncludes: ["ANTHROPIC_ADMIN_KEY"] }),
    ],
    output: "const usageReporter = { adminKey: process.env.ANTHROPIC_ADMIN_KEY };\n",
  });
}
{
  const code = [
    `import { S3Client } from "@aws-sdk/client-s3";`,
    ``,
    `export const s3 = new S3Client({`,
    `  region: "eu-west-1",`,
    `  credentials: {`,
    `    accessKeyId: ${q(K.awsId)},`,
    `    secretAccessKey: ${q(K.awsSecret)},`,
    `  },`,
    `});`,
    ``,
  ].join("\n");
  bad({
    name: "AWS access key id and secret access key in S3Client credentials",
    code,
    errors: [
      at(code, q(K.awsId), "hardcoded", { messageIncludes: ["AWS access key ID", "(AKIA…)"] }),
      at(code, q(K.awsSecret), "hardcoded", {
        messageIncludes: ["AWS secret access key"],
        detailIncludes: ["process.env.AWS_SECRET_ACCESS_KEY"],
      }),
    ],
    output: code.replace(q(K.awsId), "process.env.AWS_ACCESS_KEY_ID").replace(q(K.awsSecret), "process.env.AWS_SECRET_ACCESS_KEY"),
  });
}
{
  const code = `process.env.AWS_ACCESS_KEY_ID ||= ${q(K.awsTempId)};\nexport {};\n`;
  bad({
    name: "AWS temporary key id assigned to process.env: the fix removes the statement",
    code,
    errors: [
      at(code, q(K.awsTempId), "envAssignment", {
        messageIncludes: ["assigned to process.env.AWS_ACCESS_KEY_ID"],
        fixTitles: ["Remove the hardcoded AWS access key ID: set process.env.AWS_ACCESS_KEY_ID in the environment"],
      }),
    ],
    output: "export {};\n",
  });
}
{
  const code = `const config = {};\nconfig.token = ${q(K.github)};\n`;
  bad({
    name: "GitHub classic token in a property assignment",
    code,
    errors: [at(code, q(K.github), "hardcoded", { messageIncludes: ["GitHub token"], detailIncludes: ["GITHUB_TOKEN"] })],
    output: "const config = {};\nconfig.token = process.env.GITHUB_TOKEN;\n",
  });
}
{
  const code = `const gh = { auth: ${q(K.githubOauth)} };\n`;
  bad({
    name: "GitHub OAuth token",
    code,
    errors: [at(code, q(K.githubOauth))],
    output: "const gh = { auth: process.env.GITHUB_TOKEN };\n",
  });
}
{
  const code = `const res = await fetch(url, { headers: { Authorization: "token ${K.githubFine}" }, signal });\n`;
  bad({
    name: "GitHub fine-grained token inside an Authorization header value",
    code,
    errors: [at(code, K.githubFine)],
    output: "const res = await fetch(url, { headers: { Authorization: `token ${process.env.GITHUB_TOKEN}` }, signal });\n",
  });
}
{
  const code = `import { WebClient } from "@slack/web-api";\nconst slack = new WebClient(${q(K.slackBot)});\n`;
  bad({
    name: "Slack bot token",
    code,
    errors: [at(code, q(K.slackBot), "hardcoded", { messageIncludes: ["Slack bot token"], detailIncludes: ["SLACK_BOT_TOKEN"] })],
    output: `import { WebClient } from "@slack/web-api";\nconst slack = new WebClient(process.env.SLACK_BOT_TOKEN);\n`,
  });
}
{
  const code = `const userToken = ${q(K.slackUser)};\n`;
  bad({
    name: "Slack user token",
    code,
    errors: [at(code, q(K.slackUser), "hardcoded", { messageIncludes: ["Slack token"], detailIncludes: ["SLACK_TOKEN"] })],
    output: "const userToken = process.env.SLACK_TOKEN;\n",
  });
}
{
  const code = `export const ALERTS_WEBHOOK = ${q(K.slackWebhook)};\n`;
  bad({
    name: "Slack incoming webhook URL",
    code,
    errors: [
      at(code, q(K.slackWebhook), "hardcoded", {
        messageIncludes: ["Slack webhook URL", "(http…)"],
        detailIncludes: ["SLACK_WEBHOOK_URL"],
      }),
    ],
    output: "export const ALERTS_WEBHOOK = process.env.SLACK_WEBHOOK_URL;\n",
  });
}
{
  const code = `import Stripe from "stripe";\nconst stripe = new Stripe(${q(K.stripeLive)});\n`;
  bad({
    name: "Stripe live secret key",
    code,
    errors: [
      at(code, q(K.stripeLive), "hardcoded", { messageIncludes: ["Stripe secret key", "(sk_l…)"], detailIncludes: ["STRIPE_SECRET_KEY"] }),
    ],
    output: `import Stripe from "stripe";\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY);\n`,
  });
}
{
  const code = `const stripe = new Stripe(${q(K.stripeTest)});\n`;
  bad({
    name: "Stripe test-mode secret key (still a secret)",
    code,
    errors: [at(code, q(K.stripeTest))],
    output: "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);\n",
  });
}
{
  const code = `const reporting = new Stripe(${q(K.stripeRestricted)});\n`;
  bad({
    name: "Stripe restricted key",
    code,
    errors: [at(code, q(K.stripeRestricted), "hardcoded", { messageIncludes: ["Stripe restricted key"] })],
    output: "const reporting = new Stripe(process.env.STRIPE_SECRET_KEY);\n",
  });
}
{
  const code = `const genAI = new GoogleGenerativeAI(${q(K.google)});\n`;
  bad({
    name: "Google API key",
    code,
    errors: [at(code, q(K.google), "hardcoded", { messageIncludes: ["Google API key"], detailIncludes: ["GOOGLE_API_KEY"] })],
    output: "const genAI = new GoogleGenerativeAI(process.env.GOOGLE_API_KEY);\n",
  });
}
{
  const code = `import { Client } from "langsmith";\nexport const ls = new Client({ apiKey: ${q(K.langsmith)} });\n`;
  bad({
    name: "LangSmith personal access token",
    code,
    errors: [at(code, q(K.langsmith), "hardcoded", { messageIncludes: ["LangSmith API key"], detailIncludes: ["LANGSMITH_API_KEY"] })],
    output: `import { Client } from "langsmith";\nexport const ls = new Client({ apiKey: process.env.LANGSMITH_API_KEY });\n`,
  });
}
{
  const code = `process.env.LANGSMITH_API_KEY = ${q(K.langsmithService)};\nprocess.env.LANGSMITH_TRACING = "true";\n`;
  bad({
    name: "LangSmith service key assigned to process.env",
    code,
    errors: [at(code, q(K.langsmithService), "envAssignment")],
    output: `process.env.LANGSMITH_TRACING = "true";\n`,
  });
}
{
  const code = `const ghl = axios.create({\n  baseURL: "https://services.leadconnectorhq.com",\n  timeout: 10_000,\n  headers: { Authorization: \`Bearer ${K.ghl}\`, Version: "2021-07-28" },\n});\n`;
  bad({
    name: "GoHighLevel private integration token in a Bearer template",
    code,
    errors: [
      at(code, K.ghl, "hardcoded", {
        messageIncludes: ["GoHighLevel private integration token", "(pit-…)"],
        detailIncludes: ["GHL_API_KEY"],
      }),
    ],
    output: code.replace(K.ghl, "${process.env.GHL_API_KEY}"),
  });
}
{
  const code = `const supabase = createClient("https://${SUPABASE_REF}.supabase.co", ${q(K.supabaseSecret)});\n`;
  bad({
    name: "Supabase secret key",
    code,
    errors: [
      at(code, q(K.supabaseSecret), "hardcoded", { messageIncludes: ["Supabase secret key"], detailIncludes: ["SUPABASE_SECRET_KEY"] }),
    ],
    output: `const supabase = createClient("https://${SUPABASE_REF}.supabase.co", process.env.SUPABASE_SECRET_KEY);\n`,
  });
}
{
  const code = `const admin = createClient(SUPABASE_URL, ${q(K.serviceRole)});\n`;
  bad({
    name: "Supabase service_role JWT",
    code,
    errors: [
      at(code, q(K.serviceRole), "hardcoded", {
        messageIncludes: ["Supabase service_role key", "(eyJh…)"],
        detailIncludes: ["SUPABASE_SERVICE_ROLE_KEY"],
      }),
    ],
    output: "const admin = createClient(SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE_KEY);\n",
  });
}
{
  const code = `const signer = createSign("RSA-SHA256");\nconst privateKey = \`${PEM}\`;\n`;
  bad({
    name: "private key in a multi-line template literal",
    code,
    errors: [at(code, `\`${PEM}\``, "hardcoded", { messageIncludes: ["private key"], detailIncludes: ["PRIVATE_KEY"] })],
    output: `const signer = createSign("RSA-SHA256");\nconst privateKey = process.env.PRIVATE_KEY;\n`,
  });
}
{
  const code = `const serviceAccount = { client_email: "agent@proj.iam.gserviceaccount.com", private_key: "${PEM_ESCAPED}\\n" };\n`;
  bad({
    name: "private key with \\n escapes in a string literal (range maps through escapes)",
    code,
    errors: [at(code, PEM_ESCAPED)],
    output: `const serviceAccount = { client_email: "agent@proj.iam.gserviceaccount.com", private_key: \`\${process.env.PRIVATE_KEY}\\n\` };\n`,
  });
}
{
  const code = `const key =\n  "-----BEGIN RSA PRIVATE KEY-----\\n" +\n  "${K.pemBody[0]}\\n" +\n  "${K.pemBody[1]}\\n" +\n  "-----END RSA PRIVATE KEY-----\\n";\n`;
  bad({
    name: "private key concatenated line by line: reported at its header, without a fix",
    code,
    errors: [at(code, "-----BEGIN RSA PRIVATE KEY-----")],
    output: null,
  });
}
{
  const code = `import pg from "pg";\nexport const pool = new pg.Pool({ connectionString: ${q(POSTGRES_URL)} });\n`;
  bad({
    name: "PostgreSQL URL with a password",
    code,
    errors: [
      at(code, q(POSTGRES_URL), "hardcoded", {
        messageIncludes: ["PostgreSQL connection string with a password", "(post…)"],
        detailIncludes: ["DATABASE_URL"],
      }),
    ],
    output: `import pg from "pg";\nexport const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });\n`,
  });
}
{
  const code = `await mongoose.connect(${q(MONGO_URL)});\n`;
  bad({
    name: "MongoDB Atlas URL with a password",
    code,
    errors: [at(code, q(MONGO_URL), "hardcoded", { messageIncludes: ["MongoDB connection string"], detailIncludes: ["MONGODB_URI"] })],
    output: "await mongoose.connect(process.env.MONGODB_URI);\n",
  });
}
{
  const code = `const redis = new Redis(${q(REDIS_URL)});\n`;
  bad({
    name: "Redis URL with a password",
    code,
    errors: [at(code, q(REDIS_URL), "hardcoded", { messageIncludes: ["Redis connection string"], detailIncludes: ["REDIS_URL"] })],
    output: "const redis = new Redis(process.env.REDIS_URL);\n",
  });
}
{
  const url = `mysql://reporting:${fake("mysql-pw", 18)}@10.20.4.17:3306/analytics`;
  const code = `const conn = await mysql.createConnection("${url}?ssl=true");\n`;
  bad({
    name: "MySQL URL with a password to a private IP",
    code,
    errors: [at(code, `"${url}?ssl=true"`, "hardcoded", { messageIncludes: ["MySQL connection string"] })],
    output: "const conn = await mysql.createConnection(process.env.DATABASE_URL);\n",
  });
}

{
  const code = `const restore = (process.env.OPENAI_API_KEY = ${q(K.openaiProject)});\n`;
  bad({
    name: "assignment to process.env inside an expression: reported without a fix",
    code,
    errors: [at(code, q(K.openaiProject), "envAssignment")],
    output: null,
  });
}

{
  const code = `if (!process.env.CI) process.env.OPENAI_API_KEY = ${q(K.openaiProject)};\nstart();\n`;
  bad({
    name: "assignment to process.env as an if body: no fix (removing it would change the if)",
    code,
    errors: [at(code, q(K.openaiProject), "envAssignment")],
    output: null,
  });
}

// --- fallbacks ---

{
  const code = `const apiKey = process.env.OPENAI_API_KEY ?? ${q(K.openaiProject)};\n`;
  bad({
    name: "OpenAI key as a ?? fallback: the fix removes the fallback",
    code,
    errors: [
      at(code, q(K.openaiProject), "fallback", {
        messageIncludes: ["fallback of process.env.OPENAI_API_KEY"],
        fixTitles: ["Read the OpenAI API key only from process.env.OPENAI_API_KEY (remove the hardcoded fallback)"],
      }),
    ],
    output: "const apiKey = process.env.OPENAI_API_KEY;\n",
  });
}
{
  const code = `const client = new Anthropic({ apiKey: process.env["ANTHROPIC_KEY"] || (${q(K.anthropic)}), timeout: 30_000 });\n`;
  bad({
    name: "Anthropic key as a || fallback of an element-access env read",
    code,
    errors: [at(code, q(K.anthropic), "fallback", { messageIncludes: ["process.env.ANTHROPIC_KEY"] })],
    output: `const client = new Anthropic({ apiKey: process.env["ANTHROPIC_KEY"], timeout: 30_000 });\n`,
  });
}
{
  const code = `const token = process.env.API_TOKEN || ${q(K.generic)};\n`;
  bad({
    name: "generic high-entropy token as a fallback",
    code,
    errors: [at(code, q(K.generic), "fallback", { messageIncludes: ["Hardcoded token", "process.env.API_TOKEN"] })],
    output: "const token = process.env.API_TOKEN;\n",
  });
}
{
  const code = `const key = config.openaiKey ?? ${q(K.openaiProject)};\n`;
  bad({
    name: "fallback of something other than process.env: the literal is replaced",
    code,
    errors: [at(code, q(K.openaiProject))],
    output: "const key = config.openaiKey ?? process.env.OPENAI_API_KEY;\n",
  });
}

// --- generic high-entropy values by shape ---

{
  const code = `const stripeKey = ${q(K.generic)};\n`;
  bad({
    name: "generic: variable with a key-like name",
    code,
    errors: [
      at(code, q(K.generic), "hardcoded", {
        messageIncludes: ["Hardcoded API key"],
        detailIncludes: ["process.env.STRIPE_KEY"],
        fixTitles: ["Read the API key from process.env.STRIPE_KEY"],
      }),
    ],
    output: "const stripeKey = process.env.STRIPE_KEY;\n",
  });
}
{
  const code = `export default {\n  search: { apiKey: '${K.generic2}', timeout: 5000 },\n};\n`;
  bad({
    name: "generic: nested object property",
    code,
    errors: [at(code, `'${K.generic2}'`)],
    output: "export default {\n  search: { apiKey: process.env.API_KEY, timeout: 5000 },\n};\n",
  });
}
{
  const code = `const headers = { "x-api-key": ${q(K.hexKey)}, "content-type": "application/json" };\n`;
  bad({
    name: "generic: quoted header-name property with a hex key",
    code,
    errors: [at(code, q(K.hexKey))],
    output: `const headers = { "x-api-key": process.env.X_API_KEY, "content-type": "application/json" };\n`,
  });
}
{
  const code = `settings.webhookSecret = ${q(K.generic)};\n`;
  bad({
    name: "generic: assignment to a property",
    code,
    errors: [at(code, q(K.generic), "hardcoded", { messageIncludes: ["Hardcoded secret"] })],
    output: "settings.webhookSecret = process.env.WEBHOOK_SECRET;\n",
  });
}
{
  const code = `let dbPassword: string;\ndbPassword = ${q(K.dbPassword)};\n`;
  bad({
    name: "generic: assignment to a variable",
    code,
    errors: [at(code, q(K.dbPassword), "hardcoded", { messageIncludes: ["Hardcoded password"] })],
    output: "let dbPassword: string;\ndbPassword = process.env.DB_PASSWORD;\n",
  });
}
{
  const code = `export async function connect(user: string, password = ${q(K.dbPassword)}) {\n  return { user, password };\n}\n`;
  bad({
    name: "generic: default parameter",
    code,
    errors: [at(code, q(K.dbPassword))],
    output: code.replace(q(K.dbPassword), "process.env.PASSWORD"),
  });
}
{
  const code = `class OAuthClient {\n  clientId = "agent-web";\n  static clientSecret = ${q(K.generic2)};\n}\n`;
  bad({
    name: "generic: class property",
    code,
    errors: [at(code, q(K.generic2))],
    output: code.replace(q(K.generic2), "process.env.CLIENT_SECRET"),
  });
}
{
  const code = `function f({ token = ${q(K.generic)} } = {}) {\n  return token;\n}\n`;
  bad({
    name: "generic: destructuring default",
    code,
    errors: [at(code, q(K.generic))],
    output: code.replace(q(K.generic), "process.env.TOKEN"),
  });
}
{
  const code = `const res = await fetch(url, {\n  signal,\n  headers: { Authorization: "Bearer ${K.generic}" },\n});\n`;
  bad({
    name: "generic: Bearer token in headers.Authorization (only the token is underlined)",
    code,
    errors: [at(code, K.generic, "hardcoded", { messageIncludes: ["Hardcoded bearer token"], detailIncludes: ["process.env.API_TOKEN"] })],
    output: "const res = await fetch(url, {\n  signal,\n  headers: { Authorization: `Bearer ${process.env.API_TOKEN}` },\n});\n",
  });
}
{
  const code = `const headers = new Headers();\nheaders.set("Authorization", "Basic ${Buffer.from(`svc:${K.dbPassword}`).toString("base64")}");\n`;
  bad({
    name: "generic: Basic credentials in headers.set",
    code,
    errors: [
      at(code, Buffer.from(`svc:${K.dbPassword}`).toString("base64"), "hardcoded", {
        messageIncludes: ["Hardcoded Basic auth credential"],
      }),
    ],
    output: 'const headers = new Headers();\nheaders.set("Authorization", `Basic ${process.env.BASIC_AUTH}`);\n',
  });
}
{
  const code = `const aws = { secret_access_key: ${q(K.awsSecret)} };\n`;
  bad({
    name: "generic: AWS secret access key by name",
    code,
    errors: [at(code, q(K.awsSecret), "hardcoded", { messageIncludes: ["AWS secret access key"] })],
    output: "const aws = { secret_access_key: process.env.AWS_SECRET_ACCESS_KEY };\n",
  });
}
{
  const code = `const API_KEY_PROD = ${q(K.generic)} as const;\n`;
  bad({
    name: "generic: `as const` goes with the literal",
    code,
    errors: [at(code, q(K.generic))],
    output: "const API_KEY_PROD = process.env.API_KEY_PROD;\n",
  });
}
{
  const code = `const sessionToken = isProd ? ${q(K.generic)} : "dev";\n`;
  bad({
    name: "generic: branch of a conditional",
    code,
    errors: [at(code, q(K.generic))],
    output: `const sessionToken = isProd ? process.env.SESSION_TOKEN : "dev";\n`,
  });
}
{
  // The prefilter looks for the name within 200 characters before the value: a long condition and a
  // type annotation on another line still fit, and nothing else in the file names a secret.
  const code = `const sessionToken: string =\n  process.env.NODE_ENV === "production" && process.argv.includes("--deployed") && !process.argv.includes("--local")\n    ? ${q(K.generic)}\n    : "dev";\n`;
  bad({
    name: "generic: branch of a conditional with a long condition, on a line of its own",
    code,
    errors: [at(code, q(K.generic))],
  });
}
{
  // A backslash in the value: the source spells it differently from the string, so the prefilter lets it through.
  const code = `const webhookSecret = "${K.generic.slice(0, 10)}\\u0041${K.generic.slice(10)}";\n`;
  bad({
    name: "generic: a value with an escape in it",
    code,
    errors: [{ messageId: "hardcoded", line: 1, column: 23 }],
  });
}
{
  const code = `const token = ${q(K.userJwt)};\n`;
  bad({
    name: "generic: a user JWT assigned to token",
    code,
    errors: [at(code, q(K.userJwt), "hardcoded", { messageIncludes: ["(eyJh…)"] })],
    output: "const token = process.env.TOKEN;\n",
  });
}
{
  const code = `const secret = "${K.generic.slice(0, 12)}";\n`;
  bad({
    name: "option minLength: a 12-character secret with minLength 8",
    options: { minLength: 8 },
    code,
    errors: [at(code, `"${K.generic.slice(0, 12)}"`)],
  });
}

// --- template literals, JSX, multiple secrets, escapes ---

{
  const code = `const url = \`https://generativelanguage.googleapis.com/v1beta/models/\${model}:generateContent?key=${K.google}\`;\n`;
  bad({
    name: "Google key inside a template with substitutions",
    code,
    errors: [at(code, K.google)],
    output: code.replace(K.google, "${process.env.GOOGLE_API_KEY}"),
  });
}
{
  const code = `const auth = \`Bearer ${K.openaiProject}\`;\n`;
  bad({
    name: "OpenAI key inside a no-substitution template",
    code,
    errors: [at(code, K.openaiProject)],
    output: "const auth = `Bearer ${process.env.OPENAI_API_KEY}`;\n",
  });
}
{
  const code = `const env = "OPENAI_API_KEY=${K.openaiProject}\\nANTHROPIC_API_KEY=${K.anthropic}";\n`;
  bad({
    name: "two secrets in one string literal: one fix replaces both",
    code,
    errors: [
      at(code, K.openaiProject, "hardcoded", { fixTitles: ["Read the OpenAI API key from process.env.OPENAI_API_KEY"] }),
      at(code, K.anthropic, "hardcoded", { fixTitles: [] }),
    ],
    output: "const env = `OPENAI_API_KEY=${process.env.OPENAI_API_KEY}\\nANTHROPIC_API_KEY=${process.env.ANTHROPIC_API_KEY}`;\n",
  });
}
{
  const code = `const note = "a \`quoted\` \${x} \\t\\u0041 token: ${K.github}";\n`;
  bad({
    name: "partial literal with escapes, backticks and ${ becomes a correctly escaped template",
    code,
    errors: [at(code, K.github)],
    output: "const note = `a \\`quoted\\` \\${x} \\tA token: ${process.env.GITHUB_TOKEN}`;\n",
  });
}
{
  const code = `export function Chat() {\n  return <ChatWidget apiKey="${K.openaiProject}" />;\n}\n`;
  bad({
    name: "JSX attribute (tsx)",
    filename: "src/Chat.tsx",
    code,
    errors: [at(code, `"${K.openaiProject}"`)],
    output: "export function Chat() {\n  return <ChatWidget apiKey={process.env.OPENAI_API_KEY} />;\n}\n",
  });
}
{
  const code = `enum Keys {\n  Stripe = ${q(K.stripeLive)},\n}\n`;
  bad({ name: "string enum member: reported without a fix", code, errors: [at(code, q(K.stripeLive))], output: null });
}

{
  const code = `const url = \`https://api.example.com/?k\\x3d${K.google} \${q}\`;\n`;
  bad({
    name: "escapes before a key in a template part",
    code,
    errors: [at(code, K.google)],
    output: "const url = `https://api.example.com/?k\\x3d${process.env.GOOGLE_API_KEY} ${q}`;\n",
  });
}
{
  const code = `/* Slack: ${K.slackWebhook}*/\nexport {};\n`;
  bad({
    name: "a block comment's closing */ is not part of the secret",
    code,
    errors: [at(code, K.slackWebhook, "comment")],
    output: null,
  });
}
{
  const code = `const c = "x"; // ${POSTGRES_URL}\r\nexport {};\r\n`;
  bad({ name: "a line comment with CRLF line ends", code, errors: [at(code, POSTGRES_URL, "comment")], output: null });
}

// --- comments ---

{
  const code = `// Rotated 2024-05: the old key was ${K.openaiProject}\nconst apiKey = process.env.OPENAI_API_KEY;\n`;
  bad({
    name: "key in a line comment: reported, no fix",
    code,
    errors: [at(code, K.openaiProject, "comment", { messageIncludes: ["in a comment", "(sk-p…)"] })],
    output: null,
  });
}
{
  const code = `/**\n * Example:\n *   DATABASE_URL=${POSTGRES_URL}\n */\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n`;
  bad({ name: "database URL in a JSDoc comment", code, errors: [at(code, POSTGRES_URL, "comment")], output: null });
}
{
  const code = `const client = new WebClient(/* ${K.slackBot} */ process.env.SLACK_BOT_TOKEN);\n`;
  bad({ name: "key in a block comment between tokens", code, errors: [at(code, K.slackBot, "comment")], output: null });
}

// --- JS, CommonJS, test files ---

{
  const code = `"use strict";\nconst { Octokit } = require("@octokit/rest");\nmodule.exports = new Octokit({ auth: '${K.github}' });\n`;
  bad({
    name: "CommonJS script (.cjs)",
    filename: "scripts/sync.cjs",
    code,
    errors: [at(code, `'${K.github}'`)],
    output: code.replace(`'${K.github}'`, "process.env.GITHUB_TOKEN"),
  });
}
{
  const code = `export const settings = { langsmithApiKey: "${K.langsmith}", tracing: true };\n`;
  bad({ name: "ESM JavaScript (.mjs)", filename: "src/settings.mjs", code, errors: [at(code, `"${K.langsmith}"`)] });
}
{
  const code = `import { describe, it } from "vitest";\n\ndescribe("agent", () => {\n  it("answers", async () => {\n    const agent = makeAgent({ apiKey: ${q(K.anthropic)} });\n  });\n});\n`;
  bad({
    name: "a real-looking key in a test file is reported (the rule runs on *.test.ts)",
    filename: "src/agent.test.ts",
    code,
    errors: [at(code, q(K.anthropic))],
  });
}
{
  const code = `export const fixtures = { serviceRoleKey: ${q(K.serviceRole)} };\n`;
  bad({ name: "a key in a file under tests/", filename: "tests/helpers/fixtures.ts", code, errors: [at(code, q(K.serviceRole))] });
}

// --- deploy configs checked into the repository ---

{
  const code = `{\n  "node_version": "20",\n  "graphs": { "agent": "./src/agent.ts:graph" },\n  "env": { "OPENAI_API_KEY": "${K.openaiProject}", "LOG_LEVEL": "info" }\n}\n`;
  bad({
    name: "langgraph.json env value: reported without a fix",
    filename: "langgraph.json",
    code,
    errors: [
      at(code, `"${K.openaiProject}"`, "config", { messageIncludes: ["in langgraph.json", "(sk-p…)"], detailIncludes: ["OPENAI_API_KEY"] }),
    ],
    output: null,
  });
}
{
  const code = `{ "graphs": { "agent": "./src/agent.ts:graph" }, "env": { "CRM_API_TOKEN": "${K.generic}" } }\n`;
  bad({
    name: "langgraph.json env value by name",
    filename: "langgraph.json",
    code,
    errors: [at(code, `"${K.generic}"`, "config", { messageIncludes: ["Hardcoded token"] })],
    output: null,
  });
}
{
  const code = [
    "service: support-agent",
    "provider:",
    "  name: aws",
    "  runtime: nodejs20.x",
    "  environment:",
    "    OPENAI_API_KEY: ${ssm:/support-agent/openai-api-key}",
    `    ANTHROPIC_API_KEY: ${K.anthropic}`,
    `    STRIPE_WEBHOOK_SECRET: "whsec_${K.generic}"`,
    "    LOG_LEVEL: info",
    `# old: ${K.slackBot}`,
    "",
  ].join("\n");
  bad({
    name: "serverless.yml environment values and a comment",
    filename: "serverless.yml",
    code,
    errors: [
      at(code, K.anthropic, "config", { messageIncludes: ["in serverless.yml", "Anthropic API key"] }),
      at(code, `whsec_${K.generic}`, "config", { messageIncludes: ["Hardcoded secret"], detailIncludes: ["STRIPE_WEBHOOK_SECRET"] }),
      at(code, K.slackBot, "config"),
    ],
    output: null,
  });
}
{
  const code = [
    "Resources:",
    "  AgentFunction:",
    "    Type: AWS::Serverless::Function",
    "    Properties:",
    "      Environment:",
    "        Variables:",
    "          DATABASE_URL: !Ref DatabaseUrl",
    "          OPENAI_API_KEY: '{{resolve:secretsmanager:prod/openai:SecretString:key}}'",
    `          aws_secret_access_key: ${K.awsSecret}`,
    "",
  ].join("\n");
  bad({
    name: "SAM template.yaml",
    filename: "template.yaml",
    code,
    errors: [at(code, K.awsSecret, "config", { messageIncludes: ["AWS secret access key"] })],
    output: null,
  });
}

{
  const code = `import { SignJWT, jwtVerify } from "jose";\n\nconst key = new TextEncoder().encode(process.env.JWT_SECRET || "jose-dev-key");\nexport const issue = (sub: string) => new SignJWT({ sub }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h").sign(key);\nexport const check = (t: string) => jwtVerify(t, key);\n`;
  bad({
    name: "jose: SignJWT builder chain and jwtVerify with a TextEncoder-wrapped fallback key",
    code,
    errors: [
      at(code, `"jose-dev-key"`, "signingFallback", { messageIncludes: ["JWT signing key falls back", "when JWT_SECRET is unset"] }),
    ],
    output: code.replace(` || "jose-dev-key"`, ""),
  });
}

{
  const code = `import type { NextAuthConfig } from "next-auth";\n\nexport const authConfig = { providers: [], secret: process.env.AUTH_SECRET ?? "auth-dev" } satisfies NextAuthConfig;\n`;
  bad({
    name: "an options object that satisfies NextAuthConfig",
    code,
    errors: [at(code, `"auth-dev"`, "signingFallback", { messageIncludes: ["NextAuth secret falls back"] })],
  });
}

// --- signing keys from another module of the project ---

{
  const code = `import jwt from "jsonwebtoken";\nimport { JWT_SECRET } from "./config";\n\nexport const issue = (p: object) => jwt.sign(p, JWT_SECRET);\n`;
  bad({
    name: "a fallback key exported by a config module, reported where jwt.sign uses it",
    filename: "src/tokens.ts",
    files: {
      "src/config.ts": `export const JWT_SECRET = process.env.JWT_SECRET || "dev-secret";\nexport const TABLE = process.env.SESSION_TABLE || "sessions";\n`,
    },
    code,
    errors: [
      at(
        code,
        "JWT_SECRET",
        "signingFallbackImported",
        {
          messageIncludes: ["JWT signing key falls back to a hardcoded string (de…) in config.ts"],
          detailIncludes: ["A deploy that forgets JWT_SECRET"],
          fixTitles: [],
        },
        1,
      ),
    ],
  });
}
{
  const code = `const session = require("express-session");\nconst config = require("./config");\n\nmodule.exports = session({ secret: config.sessionSecret, resave: false });\n`;
  bad({
    name: "CommonJS: module.exports of a config object with a literal session secret",
    filename: "src/app.js",
    files: { "src/config.js": `module.exports = { sessionSecret: "keyboard cat", port: 3000 };\n` },
    code,
    errors: [
      at(code, "config.sessionSecret", "signingKeyImported", {
        messageIncludes: ["Session signing secret is a hardcoded string (key…) from config.js"],
      }),
    ],
  });
}

// --- Compose files ---

{
  const code = [
    "services:",
    "  agent:",
    "    build: .",
    "    environment:",
    `      OPENAI_API_KEY: ${K.openaiProject}`,
    `      CRM_API_TOKEN: "${K.generic}"`,
    "      DATABASE_URL: postgres://postgres:postgres@db:5432/agent",
    "  worker:",
    "    environment:",
    `      - SLACK_BOT_TOKEN=${K.slackBot}`,
    `      - "WEBHOOK_SECRET=${K.generic2}"`,
    "      - LOG_LEVEL=info",
    "",
  ].join("\n");
  bad({
    name: "docker-compose.yml environment values, map and list forms: reported without a fix",
    filename: "docker-compose.yml",
    code,
    errors: [
      at(code, K.openaiProject, "config", { messageIncludes: ["in docker-compose.yml", "OpenAI API key"] }),
      at(code, K.generic, "config", { messageIncludes: ["Hardcoded token"], detailIncludes: ["CRM_API_TOKEN"] }),
      at(code, K.slackBot, "config", { messageIncludes: ["Slack bot token"] }),
      at(code, K.generic2, "config", { messageIncludes: ["Hardcoded secret"], detailIncludes: ["WEBHOOK_SECRET"] }),
    ],
    output: null,
  });
}
{
  const code = `services:\n  api:\n    environment:\n      - ANTHROPIC_API_KEY=${K.anthropic}\n`;
  bad({
    name: "compose.prod.yaml is a Compose file too",
    filename: "deploy/compose.prod.yaml",
    code,
    errors: [at(code, K.anthropic, "config")],
  });
}

// --- signing keys: decided by the sink (jsonwebtoken, node:crypto HMAC, sessions, NextAuth) ---

{
  const code = `import jwt from "jsonwebtoken";\n\nexport const issue = (p: object) => jwt.sign(p, process.env.JWT_SECRET || "dev-secret", { expiresIn: "1h" });\n`;
  bad({
    name: "jwt.sign with a placeholder-looking fallback key",
    code,
    errors: [
      at(code, `"dev-secret"`, "signingFallback", {
        messageIncludes: ["JWT signing key falls back to a hardcoded string (de…) when JWT_SECRET is unset"],
        detailIncludes: ["forge a token for any user"],
        fixTitles: ["Read the JWT signing key only from process.env.JWT_SECRET (remove the hardcoded fallback)"],
      }),
    ],
    output: code.replace(` || "dev-secret"`, ""),
  });
}
{
  const code = `import { sign, verify } from "jsonwebtoken";\n\nconst JWT_SECRET = "supersecret123";\nexport const issue = (p: object) => sign(p, JWT_SECRET);\nexport const check = (t: string) => verify(t, JWT_SECRET);\n`;
  bad({
    name: "a weak literal JWT secret through a const, used by sign and verify: one finding",
    code,
    errors: [
      at(code, `"supersecret123"`, "signingKey", {
        messageIncludes: ["JWT signing key is a hardcoded string (sup…)"],
        fixTitles: ["Read the JWT signing key from process.env.JWT_SECRET"],
      }),
    ],
    output: code.replace(`"supersecret123"`, "process.env.JWT_SECRET"),
  });
}
{
  const code = `const jwt = require("jsonwebtoken");\nconst { JWT_SECRET = "changeme" } = process.env;\nmodule.exports = (t) => jwt.verify(t, JWT_SECRET);\n`;
  bad({
    name: "CommonJS: a destructuring default of process.env reaching jwt.verify (no automatic fix)",
    filename: "src/auth.js",
    code,
    errors: [at(code, `"changeme"`, "signingFallback", { messageIncludes: ["when JWT_SECRET is unset"], fixTitles: [] })],
  });
}
{
  const code = `import session from "express-session";\nimport express from "express";\n\nconst app = express();\napp.use(session({ secret: process.env.SESSION_SECRET ?? "keyboard cat", resave: false, saveUninitialized: false }));\n`;
  bad({
    name: "express-session secret fallback",
    code,
    errors: [
      at(code, `"keyboard cat"`, "signingFallback", {
        messageIncludes: ["Session signing secret falls back"],
        detailIncludes: ["forge a session cookie"],
      }),
    ],
    output: code.replace(` ?? "keyboard cat"`, ""),
  });
}
{
  const code = `import cookieSession from "cookie-session";\n\nexport const sessions = cookieSession({ name: "sid", keys: [process.env.COOKIE_KEY || "key1", "key2"] });\n`;
  bad({
    name: "cookie-session keys: every literal key",
    code,
    errors: [
      at(code, `"key1"`, "signingFallback", { messageIncludes: ["when COOKIE_KEY is unset"] }),
      at(code, `"key2"`, "signingKey", { messageIncludes: ["Session signing key is a hardcoded string"] }),
    ],
  });
}
{
  const code = `import { getIronSession, type SessionOptions } from "iron-session";\n\nexport const sessionOptions: SessionOptions = {\n  cookieName: "agent_session",\n  password: process.env.SECRET_COOKIE_PASSWORD || "complex_password_at_least_32_characters_long",\n};\nexport const getSession = (cookies: any) => getIronSession(cookies, sessionOptions);\n`;
  bad({
    name: "iron-session password in a typed options const",
    code,
    errors: [
      at(code, `"complex_password_at_least_32_characters_long"`, "signingFallback", {
        messageIncludes: ["Session password falls back", "when SECRET_COOKIE_PASSWORD is unset"],
      }),
    ],
  });
}
{
  const code = `import NextAuth from "next-auth";\n\nexport const { handlers, auth } = NextAuth({ providers: [], secret: process.env.AUTH_SECRET || "secret" });\n`;
  bad({
    name: "NextAuth secret fallback",
    code,
    errors: [at(code, `"secret"`, "signingFallback", { messageIncludes: ["NextAuth secret falls back", "when AUTH_SECRET is unset"] })],
  });
}
{
  const code = `import type { NextAuthOptions } from "next-auth";\n\nexport const authOptions: NextAuthOptions = { providers: [], secret: "nextauth-dev" };\n`;
  bad({
    name: "NextAuthOptions typed object with a literal secret (used from another file)",
    code,
    errors: [at(code, `"nextauth-dev"`, "signingKey", { messageIncludes: ["NextAuth secret is a hardcoded string"] })],
    output: code.replace(`"nextauth-dev"`, "process.env.NEXTAUTH_SECRET"),
  });
}
{
  const code = `import { createHmac } from "node:crypto";\n\nconst config = { webhook: { secret: process.env.WEBHOOK_SECRET ?? "local-webhook" } };\nexport const sign = (body: string) => createHmac("sha256", config.webhook.secret).update(body).digest("hex");\n`;
  bad({
    name: "HMAC key through a property of a const config object",
    code,
    errors: [at(code, `"local-webhook"`, "signingFallback", { messageIncludes: ["HMAC key falls back", "when WEBHOOK_SECRET is unset"] })],
  });
}
{
  const code = `import * as crypto from "crypto";\n\nexport const verifySlack = (base: string) => crypto.createHmac("sha256", Buffer.from("slack-dev-signing")).update(base).digest("hex");\n`;
  bad({
    name: "HMAC key as a literal through Buffer.from",
    code,
    errors: [
      at(code, `"slack-dev-signing"`, "signingKey", {
        messageIncludes: ["HMAC key is a hardcoded string"],
        detailIncludes: ["process.env.HMAC_SECRET"],
      }),
    ],
  });
}
{
  const code = `import jwt from "jsonwebtoken";\n\nexport const issue = (p: object) => jwt.sign(p, process.env.JWT_SECRET ?? "${K.generic}");\n`;
  bad({
    name: "a high-entropy fallback key at a sink is reported once, as a leaked secret",
    code,
    errors: [at(code, `"${K.generic}"`, "fallback")],
  });
}

// --- tests: generated credentials still count ---

{
  const url = `mongodb+srv://bench:${fake("bench-pw", 20)}@bench-cluster.x7kq2.mongodb.net/bench`;
  const code = `const BENCH_URI = "${url}";\n`;
  bad({
    name: "a database URL with a generated password in a test file",
    filename: "scripts/bench.test.ts",
    code,
    errors: [at(code, `"${url}"`)],
  });
}
{
  const code = `const DB = "mongodb+srv://u:p@bench-cluster.abc.mongodb.net/?retryWrites=true";\nconst apiKey = "${K.generic}";\n`;
  bad({
    name: "outside tests a chosen password in a URL is reported, a one-letter one is a fixture anywhere",
    code: `const admin = { password: "${K.generic}" };\n` + code,
    errors: [
      at(`const admin = { password: "${K.generic}" };\n` + code, `"${K.generic}"`),
      at(`const admin = { password: "${K.generic}" };\n` + code, `"${K.generic}"`, "hardcoded", {}, 1),
    ],
  });
}
{
  const code = `export const KEYS = { SIGNING_KEY: "${K.generic}", STATUS_KEY: "Exports_2024-Q3_v2.csv" };\nexport const PRIVATE_KEY = "0x${fake("eth-pk", 64, HEX)}";\n`;
  bad({
    name: "a key-ish name holding a key is reported next to a file name; a 64-hex private key is not an address",
    code,
    errors: [at(code, `"${K.generic}"`), at(code, `"0x${fake("eth-pk", 64, HEX)}"`)],
  });
}

// ---------------------------------------------------------------------------------------------
// Valid cases

const valid: ValidCase[] = [];
function ok(name: string, code: string, extra: Partial<Exclude<ValidCase, string>> = {}): void {
  valid.push({ name, code, ...extra });
}

// placeholders
ok("sk-... placeholder", `const apiKey = "sk-...";`);
ok("sk-xxxxxxxx placeholder", `const apiKey = "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";`);
ok("sk-proj-xxxx placeholder", `const apiKey = "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";`);
ok("sk-proj-… ellipsis", `const apiKey = "sk-proj-abc…";`);
ok("your-api-key", `const apiKey = "your-api-key-goes-here";`);
ok("<token>", `const headers = { Authorization: "Bearer <token>" };`);
ok("<YOUR_API_KEY> in angle brackets", `const client = new OpenAI({ apiKey: "<YOUR_OPENAI_API_KEY>", timeout: 1000 });`);
ok("YOUR_API_KEY", `const apiKey = "YOUR_API_KEY_HERE_12345";`);
ok("changeme", `const password = "changeme-changeme-2024";`);
ok("AWS documentation example key id", `const accessKeyId = "AKIAIOSFODNN7EXAMPLE";`);
ok("AWS documentation example secret", `const secretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";`);
ok("test", `const apiKey = "test";`);
ok("test-… value", `const apiKey = "test-api-key-Zx81Pq";`);
ok("dummy", `const token = "dummy-token-for-ci-9xK2";`);
ok("fake", `const token = "fake_Gh83kLq0Zr7Tw2Vn";`);
ok("redacted", `const apiKey = "sk-proj-REDACTED-0000000000000000000000";`);
ok("${TOKEN} in a plain string", 'const authorization = "Bearer ${TOKEN_FROM_VAULT_X9}";');
ok("{{token}} template placeholder", `const authorization = "Bearer {{api_token_Zq81}}";`);
ok(
  "[YOUR-PASSWORD] in a Supabase connection string",
  `const url = "postgresql://postgres.abcd:[YOUR-PASSWORD]@aws-0-eu-west-1.pooler.supabase.com:6543/postgres";`,
);
ok("repeated characters", `const token = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";`);
ok("Anthropic key made of AAAA", `const apiKey = "sk-ant-api03-${"A".repeat(93)}AA";`);
ok("sequential characters", `const stripeKey = "sk_test_1234567890abcdefghijklmnopqrstuv";`);
ok("repeated unit", `const apiKey = "abc123abc123abc123abc123abc123";`);
ok("low-entropy test value", `const password = "Password1Password1";`);
ok("dictionary-word dev password", `const dbPassword = "supersecretpassword123";\nconst jwtSecret = "dev_jwt_secret_Xk29";`);
ok(
  "local LLM server placeholders",
  `const a = { apiKey: "sk-no-key-required" };\nconst b = { apiKey: "lm-studio" };\nconst c = { apiKey: "sk-local-dev-key-123456" };`,
);
ok("Slack documentation webhook", `const url = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";`);
ok("GoHighLevel zero uuid", `const token = "pit-00000000-0000-0000-0000-000000000000";`);
ok("private key placeholder", `const privateKey = "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----";`);
ok(
  "PEM header constant",
  `const PEM_HEADER = "-----BEGIN PRIVATE KEY-----";\nexport const isPem = (s: string) => s.startsWith("-----BEGIN RSA PRIVATE KEY-----");`,
);
ok(
  "placeholder in a comment",
  `// export OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nconst apiKey = process.env.OPENAI_API_KEY;`,
);
// public keys
ok("Supabase anon JWT", `const supabase = createClient(SUPABASE_URL, "${K.anon}");`);
ok("Supabase anon JWT under a secret-looking name", `const supabaseKey = "${K.anon}";`);
ok("Supabase anon JWT as a Bearer token", `const headers = { Authorization: "Bearer ${K.anon}" };`);
ok("Supabase publishable key", `const supabaseKey = "${K.supabasePublishable}";`);
ok("Stripe publishable key under a key-like name", `const stripeKey = "${K.stripePublishable}";`);
ok("NEXT_PUBLIC_ name", `const NEXT_PUBLIC_MAPS_KEY = "${K.generic}";`);
ok(
  "Supabase CLI local demo service_role key",
  `const key = "${jwt({ iss: "supabase-demo", role: "service_role", exp: 1983812996 }, "demo")}";`,
);
ok("JWT without a secret-like name", `const example = "${K.userJwt}";`);
// env var names and env reads
ok("env var name as a value", `const apiKeyVar = "ANTHROPIC_API_KEY_PROD";\nconst token = process.env[apiKeyVar];`);
ok("env var name assigned to a secret-like property", `const config = { apiKey: "LANGSMITH_API_KEY_2" };`);
ok(
  "process.env reads",
  `const apiKey = process.env.OPENAI_API_KEY;\nconst token = process.env["GITHUB_TOKEN"] ?? "";\nconst secret = process.env.SECRET || undefined;`,
);
ok("process.env read in a template", "const headers = { Authorization: `Bearer ${process.env.API_TOKEN}` };");
// hashes and ids under non-secret names
ok("commit sha", `const commitSha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";`);
ok("random id under a non-secret name", `const requestId = "${K.generic}";`);
ok("idempotency key", `const idempotencyKey = "${K.hexKey}";`);
ok("cache key", `const cacheKey = "${K.generic}";`);
ok("keyId", `const keyId = "${K.generic}";`);
ok("UUID token", `const sessionToken = "3fa85f64-5717-4562-b3fc-2c963f66afa6";`);
ok("pagination token", `const nextToken = "${K.generic2}";`);
ok("publicKey", `const publicKey = "${K.generic2}";`);
// names that only look secret
ok("maxTokens", `const maxTokens = "${K.generic}";`);
ok("tokenizer", `const tokenizer = "cl100k_base";\nconst opts = { tokenizer: "o200k_base_Zx81Pq2L" };`);
ok("tokenUrl", `const tokenUrl = "https://oauth2.googleapis.com/token";`);
ok("tokenEndpoint", `const tokenEndpoint = "https://login.microsoftonline.com/common/oauth2/v2.0/token";`);
ok("secretName", `const secretName = "prod/agent/openai-api-key-Zx81Pq";`);
ok("secretArn", `const secretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/openai-Zx81Pq";`);
ok("passwordField", `const passwordField = "${K.generic}";`);
ok("tokenCount", `const tokenCount = "${K.generic}";`);
ok("TOKEN_HEADER", `const TOKEN_HEADER = "x-api-key";\nconst AUTH_HEADER_NAME = "X-Agent-Authorization-Zx81";`);
ok("model name under a key-ish name", `const tokenModel = "claude-sonnet-4-5-20250929";`);
// sentences, URLs, paths
ok("a sentence", `const secret = "Do not share this secret with anyone, ever";`);
ok("URL without credentials", `const apiKey = "https://api.example.org/v1/keys/Zx8Qw3Lp0Vn7";`);
ok("database URL without a password", `const url = "postgres://app@db.internal.company.io:5432/app";`);
ok("docker-compose default database URL on localhost", `const url = "postgres://postgres:postgres@localhost:5432/app";`);
ok("database URL to a docker-compose service", `const url = "postgres://agent:Zx81Pq2LmW9@db:5432/agent";`);
ok("database URL with a placeholder password", `const url = "postgres://app:<password>@db.company.io:5432/app";`);
ok("database URL with an interpolated password", "const url = `postgres://app:${process.env.DB_PASSWORD}@db.company.io:5432/app`;");
ok("database URL with ${} in a plain string", `const url = "redis://:\${REDIS_PASSWORD}@cache.company.io:6379";`);
ok("a path", `const credentials = "./config/credentials-Zx81Pq2L.json";`);
ok("a word containing a prefix", `const label = "mask-proj-${K.generic2}";\nconst t = "task-T3BlbkFJ${K.generic}";`);
// positions that are names, not values
ok("type-only string", `type Key = "${K.openaiProject}";\ninterface Cfg { apiKey: "${K.generic}" }`);
ok("property name", `const keys = { "${K.openaiProject}": true };`);
ok("import specifier", `import x from "${K.openaiProject}";`);
// options, suppressions, test-file placeholders
ok("option allow", `const stripe = new Stripe("${K.stripeTest}");`, { options: { allow: ["^sk_test_"] } });
ok("option allow matches the whole literal", `const h = { Authorization: "Bearer ${K.generic}" };`, { options: { allow: ["^Bearer "] } });
ok("option allow on a comment", `// ${K.openaiProject}`, { options: { allow: ["^sk-proj-"] } });
ok("jwt.io example token", `const token = "${jwt({ sub: "1234567890", name: "John Doe", iat: 1516239022 }, "jwtio")}";`);
ok("non-numeric options fall back to defaults", `const token = "short";`, { options: { minLength: "x", minEntropy: null } });
ok("option minLength", `const token = "${K.generic}";`, { options: { minLength: 40 } });
ok("option minEntropy", `const token = "${K.generic}";`, { options: { minEntropy: 5 } });
ok("an invalid allow pattern does not throw", `const x = 1;`, { options: { allow: ["("] } });
ok(
  "suppressed with a reason",
  `// deploygap-disable-next-line hardcoded-secret -- sandbox key, revoked\nconst apiKey = "${K.openaiProject}";`,
);
ok("placeholders in a test file", `const agent = makeAgent({ apiKey: "test-key", token: "fake-token", password: "dummy-password-123" });`, {
  filename: "src/agent.test.ts",
});
ok("langgraph.json without secrets", `{ "graphs": { "agent": "./src/agent.ts:graph" }, "env": ".env", "dependencies": ["."] }`, {
  filename: "langgraph.json",
});
ok(
  "langgraph.json with placeholders",
  `{ "graphs": { "agent": "./src/agent.ts:graph" }, "env": { "OPENAI_API_KEY": "sk-...", "LANGSMITH_API_KEY": "<your key>" } }`,
  { filename: "langgraph.json" },
);
ok(
  "serverless.yml with references only",
  "provider:\n  environment:\n    OPENAI_API_KEY: ${ssm:/agent/openai}\n    SLACK_BOT_TOKEN: ${env:SLACK_BOT_TOKEN}\n    TABLE: ${self:service}-${sls:stage}\n    tokenCount: 4096\n",
  { filename: "serverless.yml" },
);
ok("a .env file is where secrets belong", `OPENAI_API_KEY=${K.openaiProject}\n`, { filename: ".env" });
// not secrets: file names and object keys, public addresses, test fixtures
ok(
  "S3 object keys and file names on key-ish names",
  `export const KEYS = { STATUS_KEY: "status.json", REPORT_KEY: "reports/Daily-2024Q3.json", EXPORT_KEY: "Exports_2024-Q3_v2.csv", CERT_KEY: "certs/Prod2024_ca.pem" };`,
);
ok(
  "public contract addresses on *Token / *Address names",
  `export const USDC_TOKEN = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";\nexport const tokens = { wethToken: "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", routerAddress: "0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D" };`,
);
ok(
  "a password the test chose for its fixture user",
  `it("logs in", async () => {\n  const adminPassword = "${K.generic}";\n  await signup({ email: "a@b.co", password: "Xk9#mQ2vL8pZ4wR7" });\n});`,
  { filename: "src/auth.test.ts" },
);
ok(
  "database URLs with fixture credentials in a test file",
  `const BENCH_URI = "mongodb+srv://u:p@bench-cluster.abc.mongodb.net/?retryWrites=true";\nconst PG = "postgres://admin:Adm1nPass99@db.company.io:5432/app";`,
  { filename: "scripts/bench-corpus.test.ts" },
);
ok(
  "an imported key that the config module reads only from the environment",
  `import jwt from "jsonwebtoken";\nimport { JWT_SECRET, TABLE } from "./config";\nexport const issue = (p: object) => jwt.sign(p, JWT_SECRET);\n`,
  {
    filename: "src/tokens.ts",
    files: {
      "src/config.ts": `export const JWT_SECRET = process.env.JWT_SECRET!;\nexport const TABLE = process.env.SESSION_TABLE || "sessions";\n`,
    },
  },
);
// Compose files: references, local development values, suppressions
ok(
  "docker-compose.yml with interpolation and local development values",
  "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n  agent:\n    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY}\n      - JWT_SECRET=${JWT_SECRET:?set it}\n      DATABASE_URL: postgres://postgres:postgres@db:5432/agent\n",
  { filename: "docker-compose.yml" },
);
ok(
  "a # suppression in a Compose file",
  `services:\n  agent:\n    environment:\n      # deploygap-disable-next-line hardcoded-secret -- sandbox key for the local demo, revoked nightly\n      OPENAI_API_KEY: ${K.openaiProject}\n`,
  { filename: "docker-compose.yml" },
);
// signing sinks: what is not a signing key
ok(
  "a table name falling back to a literal is not a key",
  `import { Pool } from "pg";\nconst table = process.env.SESSION_TABLE || "sessions";\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n`,
);
ok(
  "jwt.sign reading its key only from the environment",
  `import jwt from "jsonwebtoken";\nconst secret = process.env.JWT_SECRET;\nif (!secret) throw new Error("JWT_SECRET is not set");\nexport const issue = (p: object) => jwt.sign(p, secret);\n`,
);
ok(
  "an empty fallback fails loudly in jsonwebtoken",
  `import jwt from "jsonwebtoken";\nexport const issue = (p: object) => jwt.sign(p, process.env.JWT_SECRET || "");\n`,
);
ok(
  "a literal key chosen by an explicit environment condition",
  `import jwt from "jsonwebtoken";\nconst key = process.env.NODE_ENV === "production" ? process.env.JWT_SECRET! : "dev";\nexport const issue = (p: object) => jwt.sign(p, key);\n`,
);
ok(
  "jwt.verify with a public key",
  `import jwt from "jsonwebtoken";\nconst PUB = "-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----";\nexport const check = (t: string) => jwt.verify(t, PUB);\n`,
);
ok("a sign() that is not jsonwebtoken's", `import { sign } from "./crypto";\nexport const s = sign({}, "dev-secret");\n`);
ok("a test signs its tokens with a test key", `import jwt from "jsonwebtoken";\nconst token = jwt.sign({ sub: "u1" }, "test-secret");\n`, {
  filename: "src/auth.test.ts",
});
ok(
  "a sign() builder method that is not jose's",
  `class Signer { sign(k: string) { return k; } }\nexport const s = new Signer().sign("dev-secret");\n`,
);
ok("createHmac from another module", `import { createHmac } from "./hmac";\nexport const h = createHmac("sha256", "local");\n`);
ok("regex literal", `const OPENAI_KEY_RE = /sk-proj-[A-Za-z0-9_-]{40,}T3BlbkFJ/;`);

runRuleTests(rule, { valid, invalid });

// ---------------------------------------------------------------------------------------------
// .env.example

describe("hardcoded-secret .env.example edit", () => {
  const code = `const apiKey = ${q(K.openaiProject)};\n`;
  const envEdit = (files: Record<string, string>) => {
    const { findings, root } = lintCase(rule, { code, files });
    assert.equal(findings.length, 1);
    const fix = findings[0].fixes[0];
    return { fix, root, edits: fix.edits.filter((e) => e.file) };
  };

  it("appends NAME= to .env.example when it does not name it", () => {
    const { fix, root, edits } = envEdit({ ".env.example": "LOG_LEVEL=info\n" });
    assert.equal(fix.title, "Read the OpenAI API key from process.env.OPENAI_API_KEY and add OPENAI_API_KEY to .env.example");
    assert.deepEqual(edits, [{ file: path.join(root, ".env.example"), start: 15, end: 15, newText: "OPENAI_API_KEY=\n" }]);
  });

  it("adds a newline first when the file does not end with one", () => {
    const { edits } = envEdit({ ".env.example": "LOG_LEVEL=info" });
    assert.deepEqual(
      edits.map((e) => [e.start, e.newText]),
      [[14, "\nOPENAI_API_KEY=\n"]],
    );
  });

  it("adds nothing when .env.example already names it", () => {
    const { fix, edits } = envEdit({ ".env.example": "# keys\nOPENAI_API_KEY=\nLOG_LEVEL=info\n" });
    assert.deepEqual(edits, []);
    assert.equal(fix.title, "Read the OpenAI API key from process.env.OPENAI_API_KEY");
  });

  it("uses .env.sample too", () => {
    const { root, edits } = envEdit({ ".env.sample": "" });
    assert.deepEqual(edits, [{ file: path.join(root, ".env.sample"), start: 0, end: 0, newText: "OPENAI_API_KEY=\n" }]);
  });

  it("adds nothing without a .env.example", () => {
    const { edits } = envEdit({});
    assert.deepEqual(edits, []);
  });

  it("names the existing variable for a fallback", () => {
    const { findings } = lintCase(rule, {
      code: `const k = process.env.OPENAI_KEY ?? ${q(K.openaiProject)};\n`,
      files: { ".env.example": "X=1\n" },
    });
    assert.deepEqual(
      findings[0].fixes[0].edits.filter((e) => e.file).map((e) => e.newText),
      ["OPENAI_KEY=\n"],
    );
  });

  it("adds every name of a literal with several secrets, once", () => {
    const { findings } = lintCase(rule, {
      code: `const env = "A=${K.openaiProject} B=${K.anthropic} C=${K.openaiLegacy}";\n`,
      files: { ".env.example": "X=1\n" },
    });
    assert.deepEqual(
      findings[0].fixes[0].edits.filter((e) => e.file).map((e) => e.newText),
      ["OPENAI_API_KEY=\nANTHROPIC_API_KEY=\n"],
    );
  });

  it("offers no .env.example edit for a comment", () => {
    const { findings } = lintCase(rule, { code: `// ${K.openaiProject}\n`, files: { ".env.example": "X=1\n" } });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].fixes, []);
  });
});

// ---------------------------------------------------------------------------------------------
// No message or fix title ever holds a secret

describe("hardcoded-secret never shows a secret", () => {
  it("every generated key is a known format (the fake keys are valid for their provider)", () => {
    const expectations: Array<[string, string]> = [
      [K.openaiProject, "openai"],
      [K.openaiLegacy, "openai"],
      [K.openaiSvcacct, "openai"],
      [K.openaiAdmin, "openai"],
      [K.anthropic, "anthropic"],
      [K.anthropicAdmin, "anthropic"],
      [K.awsId, "aws-access-key-id"],
      [K.awsTempId, "aws-access-key-id"],
      [K.github, "github"],
      [K.githubOauth, "github"],
      [K.githubFine, "github-fine-grained"],
      [K.slackBot, "slack-token"],
      [K.slackUser, "slack-token"],
      [K.slackWebhook, "slack-webhook"],
      [K.stripeLive, "stripe"],
      [K.stripeTest, "stripe"],
      [K.stripeRestricted, "stripe"],
      [K.google, "google"],
      [K.langsmith, "langsmith"],
      [K.langsmithService, "langsmith"],
      [K.ghl, "gohighlevel"],
      [K.supabaseSecret, "supabase-secret"],
      [K.serviceRole, "supabase-service-role"],
      [PEM, "private-key"],
      [POSTGRES_URL, "database-url"],
      [MONGO_URL, "database-url"],
      [REDIS_URL, "database-url"],
    ];
    expectations.forEach(([key, format], i) => {
      const found = findKnownSecrets(key);
      assert.ok(found.length === 1 && found[0].start === 0 && found[0].end === key.length, `key #${i} (${format}) not found whole`);
      assert.equal(found[0].format, format, `key #${i}`);
    });
  });

  it("for every invalid case, no message or fix title contains the secret", () => {
    let checked = 0;
    invalid.forEach((c, i) => {
      const { findings } = lintCase(rule, c);
      for (const f of findings) {
        if (f.messageId.endsWith("Imported")) {
          // Reported at the use; the key is a literal of another module: none of its literals may be shown.
          const literals = Object.values(c.files ?? {}).flatMap((t) => [...t.matchAll(/"([^"]{4,})"/g)].map((m) => m[1]));
          for (const t of [f.message, ...f.fixes.map((x) => x.title)])
            for (const l of literals)
              assert.ok(!t.includes(`"${l}"`) && !t.includes(`(${l}`), `case #${i} (${c.name}): a message shows an imported literal`);
          const masked = /\(([^()]*)…\)/.exec(f.message);
          assert.ok(masked && masked[1].length <= 4, `case #${i}: the mask shows more than 4 characters`);
          checked++;
          continue;
        }
        const secret = c.code.slice(f.start, f.end).replace(/^["'`]|["'`]$/g, "");
        // A key at a signing sink is reported whatever its length ("dev-secret"); any other finding is a long secret.
        const signing = f.messageId.startsWith("signing");
        assert.ok(signing || secret.length >= 12, `case #${i}: suspiciously short secret range`);
        const texts = [f.message, ...f.fixes.map((x) => x.title)];
        for (const t of texts) {
          // A short signing key may be an ordinary word ("secret"): then it must not appear quoted.
          const whole = signing && secret.length < 12 ? `"${secret}"` : secret;
          assert.ok(!t.includes(whole), `case #${i} (${c.name}): a message or fix title contains the whole secret`);
          for (let s = 0; s + 12 <= secret.length; s++) {
            assert.ok(
              !t.includes(secret.slice(s, s + 12)),
              `case #${i} (${c.name}): a message or fix title contains 12 characters of the secret`,
            );
          }
        }
        const masked = /\(([^()]*)…\)/.exec(f.message);
        assert.ok(masked, `case #${i}: no masked secret in the message`);
        assert.ok(
          masked[1].length <= 4 && secret.startsWith(masked[1]),
          `case #${i}: the mask shows more than the secret's first 4 characters`,
        );
        checked++;
      }
    });
    assert.ok(checked >= invalid.length);
  });
});

// ---------------------------------------------------------------------------------------------
// Unit tests of rules/catalog/secrets.ts

describe("secrets.ts", () => {
  describe("maskSecret", () => {
    it("shows at most the first 4 characters followed by …", () => {
      for (const key of Object.values(K).flat()) {
        const m = maskSecret(key);
        assert.ok(m.endsWith("…") && m.length <= 5 && key.startsWith(m.slice(0, -1)), "mask of a generated key");
      }
      assert.equal(maskSecret(K.openaiProject), "sk-p…");
      assert.equal(maskSecret(K.awsId), "AKIA…");
    });
    it("shows less of short secrets and never all of one", () => {
      assert.equal(maskSecret(""), "…");
      assert.equal(maskSecret("abc"), "…");
      assert.equal(maskSecret("abcdefgh"), "ab…");
      assert.equal(maskSecret("abcdefghijklmnop"), "abcd…");
      for (let n = 0; n < 40; n++) {
        const s = fake(`mask-${n}`, n);
        const shown = maskSecret(s).slice(0, -1);
        assert.ok(shown.length <= 4 && (n === 0 || shown.length < n), `length ${n}`);
      }
    });
    it("does not split a surrogate pair", () => {
      assert.equal(maskSecret("🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑"), "🔑🔑🔑🔑…");
    });
  });

  describe("shannonEntropy", () => {
    it("computes bits per character", () => {
      assert.equal(shannonEntropy(""), 0);
      assert.equal(shannonEntropy("aaaa"), 0);
      assert.equal(shannonEntropy("abab"), 1);
      assert.equal(shannonEntropy("abcd"), 2);
      assert.ok(Math.abs(shannonEntropy("0123456789abcdef") - 4) < 1e-9);
    });
    it("is high for random keys and low for words", () => {
      assert.ok(shannonEntropy(K.generic) > 4, "random alphanumeric");
      assert.ok(shannonEntropy(K.hexKey) > 3, "random hex");
      assert.ok(shannonEntropy("passwordpassword") < 3, "a word");
    });
  });

  describe("isPlaceholder and looksRepetitive", () => {
    const placeholders = [
      "sk-...",
      "xxxxxxxxxxxxxxxx",
      "your-api-key",
      "<token>",
      "YOUR_API_KEY",
      "changeme",
      "IOSFODNN7EXAMPLE",
      "test",
      "dummy",
      "fake",
      "redacted",
      "${TOKEN}",
      "{{ token }}",
      "[YOUR-PASSWORD]",
      "aaaaaaaaaaaaaaaaaaaa",
      "abcabcabcabcabcabc",
      "1234567890",
      "zyxwvutsrq",
      "my-secret-key",
      "mock_value_123",
      "placeholder",
      "****************",
    ];
    placeholders.forEach((p, i) => it(`placeholder #${i + 1}`, () => assert.ok(isPlaceholder(p), p)));
    it("random bodies are not placeholders", () => {
      for (const key of [K.generic, K.generic2, K.hexKey, K.awsSecret, K.dbPassword, fake("x", 16), fake("y", 64, URLSAFE)]) {
        assert.ok(!isPlaceholder(key) && !looksRepetitive(key), "a random key was taken for a placeholder");
      }
    });
  });

  describe("public keys and JWTs", () => {
    it("decodes JWT payloads", () => {
      assert.equal(decodeJwtPayload(K.serviceRole)?.role, "service_role");
      assert.equal(decodeJwtPayload(K.anon)?.role, "anon");
      assert.equal(decodeJwtPayload("eyJ.notbase64.x"), undefined);
      assert.equal(decodeJwtPayload("a.b"), undefined);
    });
    it("knows which keys are public", () => {
      assert.ok(isPublicKey(K.anon));
      assert.ok(isPublicKey(K.stripePublishable));
      assert.ok(isPublicKey(K.supabasePublishable));
      assert.ok(!isPublicKey(K.serviceRole));
      assert.ok(!isPublicKey(K.stripeLive));
      assert.ok(!isPublicKey(K.userJwt));
    });
    it("does not report anon or publishable keys as known formats", () => {
      assert.deepEqual(findKnownSecrets(`${K.anon} ${K.supabasePublishable} ${K.stripePublishable}`), []);
    });
  });

  describe("findKnownSecrets", () => {
    it("finds a key inside text, at a word boundary only", () => {
      const text = `export OPENAI_API_KEY=${K.openaiProject} # prod`;
      const found = findKnownSecrets(text);
      assert.deepEqual(
        found.map((f) => [f.start, f.end, f.envName]),
        [[22, 22 + K.openaiProject.length, "OPENAI_API_KEY"]],
      );
      assert.deepEqual(findKnownSecrets(`task${K.openaiProject.slice(2)}`), []);
      assert.deepEqual(findKnownSecrets(`X${K.awsId}`), []);
      assert.deepEqual(findKnownSecrets(`${K.awsId}Z`), []);
    });
    it("the prefix pre-check is cheap and exact", () => {
      assert.ok(mayContainKnownSecret(`x ${K.google}`));
      assert.ok(!mayContainKnownSecret("Hello, world: an ordinary string with no key prefixes at all"));
    });
    it("excludes local and placeholder database URLs", () => {
      const urls = [
        "postgres://postgres:postgres@localhost:5432/app",
        "postgresql://user:password@127.0.0.1/app",
        "mysql://root:root@db:3306/app",
        "mongodb://admin:admin123@mongo:27017",
        "redis://:secret@redis.local:6379",
        "amqp://guest:guest@rabbitmq.company.io:5672",
        "postgres://app:${DB_PASSWORD}@db.company.io/app",
        "postgres://app:%PASSWORD%@db.company.io/app",
        "postgres://app:xxxxxxxx@db.company.io/app",
        "postgres://app@db.company.io/app",
      ];
      for (const [i, u] of urls.entries()) assert.deepEqual(findKnownSecrets(u), [], `url #${i}`);
      assert.equal(findKnownSecrets(`amqps://worker:${fake("amqp", 20)}@rabbit.company.io/vhost`)[0]?.envName, "AMQP_URL");
      assert.equal(findKnownSecrets(`mssql://sa:${fake("mssql", 20)}@sql.company.io:1433/db`)[0]?.envName, "DATABASE_URL");
    });
    it("knows local hosts", () => {
      for (const h of [
        "localhost",
        "127.0.0.1",
        "0.0.0.0",
        "[::1]",
        "host.docker.internal",
        "db",
        "postgres",
        "api.localhost",
        "x.test",
        "db.example.com",
      ])
        assert.ok(isLocalHost(h), h);
      for (const h of ["db.company.io", "10.0.0.4", "cluster0.x.mongodb.net"]) assert.ok(!isLocalHost(h), h);
    });
  });

  describe("secret-like names", () => {
    const secretNames = [
      "apiKey",
      "api_key",
      "API_KEY",
      "x-api-key",
      "openaiApiKey",
      "stripeKey",
      "token",
      "accessToken",
      "refreshToken",
      "X-Auth-Token",
      "secret",
      "clientSecret",
      "webhookSecret",
      "password",
      "dbPassword",
      "DB_PASS",
      "passwd",
      "pwd",
      "authorization",
      "Authorization",
      "authHeader",
      "credentials",
      "auth",
      "basicAuth",
      "accessKey",
      "privateKey",
      "secretAccessKey",
      "APIKEY",
      "apiKeyProd",
      "OPENAI_API_KEY_2",
      "tokenValue",
      "signingKey",
      "apiKey2",
      "token1",
    ];
    const otherNames = [
      "maxTokens",
      "max_tokens",
      "tokenizer",
      "tokenUrl",
      "tokenEndpoint",
      "TOKEN_HEADER",
      "secretName",
      "secretArn",
      "passwordField",
      "passwordHash",
      "tokenCount",
      "keyId",
      "key",
      "cacheKey",
      "sortKey",
      "partitionKey",
      "idempotencyKey",
      "publicKey",
      "anonKey",
      "publishableKey",
      "NEXT_PUBLIC_API_KEY",
      "nextToken",
      "pageToken",
      "eosToken",
      "tokenType",
      "authUrl",
      "authorizationUrl",
      "mockApiKey",
      "apiKeyEnvVar",
      "tokenKey",
      "storageKey",
      "bypass",
      "oauth",
    ];
    secretNames.forEach((n) => it(`${n} is secret-like`, () => assert.ok(secretNameKind(n))));
    otherNames.forEach((n) => it(`${n} is not secret-like`, () => assert.equal(secretNameKind(n), undefined)));
    it("names the kind", () => {
      assert.equal(secretNameKind("apiKey"), "API key");
      assert.equal(secretNameKind("authToken"), "token");
      assert.equal(secretNameKind("DB_PASSWORD"), "password");
      assert.equal(secretNameKind("clientSecret"), "secret");
      assert.equal(secretNameKind("Authorization"), "credential");
      assert.equal(secretNameKind("privateKey"), "private key");
    });
    it("knows AWS secret access key names", () => {
      for (const n of ["secretAccessKey", "aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "awsSecret"]) assert.ok(isAwsSecretName(n), n);
      assert.ok(!isAwsSecretName("accessKeyId"));
    });
  });

  describe("looksLikeGenericSecret", () => {
    const opts = { minEntropy: 3.5, minLength: 16 };
    it("accepts random values", () => {
      for (const v of [K.generic, K.generic2, K.hexKey, K.awsSecret, K.userJwt])
        assert.ok(looksLikeGenericSecret(v, opts), "a random value was rejected");
    });
    it("rejects values that are not credentials", () => {
      const values = [
        "short",
        "a value with spaces in it",
        "https://api.company.io/v1/keys",
        "data:image/png;base64,iVBORw0KGgo",
        "/var/task/secrets/key.pem",
        "./config/key.json",
        "src/config/credentials.json",
        "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "OPENAI_API_KEY_PROD_2",
        "openaiApiKeyFromEnvironment",
        "sentence-like-kebab-words",
        "abcdefghijklmnopqrstuvwxyz",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        K.anon,
        K.stripePublishable,
      ];
      values.forEach((v, i) => assert.ok(!looksLikeGenericSecret(v, opts), `value #${i}`));
    });
    it("honours minLength and minEntropy", () => {
      assert.ok(!looksLikeGenericSecret(K.generic, { minEntropy: 3.5, minLength: 33 }));
      assert.ok(!looksLikeGenericSecret(K.generic, { minEntropy: 6, minLength: 16 }));
    });
    it("splits auth schemes", () => {
      assert.deepEqual(splitAuthScheme("Bearer abc"), { scheme: "Bearer", credential: "abc", offset: 7 });
      assert.deepEqual(splitAuthScheme("Basic  dXNlcg=="), { scheme: "Basic", credential: "dXNlcg==", offset: 7 });
      assert.equal(splitAuthScheme("abc def ghi"), undefined);
    });
  });

  describe("cookedToRaw and isInComment (rule internals)", () => {
    it("maps cooked offsets through escapes", () => {
      assert.deepEqual(cookedToRaw("abc", 3), [0, 1, 2, 3]);
      assert.deepEqual(cookedToRaw("a\\nb", 3), [0, 1, 3, 4]);
      assert.deepEqual(cookedToRaw("\\u0041\\x42c", 3), [0, 6, 10, 11]);
      assert.deepEqual(cookedToRaw("a\\\nb", 2), [0, 3, 4]);
      assert.deepEqual(cookedToRaw("\\u{1F511}x", 3), [0, 0, 9, 10]);
      assert.equal(cookedToRaw("abc", 5), undefined);
    });
    it("finds comments, not strings", () => {
      const text = `// a\nconst x = "b" /* c */;\nf(/* d */);\nconst t = \`e \${g /* f */}\`;\n/** g */\n`;
      const sf = ts.createSourceFile("x.ts", text, ts.ScriptTarget.Latest, true);
      const pos = (s: string) => text.indexOf(s);
      assert.ok(isInComment(sf, pos(" a") + 1));
      assert.ok(!isInComment(sf, pos('"b"') + 1));
      assert.ok(isInComment(sf, pos("c */")));
      assert.ok(isInComment(sf, pos("d */")));
      assert.ok(!isInComment(sf, pos("e $")));
      assert.ok(isInComment(sf, pos("f */")));
      assert.ok(isInComment(sf, pos("g */")));
      assert.ok(!isInComment(sf, pos("const x")));
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Annotated fixtures

describeAnnotatedFixtures("hardcoded-secret fixtures", path.join(__dirname, "..", "fixtures", "rules", "hardcoded-secret"));
