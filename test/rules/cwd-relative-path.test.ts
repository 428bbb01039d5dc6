import * as assert from "node:assert/strict";
import * as path from "node:path";
import rule from "../../rules/cwd-relative-path";
import { applyFirstFixes, lintCase, runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

const ESM = { "package.json": '{ "name": "agent", "type": "module" }' };
const LANGGRAPH = { ...ESM, "langgraph.json": '{ "graphs": { "agent": "./src/agent.ts:graph" } }' };
const LAMBDA = { ...ESM, "template.yaml": "Resources: {}\n" };
const REGISTRY = `import fs from "node:fs";
import path from "node:path";
export class Registry {
  constructor(private readonly dir: string) {}
  list() { return fs.readdirSync(this.dir); }
  read(name: string) { return fs.readFileSync(path.join(this.dir, name), "utf8"); }
}
`;
const URL_FIX = (p: string) => `Resolve it from the module: new URL("${p}", import.meta.url)`;

const valid: ValidCase[] = [
  {
    // Issue 16: the constructor parameter is a path, and this one is resolved from the module.
    name: "a class given a path resolved from the module, in another module",
    filename: "src/agent.ts",
    files: { ...LANGGRAPH, "src/registry.ts": REGISTRY },
    code: `import { fileURLToPath } from "node:url";
import { Registry } from "./registry.js";
export const prompts = new Registry(process.env.PROMPTS_DIR ?? fileURLToPath(new URL("../prompts", import.meta.url)));
`,
  },
  {
    name: "a constructor parameter kept in a field that is not a path (a name)",
    filename: "src/agent.ts",
    files: LANGGRAPH,
    code: `import fs from "node:fs";
export class Prompt {
  constructor(private readonly name: string) {}
  load() { return fs.readFileSync(new URL(\`../prompts/\${this.name}.md\`, import.meta.url), "utf8"); }
}
export const system = new Prompt("system");
`,
  },
  {
    name: "a constructor parameter kept in a field the class assigns again",
    filename: "src/agent.ts",
    files: LANGGRAPH,
    code: `import fs from "node:fs";
export class Registry {
  private dir: string;
  constructor(dir: string) { this.dir = dir; }
  useDefault() { this.dir = "/srv/prompts"; }
  list() { return fs.readdirSync(this.dir); }
}
export const prompts = new Registry("prompts");
`,
  },
  {
    name: "a class field the constructor sets again is not followed",
    filename: "src/registry.ts",
    files: LANGGRAPH,
    code: `import * as fs from "node:fs";
export class PromptRegistry {
  private dir = "./prompts";
  constructor(dir?: string) { if (dir) this.dir = dir; }
  list() { return fs.readdirSync(this.dir); }
}
`,
  },
  {
    name: "a class field folder the class creates before writing into it",
    filename: "src/store.ts",
    files: ESM,
    code: `import { promises as fs } from "node:fs";
import { join } from "node:path";
export class FileStore {
  private readonly dataDir = "./data";
  async save(id: string, v: unknown) {
    await fs.mkdir(this.dataDir, { recursive: true });
    await fs.writeFile(join(this.dataDir, id + ".json"), JSON.stringify(v));
  }
}
`,
  },
  {
    name: "new URL relative to import.meta.url",
    code: `import { readFileSync } from "node:fs";\nconst p = readFileSync(new URL("../prompts/system.md", import.meta.url), "utf8");`,
    files: ESM,
  },
  {
    name: "path.join(__dirname, ...)",
    code: `const fs = require("fs");\nconst path = require("path");\nconst p = fs.readFileSync(path.join(__dirname, "..", "prompts", "system.md"), "utf8");`,
  },
  { name: "path.resolve(__dirname, ...)", code: `import path from "node:path";\nexport const dir = path.resolve(__dirname, "prompts");` },
  {
    name: "import.meta.dirname",
    code: `import { readFile } from "node:fs/promises";\nimport path from "node:path";\nconst p = await readFile(path.join(import.meta.dirname, "prompts/system.md"), "utf8");`,
    files: ESM,
  },
  {
    name: "a template rooted at __dirname",
    code: 'import fs from "node:fs";\nconst p = fs.readFileSync(`${__dirname}/prompts/system.md`, "utf8");',
  },
  {
    name: "fileURLToPath(new URL(...))",
    code: `import { readFileSync } from "node:fs";\nimport { fileURLToPath } from "node:url";\nconst p = readFileSync(fileURLToPath(new URL("./a.md", import.meta.url)));`,
    files: ESM,
  },
  {
    name: "an absolute path from config",
    code: `import { readFileSync } from "node:fs";\nconst cert = readFileSync("/etc/ssl/certs/ca.pem");\nconst c = readFileSync(config.promptPath, "utf8");`,
  },
  {
    name: "an absolute path from the environment",
    code: `import { readFileSync } from "node:fs";\nconst c = readFileSync(process.env.PROMPT_PATH ?? "/opt/prompts/system.md", "utf8");`,
  },
  {
    name: "os.tmpdir()",
    code: `import fs from "node:fs";\nimport os from "node:os";\nimport path from "node:path";\nfs.writeFileSync(path.join(os.tmpdir(), "out.json"), "{}");`,
  },
  {
    name: "process.cwd() used for logging only",
    code: `console.info("starting in", process.cwd());\nconst info = { cwd: process.cwd() };`,
  },
  {
    name: "path.join(process.cwd()) with no relative part",
    code: `import path from "node:path";\nexport const resolveUserPath = (p: string) => path.join(process.cwd(), p);`,
  },
  {
    name: "path.join of relative segments not handed to fs (a key, a URL path)",
    code: `import path from "node:path";\nconst key = path.join("tenants", id, "profile.json");`,
  },
  {
    name: "path.resolve with a later absolute segment",
    code: `import path from "node:path";\nconst p = path.resolve("x", "/etc/app.conf");`,
  },
  { name: "a readFile method of another object", code: `await storage.readFile("./a.md");\nawait this.fs.readFileSync("b.md");` },
  { name: "a local function named readFileSync", code: `function readFileSync(p: string) { return p; }\nreadFileSync("./a.md");` },
  {
    name: "a file URL",
    code: `import { readFileSync } from "node:fs";\nreadFileSync(new URL("file:///etc/hosts"));\nreadFileSync("file:///etc/hosts");`,
  },
  { name: "a stdin read by file descriptor", code: `import { readFileSync } from "node:fs";\nconst input = readFileSync(0, "utf8");` },
  { name: "dotenv with no path", code: `import "dotenv/config";\nimport dotenv from "dotenv";\ndotenv.config();` },
  {
    name: "dotenv with a module-relative path",
    code: `import dotenv from "dotenv";\nimport path from "node:path";\ndotenv.config({ path: path.join(__dirname, "../.env") });`,
  },
  { name: "config() of another library", code: `import { config } from "./settings.js";\nconfig({ path: "./.env" });` },
  { name: "new URL against a base URL", code: `export const u = (req: { url: string }) => new URL(req.url, "http://localhost");` },
  {
    name: "a test file (production rules skip tests)",
    filename: "test/agent.test.ts",
    code: `import { readFileSync } from "node:fs";\nconst fixture = readFileSync("./test/fixtures/a.json", "utf8");`,
  },
  {
    name: "a script run from the project root by npm",
    filename: "scripts/seed.ts",
    code: `import { readFileSync } from "node:fs";\nconst rows = readFileSync("./data/seed.json", "utf8");`,
  },
  {
    name: "a tool config in the project root",
    filename: "vite.config.ts",
    code: `import path from "node:path";\nexport default { resolve: { alias: { "@": path.resolve("./src") } } };`,
  },
  {
    name: "an rc file in the project root",
    filename: ".eslintrc.cjs",
    code: `const fs = require("fs");\nmodule.exports = JSON.parse(fs.readFileSync("eslint-base.json", "utf8"));`,
  },
  {
    name: "a parameter that shadows a module-level const (minified code)",
    code: `import fs from "node:fs";\nconst t = "default";\nexport const readJson = (t: string) => JSON.parse(fs.readFileSync(t, "utf8"));`,
  },
  {
    name: "a loop variable that shadows a module-level const",
    code: `import fs from "node:fs";\nconst f = "./a.json";\nexport function all(files: string[]) {\n  for (const f of files) fs.readFileSync(f);\n}`,
  },
  {
    name: "a let (it may be reassigned before use)",
    code: `import fs from "node:fs";\nlet p = "./a.json";\nexport const setPath = (x: string) => (p = x);\nexport const read = () => fs.readFileSync(p);`,
  },
  { name: "a const that is not a path argument", code: `const LABEL = "./prompts";\nconsole.info(LABEL);` },
  // --- where the working directory is right, or does not matter ---
  {
    name: "a path the environment overrides (the deploy's choice) is not a literal path",
    code: `import fs from "node:fs";\nexport const dir = process.env.DATA_DIR || "./data";\nfs.mkdirSync(process.env.CACHE_DIR ?? "./cache", { recursive: true });\nexport const read = () => fs.readdirSync(dir);`,
  },
  {
    name: "an env-conditional that picks a writable platform location",
    code: `import path from "node:path";\nimport os from "node:os";\nexport const cacheDir = process.env.VERCEL ? "/tmp/cache" : path.join(process.cwd(), ".cache");\nexport const tmp = process.env.AWS_LAMBDA_FUNCTION_NAME ? path.join(os.tmpdir(), "x") : path.resolve("tmp");`,
  },
  {
    name: "a runtime data folder the same file creates, and the paths under it",
    code: [
      `import * as fs from "fs";`,
      `import * as path from "path";`,
      `const root = process.cwd();`,
      `const activitiesDir = path.join(root, "activities");`,
      `if (!fs.existsSync(activitiesDir)) fs.mkdirSync(activitiesDir, { recursive: true });`,
      `fs.mkdirSync("data/sessions", { recursive: true });`,
      `export const save = (id: string, s: string) => fs.writeFileSync(path.join(activitiesDir, id + ".json"), s);`,
      `export const load = (id: string) => fs.readFileSync(\`data/sessions/\${id}.json\`, "utf8");`,
    ].join("\n"),
  },
  {
    name: "code that runs only when the file is started directly (import.meta.main, require.main === module)",
    files: ESM,
    code: [
      `import { writeFile } from "node:fs/promises";`,
      `async function drawGraph(): Promise<void> {`,
      `  await writeFile("graph.png", new Uint8Array());`,
      `}`,
      `if (import.meta.main) {`,
      `  await drawGraph();`,
      `  await writeFile("graph.json", "{}");`,
      `}`,
    ].join("\n"),
  },
  {
    name: "require.main === module in CommonJS",
    filename: "src/seed.js",
    code: `const fs = require("fs");\nif (require.main === module) fs.writeFileSync("seed.json", "[]");`,
  },
  {
    name: "development-only branches (NODE_ENV is not production)",
    code: `import { createLogger, transports } from "winston";\nimport fs from "node:fs";\nconst isProduction = process.env.NODE_ENV === "production";\nexport const logger = createLogger({ transports: isProduction ? [new transports.Console()] : [new transports.File({ filename: "logs/dev.log" })] });\nif (process.env.NODE_ENV !== "production") fs.writeFileSync("debug.json", "{}");`,
  },
  {
    name: "dotenv in a Next.js unit (Next loads .env itself)",
    filename: "src/app/api/chat/route.ts",
    files: { "package.json": '{ "name": "web", "dependencies": { "next": "15.0.0" } }', "next.config.ts": "export default {};\n" },
    code: `import dotenv from "dotenv";\ndotenv.config({ path: "./env" });\nexport async function POST() { return new Response("ok"); }`,
  },
  {
    name: "a read in a container that starts in a copy of the project (WORKDIR + COPY . .)",
    files: {
      "package.json": '{ "name": "bot" }',
      Dockerfile: 'FROM node:22\nWORKDIR /usr/src/app\nCOPY . .\nCMD ["node", "src/file.js"]\n',
    },
    code: `import { access, readFile } from "node:fs/promises";\nexport const debug = () => access(process.cwd() + "/DEBUG");\nexport const prompt = () => readFile("prompts/system.md", "utf8");`,
  },
  {
    name: "winston logs with an absolute or module-relative dirname",
    code: `import winston from "winston";\nimport DailyRotateFile from "winston-daily-rotate-file";\nimport path from "node:path";\nexport const t = [new winston.transports.File({ dirname: "/var/log/app", filename: "app.log" }), new DailyRotateFile({ dirname: path.join(__dirname, "logs"), filename: "app-%DATE%.log" })];`,
  },
  {
    name: "winston logs into a folder the container image creates under its WORKDIR",
    files: {
      "package.json": '{ "name": "bot" }',
      Dockerfile:
        'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm run build\nFROM node:20\nRUN mkdir -p /app/logs\nWORKDIR /app\nCOPY --from=build /app/dist ./dist\nCMD ["node", "dist/file.js"]\n',
    },
    code: `import winston from "winston";\nexport const logger = winston.createLogger({ transports: [new winston.transports.File({ filename: "logs/error.log", level: "error" })] });`,
  },
];

const invalid: InvalidCase[] = [
  {
    // Issue 16: a constructor parameter kept in a field that a method hands to fs; the path is the argument.
    name: 'new Registry(env ?? "prompts") of a class in this module that reads this.dir',
    filename: "src/agent.ts",
    files: LANGGRAPH,
    code: `import fs from "node:fs";
export class Registry {
  private dir: string;
  constructor(dir: string) { this.dir = dir; }
  list() { return fs.readdirSync(this.dir); }
}
export const prompts = new Registry(process.env.PROMPTS_DIR ?? "prompts");
`,
    errors: [{ messageId: "relative", line: 7, column: 64, endColumn: 73, messageIncludes: ["Registry's fs.readdirSync()", '"prompts"'] }],
  },
  {
    // The same class written as a class expression (`const Registry = class`), which the text gate reads too.
    name: 'new Registry("prompts") of a class expression in this module that reads this.dir',
    filename: "src/agent.ts",
    files: LANGGRAPH,
    code: `import fs from "node:fs";
export const Registry = class {
  private dir: string;
  constructor(dir: string) { this.dir = dir; }
  list() { return fs.readdirSync(this.dir); }
};
export const prompts = new Registry("prompts");
`,
    errors: [{ messageId: "relative", line: 7, column: 37, endColumn: 46, messageIncludes: ['"prompts"'] }],
  },
  {
    // Issue 16: the class lives in another module; the finding is where the path is written.
    name: 'new Registry("./prompts") of a class imported from another module (parameter property)',
    filename: "src/agent.ts",
    files: { ...LANGGRAPH, "src/registry.ts": REGISTRY },
    code: `import { Registry } from "./registry.js";
export const prompts = new Registry("./prompts");
`,
    errors: [
      {
        messageId: "relative",
        line: 2,
        column: 37,
        endColumn: 48,
        messageIncludes: ["Registry's fs.readdirSync()", '"./prompts"'],
        fixTitles: ['Resolve it from the module: fileURLToPath(new URL("../prompts", import.meta.url))'],
      },
    ],
    output: `import { Registry } from "./registry.js";
import { fileURLToPath } from "node:url";
export const prompts = new Registry(fileURLToPath(new URL("../prompts", import.meta.url)));
`,
  },
  {
    // Issue 16: the folder is a class field, the file path is built from it in another field.
    name: "a class field folder joined into another field and read in a method",
    filename: "src/registry.ts",
    files: LANGGRAPH,
    code: `import * as fs from "node:fs";
import { join } from "node:path";
export class PromptRegistry {
  private readonly dataDir = "./prompts";
  private readonly indexFile = join(this.dataDir, "index.json");
  load() { return JSON.parse(fs.readFileSync(this.indexFile, "utf8")); }
}
`,
    errors: [{ messageId: "relative", line: 4, column: 30, endColumn: 41, messageIncludes: ["readFileSync()", '"./prompts"'] }],
  },
  {
    name: "a module-level folder const joined with a file name",
    filename: "src/agent.ts",
    files: LANGGRAPH,
    code: `import { readFileSync } from "node:fs";
import path from "node:path";
const PROMPTS = "prompts";
export const load = (name: string) => readFileSync(path.join(PROMPTS, name + ".md"), "utf8");
`,
    errors: [{ messageId: "relative", line: 3, column: 17, endColumn: 26, messageIncludes: ["readFileSync()", '"prompts"'] }],
  },
  {
    name: "readFileSync of a prompt from src/agent.ts (ESM, LangGraph)",
    filename: "src/agent.ts",
    files: LANGGRAPH,
    code: `import { readFileSync } from "node:fs";\n\nconst SYSTEM_PROMPT = readFileSync("./prompts/system.md", "utf8");\n`,
    errors: [
      {
        messageId: "relative",
        line: 3,
        column: 36,
        endLine: 3,
        endColumn: 57,
        messageIncludes: ["readFileSync()", '"./prompts/system.md"'],
        detailIncludes: ["/deps/"],
        fixTitles: [URL_FIX("../prompts/system.md")],
      },
    ],
    output: `import { readFileSync } from "node:fs";\n\nconst SYSTEM_PROMPT = readFileSync(new URL("../prompts/system.md", import.meta.url), "utf8");\n`,
  },
  {
    name: "a file at the project root keeps ./",
    filename: "agent.ts",
    files: ESM,
    code: `import { readFileSync } from "node:fs";\nconst p = readFileSync('prompts/system.md', 'utf8');\n`,
    errors: [{ messageId: "relative", line: 2, column: 24, endColumn: 43 }],
    output: `import { readFileSync } from "node:fs";\nconst p = readFileSync(new URL('./prompts/system.md', import.meta.url), 'utf8');\n`,
  },
  {
    name: "fs/promises with a namespace import, single quotes",
    files: ESM,
    code: `import * as fsp from 'node:fs/promises';\nexport const load = () => fsp.readFile('data/catalog.json', 'utf8');\n`,
    errors: [{ messageId: "relative", line: 2, column: 40, endColumn: 59 }],
    output: `import * as fsp from 'node:fs/promises';\nexport const load = () => fsp.readFile(new URL('../data/catalog.json', import.meta.url), 'utf8');\n`,
  },
  {
    name: "fs.promises.readFile through a default import",
    files: ESM,
    code: `import fs from "fs";\nconst a = await fs.promises.readFile("./a.md", "utf8");\n`,
    errors: [{ messageId: "relative", line: 2, column: 38, endColumn: 46 }],
    output: `import fs from "fs";\nconst a = await fs.promises.readFile(new URL("../a.md", import.meta.url), "utf8");\n`,
  },
  {
    name: "import { promises as fs } and an aliased reader",
    files: ESM,
    code: `import { promises as fs, readFileSync as read } from "node:fs";\nawait fs.readdir("./prompts");\nread("./b.md");\n`,
    errors: [
      { messageId: "relative", line: 2, column: 18, endColumn: 29 },
      { messageId: "relative", line: 3, column: 6, endColumn: 14 },
    ],
    output: `import { promises as fs, readFileSync as read } from "node:fs";\nawait fs.readdir(new URL("../prompts", import.meta.url));\nread(new URL("../b.md", import.meta.url));\n`,
  },
  {
    name: "a template path: only its folder part moves",
    files: ESM,
    code: 'import { readFile } from "node:fs/promises";\nexport const prompt = (name: string) => readFile(`./prompts/${name}.md`, "utf8");\n',
    errors: [{ messageId: "relative", line: 2, column: 50, endColumn: 72, messageIncludes: ["./prompts/${name}.md"] }],
    output:
      'import { readFile } from "node:fs/promises";\nexport const prompt = (name: string) => readFile(new URL(`../prompts/${name}.md`, import.meta.url), "utf8");\n',
  },
  {
    name: "CommonJS: path.join(__dirname, ...), with path already required",
    filename: "src/worker.js",
    code: `const fs = require("fs");\nconst path = require("path");\nconst settings = fs.readFileSync("config/settings.json", "utf8");\n`,
    errors: [{ messageId: "relative", line: 3, column: 34, endColumn: 56 }],
    output: `const fs = require("fs");\nconst path = require("path");\nconst settings = fs.readFileSync(path.join(__dirname, "../config/settings.json"), "utf8");\n`,
  },
  {
    name: "CommonJS without path: a require is added after the others",
    filename: "src/worker.js",
    code: `'use strict';\nconst fs = require('fs');\n\nmodule.exports = () => fs.createReadStream('./data/big.csv');\n`,
    errors: [{ messageId: "relative", line: 4, column: 44, endColumn: 60 }],
    output: `'use strict';\nconst fs = require('fs');\nconst path = require('node:path');\n\nmodule.exports = () => fs.createReadStream(path.join(__dirname, '../data/big.csv'));\n`,
  },
  {
    name: "CommonJS TypeScript with esModuleInterop: a default import is added",
    code: `import * as fs from "fs";\n\nexport const read = () => fs.readFileSync("prompts/a.md", "utf8");\n`,
    files: { "tsconfig.json": '{ "compilerOptions": { "module": "commonjs", "esModuleInterop": true } }' },
    errors: [{ messageId: "relative", line: 3, column: 43, endColumn: 57 }],
    output: `import * as fs from "fs";\nimport path from "node:path";\n\nexport const read = () => fs.readFileSync(path.join(__dirname, "../prompts/a.md"), "utf8");\n`,
  },
  {
    name: "CommonJS TypeScript without esModuleInterop: a namespace import, renamed when `path` is taken",
    code: `import { readFileSync } from "fs";\n\nexport function load(path: string) {\n  return readFileSync("./prompts/" + path) + readFileSync("./base.md");\n}\n`,
    errors: [{ messageId: "relative", line: 4, column: 59, endColumn: 70 }],
    output: `import { readFileSync } from "fs";\nimport * as nodePath from "node:path";\n\nexport function load(path: string) {\n  return readFileSync("./prompts/" + path) + readFileSync(nodePath.join(__dirname, "../base.md"));\n}\n`,
  },
  {
    name: "path.join(process.cwd(), ...) in ESM becomes fileURLToPath(new URL(...)), the import added once",
    files: ESM,
    code: `import path from "node:path";\nimport { readFile } from "node:fs/promises";\n\nconst PROMPTS = path.join(process.cwd(), "prompts", "system.md");\n`,
    errors: [
      {
        messageId: "cwd",
        line: 4,
        column: 17,
        endColumn: 65,
        fixTitles: ['Resolve it from the module: fileURLToPath(new URL("../prompts/system.md", import.meta.url))'],
      },
    ],
    output: `import path from "node:path";\nimport { readFile } from "node:fs/promises";\nimport { fileURLToPath } from "node:url";\n\nconst PROMPTS = fileURLToPath(new URL("../prompts/system.md", import.meta.url));\n`,
  },
  {
    name: "path.join(process.cwd(), dir, name) keeps the non-literal rest",
    files: ESM,
    code: `import path from "node:path";\nimport { fileURLToPath } from "node:url";\nexport const promptPath = (name: string) => path.join(process.cwd(), "prompts", name);\n`,
    errors: [{ messageId: "cwd", line: 3, column: 45, endColumn: 86 }],
    output: `import path from "node:path";\nimport { fileURLToPath } from "node:url";\nexport const promptPath = (name: string) => path.join(fileURLToPath(new URL("../prompts", import.meta.url)), name);\n`,
  },
  {
    name: "an existing node:url import takes fileURLToPath",
    files: ESM,
    code: `import path from "node:path";\nimport { pathToFileURL } from "node:url";\nexport const dir = path.resolve("prompts");\n`,
    errors: [{ messageId: "relative", line: 3, column: 20, endColumn: 43 }],
    output: `import path from "node:path";\nimport { pathToFileURL, fileURLToPath } from "node:url";\nexport const dir = fileURLToPath(new URL("../prompts", import.meta.url));\n`,
  },
  {
    name: "path.resolve(process.cwd(), ...) in CommonJS",
    code: `import * as path from "path";\nexport const dir = path.resolve(process.cwd(), "data");\n`,
    errors: [{ messageId: "cwd", line: 2, column: 20, endColumn: 55 }],
    output: `import * as path from "path";\nexport const dir = path.resolve(__dirname, "../data");\n`,
  },
  {
    name: "fs of path.join with a relative first segment",
    code: `import fs from "fs";\nimport path from "path";\nexport const read = (n: string) => fs.readFileSync(path.join("prompts", n));\n`,
    errors: [{ messageId: "relative", line: 3, column: 52, endColumn: 75 }],
    output: `import fs from "fs";\nimport path from "path";\nexport const read = (n: string) => fs.readFileSync(path.join(__dirname, "../prompts", n));\n`,
  },
  {
    name: "a template built from process.cwd() handed to fs",
    files: ESM,
    code: 'import { readFileSync } from "node:fs";\nconst p = readFileSync(`${process.cwd()}/prompts/system.md`);\n',
    errors: [{ messageId: "cwd", line: 2, column: 24, endColumn: 60 }],
    output: 'import { readFileSync } from "node:fs";\nconst p = readFileSync(new URL("../prompts/system.md", import.meta.url));\n',
  },
  {
    name: "process.cwd() + a path handed to fs",
    files: ESM,
    code: `import { existsSync } from "node:fs";\nexport const hasCache = existsSync(process.cwd() + "/.cache/index.json");\n`,
    errors: [{ messageId: "cwd", line: 2, column: 36, endColumn: 72 }],
    output: `import { existsSync } from "node:fs";\nexport const hasCache = existsSync(new URL("../.cache/index.json", import.meta.url));\n`,
  },
  {
    name: "a module-level const read by fs (fixed to a string path)",
    files: ESM,
    code: `import { readFileSync } from "node:fs";\nimport { fileURLToPath } from "node:url";\nconst PROMPT_PATH = "./prompts/system.md";\nexport const prompt = () => readFileSync(PROMPT_PATH, "utf8");\nexport const again = () => readFileSync(PROMPT_PATH, "utf8");\n`,
    errors: [{ messageId: "relative", line: 3, column: 21, endColumn: 42 }],
    output: `import { readFileSync } from "node:fs";\nimport { fileURLToPath } from "node:url";\nconst PROMPT_PATH = fileURLToPath(new URL("../prompts/system.md", import.meta.url));\nexport const prompt = () => readFileSync(PROMPT_PATH, "utf8");\nexport const again = () => readFileSync(PROMPT_PATH, "utf8");\n`,
  },
  {
    name: "a const declared in the function that reads it",
    files: ESM,
    code: `import { readFileSync } from "node:fs";\nexport function load() {\n  const file = "data/rates.json";\n  return JSON.parse(readFileSync(file, "utf8"));\n}\n`,
    errors: [{ messageId: "relative", line: 3, column: 16, endColumn: 33 }],
    output: `import { readFileSync } from "node:fs";\nimport { fileURLToPath } from "node:url";\nexport function load() {\n  const file = fileURLToPath(new URL("../data/rates.json", import.meta.url));\n  return JSON.parse(readFileSync(file, "utf8"));\n}\n`,
  },
  {
    name: "copyFile reports both paths",
    files: ESM,
    code: `import { copyFile } from "node:fs/promises";\nawait copyFile("a.json", "/tmp/a.json");\nawait copyFile("/tmp/b.json", "out/b.json");\n`,
    errors: [
      { messageId: "relative", line: 2, column: 16, endColumn: 24 },
      { messageId: "relative", line: 3, column: 31, endColumn: 43 },
    ],
  },
  {
    name: "dotenv.config({ path }) (dotenv accepts a URL)",
    files: ESM,
    code: `import dotenv from "dotenv";\ndotenv.config({ path: "./.env.local" });\n`,
    errors: [{ messageId: "relative", line: 2, column: 23, endColumn: 37 }],
    output: `import dotenv from "dotenv";\ndotenv.config({ path: new URL("../.env.local", import.meta.url) });\n`,
  },
  {
    name: "require('dotenv').config({ path })",
    filename: "src/index.js",
    code: `require("dotenv").config({ path: ".env.production" });\n`,
    errors: [{ messageId: "relative", line: 1, column: 34, endColumn: 51 }],
    output: `const path = require("node:path");\n\nrequire("dotenv").config({ path: path.join(__dirname, "../.env.production") });\n`,
  },
  {
    name: "process.loadEnvFile",
    files: ESM,
    code: `process.loadEnvFile(".env");\n`,
    errors: [{ messageId: "relative", line: 1, column: 21, endColumn: 27 }],
    output: `process.loadEnvFile(new URL("../.env", import.meta.url));\n`,
  },
  {
    name: "new URL against process.cwd()",
    files: ESM,
    code: `const u = new URL("data/a.json", "file://" + process.cwd() + "/");\n`,
    errors: [{ messageId: "relative", line: 1, column: 11, endColumn: 66 }],
    output: `const u = new URL("../data/a.json", import.meta.url);\n`,
  },
  {
    name: "a LangChain file loader needs a string",
    files: LANGGRAPH,
    code: `import { TextLoader } from "langchain/document_loaders/fs/text";\nconst docs = await new TextLoader("./docs/faq.txt").load();\n`,
    errors: [{ messageId: "relative", line: 2, column: 35, endColumn: 51, messageIncludes: ["new TextLoader()"] }],
    output: `import { TextLoader } from "langchain/document_loaders/fs/text";\nimport { fileURLToPath } from "node:url";\nconst docs = await new TextLoader(fileURLToPath(new URL("../docs/faq.txt", import.meta.url))).load();\n`,
  },
  {
    name: "a write on Lambda: /var/task is read-only (no fix)",
    files: LAMBDA,
    code: `import { writeFileSync } from "node:fs";\nexport const handler = async (event: unknown, context: unknown) => writeFileSync("out.json", "{}");\n`,
    errors: [{ messageId: "lambdaWrite", line: 2, column: 82, endColumn: 92, messageIncludes: ["EROFS"], detailIncludes: ["os.tmpdir()"] }],
    output: null,
  },
  {
    name: "tsc emits to dist/: the path is computed from where the module runs",
    filename: "src/handlers/order.ts",
    files: { ...LAMBDA, "tsconfig.json": '{ "compilerOptions": { "rootDir": ".", "outDir": "dist" } }' },
    code: `import { readFileSync } from "node:fs";\nconst t = readFileSync("templates/receipt.html", "utf8");\n`,
    errors: [{ messageId: "relative", line: 2, column: 24, endColumn: 48 }],
    output: `import { readFileSync } from "node:fs";\nconst t = readFileSync(new URL("../../../templates/receipt.html", import.meta.url), "utf8");\n`,
  },
  {
    name: "an app's own config module is production code",
    filename: "src/config.ts",
    code: `import { readFileSync } from "fs";\nexport const settings = JSON.parse(readFileSync("settings.json", "utf8"));\n`,
    errors: [{ messageId: "relative", line: 2, column: 49, endColumn: 64 }],
  },
  {
    name: "a *.config.ts file inside src is production code",
    filename: "src/app.config.ts",
    code: `import { readFileSync } from "fs";\nexport const settings = readFileSync("settings.json", "utf8");\n`,
    errors: [{ messageId: "relative", line: 2, column: 38, endColumn: 53 }],
  },
  {
    name: "fs-extra readJson",
    code: `import fse from "fs-extra";\nexport const cfg = () => fse.readJson("config.json");\n`,
    errors: [{ messageId: "relative", line: 2, column: 39, endColumn: 52 }],
  },
  {
    name: 'require("path").resolve(...) inline, in CommonJS',
    filename: "src/index.js",
    code: `exports.dir = require("path").resolve("prompts");\n`,
    errors: [{ messageId: "relative", line: 1, column: 15, endColumn: 49 }],
    output: `exports.dir = require("path").resolve(__dirname, "../prompts");\n`,
  },
  {
    name: "a file without import declarations gets the import after its header comment",
    files: ESM,
    code: `// Loads the system prompt.\n\nconst { readFileSync } = await import("node:fs");\nconst PROMPT = "prompts/system.md";\nexport const prompt = readFileSync(PROMPT, "utf8");\n`,
    errors: [{ messageId: "relative", line: 4, column: 16, endColumn: 35 }],
    output: `// Loads the system prompt.\n\nimport { fileURLToPath } from "node:url";\n\nconst { readFileSync } = await import("node:fs");\nconst PROMPT = fileURLToPath(new URL("../prompts/system.md", import.meta.url));\nexport const prompt = readFileSync(PROMPT, "utf8");\n`,
  },
  {
    name: "a file without semicolons gets none",
    files: ESM,
    code: `import path from "node:path"\nexport const dir = path.resolve("prompts")\n`,
    errors: [{ messageId: "relative", line: 2, column: 20, endColumn: 43 }],
    output: `import path from "node:path"\nimport { fileURLToPath } from "node:url"\nexport const dir = fileURLToPath(new URL("../prompts", import.meta.url))\n`,
  },
  // --- aliases, templates, winston, and where the exemptions stop ---
  {
    name: "an alias of process.cwd() and a template segment are the same path as the inline forms",
    code: `import path from "node:path";\nconst root = process.cwd();\nexport const db = path.resolve(root, "data/x.db");\nexport const out = (id: string) => path.join(process.cwd(), \`out/\${id}.json\`);`,
    errors: [
      { messageId: "cwd", line: 3, column: 19, endColumn: 50 },
      { messageId: "cwd", line: 4, column: 36, endColumn: 78 },
    ],
  },
  {
    name: "an env-conditional whose both branches are cwd-relative",
    code: `import path from "node:path";\nexport const dir = process.env.CI ? path.join(process.cwd(), "ci-cache") : path.join(process.cwd(), ".cache");`,
    errors: [
      { messageId: "cwd", line: 2, column: 37 },
      { messageId: "cwd", line: 2, column: 76 },
    ],
  },
  {
    name: "a read of a folder the file does not create",
    code: `import fs from "node:fs";\nfs.mkdirSync("cache", { recursive: true });\nexport const seed = fs.readFileSync("data/seed.json", "utf8");`,
    errors: [{ messageId: "relative", line: 3, column: 37 }],
  },
  {
    name: "a folder created under /var/task on Lambda still fails (read-only)",
    files: LAMBDA,
    target: "lambda",
    code: `import fs from "node:fs";\nfs.mkdirSync("out", { recursive: true });\nexport const save = () => fs.writeFileSync("out/x.json", "{}");`,
    errors: [
      { messageId: "lambdaWrite", line: 2, column: 14 },
      { messageId: "lambdaWrite", line: 3, column: 44 },
    ],
  },
  {
    name: "a direct-run helper that the module also calls on import",
    files: ESM,
    code: `import { writeFile } from "node:fs/promises";\nasync function drawGraph() {\n  await writeFile("graph.png", "");\n}\nawait drawGraph();\nif (import.meta.main) await drawGraph();`,
    errors: [{ messageId: "relative", line: 3, column: 19 }],
  },
  {
    name: "winston File and DailyRotateFile transports with a cwd-relative filename or dirname",
    code: `import winston from "winston";\nimport DailyRotateFile from "winston-daily-rotate-file";\nexport const t = [\n  new winston.transports.File({ filename: "logs/error.log" }),\n  new DailyRotateFile({ dirname: "logs", filename: "app-%DATE%.log" }),\n];`,
    errors: [
      { messageId: "logFile", line: 4, column: 43, messageIncludes: ['new winston.transports.File() logs to "logs/error.log"'] },
      { messageId: "logFile", line: 5, column: 34 },
    ],
  },
  {
    name: "a container that does not copy the project: the read is reported, naming its WORKDIR",
    files: {
      "package.json": '{ "name": "bot" }',
      Dockerfile: 'FROM node:22\nWORKDIR /usr/src/app\nCOPY package.json ./\nCMD ["node", "src/file.js"]\n',
    },
    code: `import { readFile } from "node:fs/promises";\nexport const prompt = () => readFile("prompts/system.md", "utf8");`,
    errors: [{ messageId: "relative", line: 2, column: 38, detailIncludes: ["the container starts in its WORKDIR, /usr/src/app"] }],
  },
  {
    name: "a write in a container that copies the project is still reported",
    files: {
      "package.json": '{ "name": "agent" }',
      Dockerfile: 'FROM node:22\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "src/file.js"]\n',
    },
    code: `import fs from "node:fs";\nexport const save = (md: string) => fs.writeFileSync("report.md", md);`,
    errors: [{ messageId: "relative", line: 2, column: 54, detailIncludes: ["/app"] }],
  },
];

runRuleTests(rule, { valid, invalid });

describe("cwd-relative-path fixes", () => {
  for (const c of invalid.filter((i) => typeof i.output === "string")) {
    it(`${c.name}: the fixed file has no finding left`, () => {
      const { findings } = lintCase(rule, c);
      const fixed = applyFirstFixes(c.code, findings);
      assert.deepEqual(
        lintCase(rule, { ...c, code: fixed }).findings.map((f) => f.message),
        [],
      );
    });
  }

  it("fixes are suggestions (they change which file is read)", () => {
    const { findings } = lintCase(rule, invalid[0]);
    assert.deepEqual(
      findings.flatMap((f) => f.fixes.map((x) => x.kind)),
      ["suggestion"],
    );
  });

  it("scripts/ is a script folder by its role; the scriptFolders option adds others, config roles bring scripts/ back", () => {
    const c = { filename: "scripts/seed.ts", code: `import { readFileSync } from "node:fs";\nreadFileSync("./data/seed.json");\n` };
    assert.equal(lintCase(rule, c).findings.length, 0);
    assert.equal(
      lintCase(rule, { ...c, options: { scriptFolders: [] } }).findings.length,
      0,
      "the role, not the option, keeps scripts/ quiet",
    );
    const ops = { ...c, filename: "ops/load.ts" };
    assert.equal(lintCase(rule, ops).findings.length, 1);
    assert.equal(lintCase(rule, { ...ops, options: { scriptFolders: ["ops"] } }).findings.length, 0);
    const asServer = {
      ...c,
      options: { scriptFolders: [] },
      files: { "deploygap.config.json": JSON.stringify({ roles: { "scripts/**": "server" } }) },
    };
    assert.equal(lintCase(rule, asServer).findings.length, 1);
  });
});

describeAnnotatedFixtures("cwd-relative-path annotated fixtures", path.join(__dirname, "..", "fixtures", "rules", "cwd-relative-path"));
