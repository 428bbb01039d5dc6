// One detector per kind of deploy config: each reads its marker file and returns the units it declares
// (root, target, runtime, bundler, entries, limits, env). They only read text; no code is run.
import path = require("node:path");
import YAML = require("yaml");
import type { Bundler, DeployUnit, PlatformLimits, ProjectHost, UnitKind } from "../../../../rules/api/types";
import { PLATFORM_DEFAULTS } from "../../../../rules/catalog/platforms";
import { cdkFunctions, cdkGatewayOf } from "../../../../rules/semantic/cdk";
import { findSource, findSourceOrOrigin, handlerModule, scriptEntry } from "./entries";
import type { Marker } from "./markers";
import type { LooseJson } from "../json";

export interface PackageJson {
  name?: string;
  main?: string;
  type?: string;
  bin?: string | Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface DetectContext {
  host: ProjectHost;
  readJson(file: string): LooseJson;
  packageJson(dir: string): PackageJson | undefined;
}

type Draft = Omit<DeployUnit, "limits"> & { limits?: Partial<PlatformLimits> };

function limitsFor(kind: UnitKind | "vercel" | "workers", own: Partial<PlatformLimits> = {}): PlatformLimits {
  const d = PLATFORM_DEFAULTS[kind];
  const sources = [...(own.sources ?? [])];
  if (d) sources.push(d.source);
  return {
    requestSeconds: own.requestSeconds ?? d?.requestSeconds,
    gateway: own.gateway,
    memoryMb: own.memoryMb ?? d?.memoryMb,
    cwd: own.cwd ?? d?.cwd,
    writable: own.writable ?? d?.writable,
    sources,
  };
}

function unit(d: Draft, limitsKind: UnitKind | "vercel" | "workers" = d.kind): DeployUnit {
  return { ...d, limits: limitsFor(limitsKind, d.limits) };
}

const deps = (pkg: PackageJson | undefined): Record<string, string> => ({ ...(pkg?.dependencies ?? {}), ...(pkg?.devDependencies ?? {}) });

/** The bundler a package builds with, read from its scripts, dependencies and config files. */
export function bundlerOf(ctx: DetectContext, dir: string): Bundler {
  const pkg = ctx.packageJson(dir);
  const scripts = Object.values(pkg?.scripts ?? {}).join(" ; ");
  const d = deps(pkg);
  if (/\bnext build\b/.test(scripts) || d.next) return "next";
  if (/\bmastra build\b/.test(scripts)) return "mastra";
  if (/\bwrangler (deploy|publish)\b/.test(scripts) || d.wrangler) return "wrangler";
  if (/\btsup\b/.test(scripts) || d.tsup) return "tsup";
  if (/\besbuild\b/.test(scripts)) return "esbuild";
  if (/\bwebpack\b/.test(scripts)) return "webpack";
  if (/\bvite build\b/.test(scripts)) return "vite";
  if (/\brollup\b/.test(scripts)) return "rollup";
  if (/\bncc build\b/.test(scripts)) return "ncc";
  if (/\bbun build\b/.test(scripts)) return "bun";
  if (/\b(tsc|nest build)\b/.test(scripts)) return "tsc";
  const listing = ctx.host.readDirectory(dir) ?? [];
  for (const e of listing) {
    const m = /^(esbuild|webpack|rollup|tsup|vite)\.config\.[cm]?[jt]s$/.exec(e.name);
    if (m) return m[1] as Bundler;
  }
  return "none";
}

function readYaml(ctx: DetectContext, file: string): LooseJson {
  const text = ctx.host.readFile(file);
  if (text === undefined || text.length > 512 * 1024) return undefined;
  try {
    // CloudFormation short forms (!Ref, !Sub, !GetAtt...) are read as plain values.
    const doc = YAML.parseDocument(text, { customTags: CFN_TAGS, strict: false, uniqueKeys: false });
    return doc.errors.length ? undefined : doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

const CFN_TAGS = [
  "Ref",
  "Sub",
  "GetAtt",
  "Join",
  "If",
  "Equals",
  "Not",
  "And",
  "Or",
  "FindInMap",
  "Select",
  "Split",
  "ImportValue",
  "GetAZs",
  "Base64",
  "Cidr",
  "Condition",
].flatMap((name) => [
  { tag: `!${name}`, resolve: (v: string) => v },
  { tag: `!${name}`, collection: "seq" as const, resolve: (v: unknown) => v },
  { tag: `!${name}`, collection: "map" as const, resolve: (v: unknown) => v },
]);

const envKeys = (env: unknown): string[] =>
  env && typeof env === "object" ? (Array.isArray(env) ? env.map((e) => String(e).split("=")[0]) : Object.keys(env as object)) : [];

function langgraph(ctx: DetectContext, file: string): Draft[] {
  const config = ctx.readJson(file);
  if (!config || typeof config !== "object") return [];
  const root = path.dirname(file);
  const entries: string[] = [];
  const specs = [...Object.values(config.graphs ?? {}), config.http?.app, config.auth?.path];
  for (const spec of specs) {
    const p = typeof spec === "string" ? spec : typeof (spec as LooseJson)?.path === "string" ? (spec as LooseJson).path : undefined;
    if (!p) continue;
    const source = findSource(ctx.host, root, p.split(":")[0]);
    if (source) entries.push(source);
  }
  const env = typeof config.env === "object" ? envKeys(config.env) : [];
  return [
    {
      kind: "langgraph",
      name: path.basename(root),
      root,
      target: "langgraph",
      runtime: "node",
      bundler: "none",
      entries,
      definedBy: file,
      env,
    },
  ];
}

function serverless(ctx: DetectContext, file: string): Draft[] {
  const root = path.dirname(file);
  const ext = path.extname(file);
  const functions: Array<{ name: string; handler: string; timeout?: number; gateway?: "rest" | "http" }> = [];
  let providerTimeout: number | undefined;
  let plugins: string[];
  let env: string[] = [];
  if (ext === ".ts" || ext === ".js") {
    // serverless.ts is code; read the usual shapes by text: `handler: 'src/x.main'` and `${handlerPath(__dirname)}/x.main`.
    const text = ctx.host.readFile(file) ?? "";
    for (const m of text.matchAll(/handler\s*:\s*[`'"]([^`'"]+)[`'"]/g)) {
      const handler = m[1].replace(/\$\{[^}]*\}\/?/g, "");
      functions.push({ name: path.basename(handlerModule(handler)), handler });
    }
    const t = /provider\s*:\s*\{[\s\S]{0,2000}?\btimeout\s*:\s*(\d+)/.exec(text);
    if (t) providerTimeout = Number(t[1]);
    plugins = [...text.matchAll(/['"](serverless-[\w-]+)['"]/g)].map((m) => m[1]);
  } else {
    const doc = ext === ".json" ? ctx.readJson(file) : readYaml(ctx, file);
    if (!doc || typeof doc !== "object") return [];
    providerTimeout = typeof doc.provider?.timeout === "number" ? doc.provider.timeout : undefined;
    plugins = Array.isArray(doc.plugins)
      ? doc.plugins.map(String)
      : Array.isArray(doc.plugins?.modules)
        ? doc.plugins.modules.map(String)
        : [];
    env = envKeys(doc.provider?.environment);
    for (const [name, fn] of Object.entries<LooseJson>(doc.functions ?? {})) {
      if (fn && typeof fn.handler === "string")
        functions.push({
          name,
          handler: fn.handler,
          timeout: typeof fn.timeout === "number" ? fn.timeout : undefined,
          gateway: gatewayOfEvents(fn.events, (e) => (e?.httpApi ? "http" : e?.http ? "rest" : undefined)),
        });
      env.push(...envKeys(fn?.environment));
    }
  }
  const bundler: Bundler = plugins.some((p) => /esbuild/.test(p))
    ? "esbuild"
    : plugins.some((p) => /webpack/.test(p))
      ? "webpack"
      : plugins.some((p) => /typescript|ts-node/.test(p))
        ? "tsc"
        : bundlerOf(ctx, root) === "none" && /\bbuild\b/.test("")
          ? "none"
          : "none";
  const runtimeRel = (h: string) => path.relative(root, path.resolve(root, handlerModule(h)));
  return functions.map((f) => {
    const entry = findSourceOrOrigin(ctx.host, root, runtimeRel(f.handler));
    const timeout = f.timeout ?? providerTimeout;
    return {
      kind: "serverless" as const,
      name: f.name,
      root,
      target: "lambda" as const,
      runtime: "node" as const,
      bundler,
      entries: entry ? [entry] : [],
      definedBy: file,
      env,
      limits: {
        requestSeconds: timeout,
        gateway: f.gateway,
        sources: timeout ? [`${path.basename(file)}: timeout ${timeout} s`] : [],
      },
    };
  });
}

/** The API Gateway in front of a function, from its event list: REST wins (the shorter limit) when both are there. */
function gatewayOfEvents(events: unknown, kindOf: (event: LooseJson) => "rest" | "http" | undefined): "rest" | "http" | undefined {
  const list = Array.isArray(events) ? events : events && typeof events === "object" ? Object.values(events) : [];
  const kinds = new Set(list.map(kindOf));
  return kinds.has("rest") ? "rest" : kinds.has("http") ? "http" : undefined;
}

function sam(ctx: DetectContext, file: string): Draft[] {
  const text = ctx.host.readFile(file) ?? "";
  if (!/AWS::(Serverless::Function|Lambda::Function)/.test(text)) return [];
  const doc = path.extname(file) === ".json" ? ctx.readJson(file) : readYaml(ctx, file);
  if (!doc || typeof doc !== "object") return [];
  const root = path.dirname(file);
  const globals = doc.Globals?.Function ?? {};
  const drafts: Draft[] = [];
  for (const [name, res] of Object.entries<LooseJson>(doc.Resources ?? {})) {
    if (res?.Type !== "AWS::Serverless::Function" && res?.Type !== "AWS::Lambda::Function") continue;
    const props = res.Properties ?? {};
    const handler = props.Handler ?? globals.Handler;
    const runtime = String(props.Runtime ?? globals.Runtime ?? "nodejs");
    if (typeof handler !== "string" || !/^nodejs/.test(runtime)) continue;
    const codeUri = typeof props.CodeUri === "string" ? props.CodeUri : typeof globals.CodeUri === "string" ? globals.CodeUri : ".";
    const codeDir = path.resolve(root, codeUri);
    const buildMethod = res.Metadata?.BuildMethod;
    const entryPoints: string[] = Array.isArray(res.Metadata?.BuildProperties?.EntryPoints) ? res.Metadata.BuildProperties.EntryPoints : [];
    const entries = (entryPoints.length ? entryPoints : [handlerModule(handler)])
      .map((e) => findSourceOrOrigin(ctx.host, codeDir, e))
      .filter((e): e is string => !!e);
    const timeout = props.Timeout ?? globals.Timeout;
    const env = [...envKeys(props.Environment?.Variables), ...envKeys(globals.Environment?.Variables)];
    drafts.push({
      kind: "sam",
      name,
      // The template's folder, not CodeUri: shared layers and helpers beside the functions belong to the stack.
      root,
      target: "lambda",
      runtime: "node",
      bundler: buildMethod === "esbuild" ? "esbuild" : bundlerOf(ctx, codeDir),
      entries,
      definedBy: file,
      env,
      limits: {
        requestSeconds: typeof timeout === "number" ? timeout : undefined,
        gateway: gatewayOfEvents(props.Events, (e) => (e?.Type === "Api" ? "rest" : e?.Type === "HttpApi" ? "http" : undefined)),
        sources: typeof timeout === "number" ? [`${path.basename(file)}: ${name} Timeout ${timeout} s`] : [],
      },
    });
  }
  return drafts;
}

/** Lambda functions declared in a CDK app: `new NodejsFunction(...)` (bundled by esbuild) and `new lambda.Function(...)` with an asset folder. */
function cdk(ctx: DetectContext, file: string, sources: readonly string[]): Draft[] {
  const appDir = path.dirname(file);
  const drafts: Draft[] = [];
  for (const src of sources) {
    const text = ctx.host.readFile(src);
    if (!text || !/Function\s*\(/.test(text)) continue;
    const dir = path.dirname(src);
    // Template paths (`${commonPath}/x.ts`) use string constants of the same file.
    const constants = new Map<string, string>();
    for (const c of text.matchAll(/\bconst\s+(\w+)\s*=\s*[`'"]([^`'"$]+)[`'"]/g)) constants.set(c[1], c[2]);
    for (const fn of cdkFunctions(text)) {
      const { body, name } = fn;
      let entry: string | undefined;
      let bundler: Bundler = "esbuild";
      if (fn.construct === "NodejsFunction") {
        const e = propertyExpression(body, "entry");
        const p = e ? evalPath(e, dir, appDir, constants) : path.join(dir, `${path.basename(src).replace(/\.[cm]?[jt]s$/, "")}.${name}.ts`);
        entry = p ? findSource(ctx.host, path.dirname(p), path.basename(p)) : undefined;
      } else {
        if (!/Runtime\.NODEJS|nodejs/i.test(body)) continue;
        const asset = /Code\.fromAsset\s*\(/.exec(body);
        const h = /\bhandler\s*:\s*[`'"]([^`'"]+)[`'"]/.exec(body);
        const assetDir = asset ? evalPath(argumentText(body, asset.index + asset[0].length), dir, appDir, constants) : undefined;
        if (assetDir && h) entry = findSourceOrOrigin(ctx.host, assetDir, handlerModule(h[1]));
        bundler = "none";
      }
      const timeout = fn.timeout?.seconds;
      const gateway = cdkGatewayOf(text, fn.at);
      drafts.push({
        kind: "cdk",
        name,
        root: appDir,
        target: "lambda",
        runtime: "node",
        bundler,
        entries: entry ? [entry] : [],
        definedBy: src,
        env: [...body.matchAll(/environment\s*:\s*\{([^}]*)\}/g)].flatMap((e) => [...e[1].matchAll(/(\w+)\s*:/g)].map((k) => k[1])),
        limits:
          timeout || gateway
            ? {
                ...(timeout ? { requestSeconds: timeout } : {}),
                ...(gateway ? { gateway: gateway.kind } : {}),
                sources: [
                  ...(timeout ? [`${path.basename(src)}: ${name} timeout ${timeout} s`] : []),
                  ...(gateway ? [`${path.basename(src)}: ${gateway.construct} in front of ${name}`] : []),
                ],
              }
            : undefined,
      });
    }
  }
  return drafts;
}

/** The expression text of `name: <expr>` in an object literal's text: up to the next top-level comma or brace. */
function propertyExpression(body: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*:\\s*`).exec(body);
  return m ? argumentText(body, m.index + m[0].length) : undefined;
}

/** The text from `start` up to the first comma, `)` or `}` outside brackets and quotes. */
function argumentText(text: string, start: number): string {
  let depth = 0;
  let quote = "";
  for (let i = start; i < text.length && i < start + 1000; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote && text[i - 1] !== "\\") quote = "";
    } else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth-- === 0) return text.slice(start, i).trim();
    else if (c === "," && depth === 0) return text.slice(start, i).trim();
  }
  return text.slice(start, start + 1000).trim();
}

/** Evaluates the path expressions CDK apps use: a literal (relative to the app folder), path.join/resolve with __dirname, `${__dirname}/x`. */
function evalPath(expr: string, fileDir: string, appDir: string, constants: ReadonlyMap<string, string> = new Map()): string | undefined {
  const e = expr.trim().replace(/\$\{(\w+)\}/g, (whole, name: string) => (name === "__dirname" ? whole : (constants.get(name) ?? whole)));
  const ident = /^(\w+)$/.exec(e);
  if (ident && constants.has(ident[1])) return path.resolve(appDir, constants.get(ident[1])!);
  const lit = /^[`'"]([^`'"$]+)[`'"]$/.exec(e);
  if (lit) return path.resolve(appDir, lit[1]);
  const tpl = /^`\$\{__dirname\}([^`$]*)`$/.exec(e);
  if (tpl) return path.join(fileDir, tpl[1]);
  const plain = /^`([^`$]+)`$/.exec(e);
  if (plain) return path.resolve(appDir, plain[1]);
  const call = /^path\.(join|resolve)\s*\(([^)]*)\)$/.exec(e);
  if (call) {
    const parts = call[2].split(",").map((p) => p.trim());
    const values: string[] = [];
    for (const p of parts) {
      if (p === "__dirname") values.push(fileDir);
      else if (p === "process.cwd()") values.push(appDir);
      else {
        const s = /^[`'"]([^`'"$]*)[`'"]$/.exec(p);
        if (!s) return undefined;
        values.push(s[1]);
      }
    }
    return values.length && path.isAbsolute(values[0]) ? path.resolve(...values) : path.resolve(appDir, ...values);
  }
  return undefined;
}

interface Dockerfile {
  workdir?: string;
  copiesRoot: boolean;
  env: string[];
  command?: string;
}

export function readDockerfile(text: string): Dockerfile {
  const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/);
  const result: Dockerfile = { copiesRoot: false, env: [] };
  for (const raw of lines) {
    const line = raw.trim();
    const m = /^(\w+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const [, instr, rest] = m;
    switch (instr.toUpperCase()) {
      case "FROM":
        // A new stage: what the last stage sets is what runs.
        result.workdir = undefined;
        result.copiesRoot = false;
        result.command = undefined;
        break;
      case "WORKDIR":
        result.workdir = rest.trim();
        break;
      case "COPY":
      case "ADD": {
        const args = rest.split(/\s+/).filter((a) => !a.startsWith("--"));
        if (args.length >= 2 && args.slice(0, -1).some((a) => a === "." || a === "./")) result.copiesRoot = true;
        if (/--from=/.test(rest) && args.length >= 2) result.copiesRoot = true;
        break;
      }
      case "ENV":
        for (const k of rest.matchAll(/([A-Za-z_][\w]*)\s*=/g)) result.env.push(k[1]);
        if (!rest.includes("=")) result.env.push(rest.split(/\s+/)[0]);
        break;
      case "CMD":
      case "ENTRYPOINT": {
        let cmd = rest;
        try {
          const arr = JSON.parse(rest);
          if (Array.isArray(arr)) cmd = arr.join(" ");
        } catch {
          /* shell form */
        }
        result.command = cmd;
        break;
      }
    }
  }
  return result;
}

function docker(ctx: DetectContext, file: string): Draft[] {
  const text = ctx.host.readFile(file);
  if (text === undefined) return [];
  const root = path.dirname(file);
  const d = readDockerfile(text);
  const entries: string[] = [];
  const cmdEntry = d.command && scriptEntry(d.command);
  if (cmdEntry) {
    const rel = d.workdir && path.posix.isAbsolute(cmdEntry) ? path.posix.relative(d.workdir, cmdEntry) : cmdEntry;
    const e = findSourceOrOrigin(ctx.host, root, rel);
    if (e) entries.push(e);
  }
  return [
    {
      kind: "docker",
      name: path.basename(root),
      root,
      target: "container",
      runtime: "node",
      bundler: bundlerOf(ctx, root),
      entries,
      definedBy: file,
      env: d.env,
      container: { workdir: d.workdir, copiesRoot: d.copiesRoot, env: d.env },
      limits: d.workdir ? { cwd: d.workdir, sources: [`${path.basename(file)}: WORKDIR ${d.workdir}`] } : undefined,
    },
  ];
}

function compose(ctx: DetectContext, file: string): Draft[] {
  const doc = readYaml(ctx, file);
  if (!doc || typeof doc.services !== "object") return [];
  const drafts: Draft[] = [];
  for (const [name, svc] of Object.entries<LooseJson>(doc.services ?? {})) {
    const context = typeof svc?.build === "string" ? svc.build : typeof svc?.build?.context === "string" ? svc.build.context : undefined;
    if (!context) continue;
    const root = path.resolve(path.dirname(file), context);
    drafts.push({
      kind: "compose",
      name,
      root,
      target: "container",
      runtime: "node",
      bundler: bundlerOf(ctx, root),
      entries: [],
      definedBy: file,
      env: envKeys(svc.environment),
    });
  }
  return drafts;
}

function next(ctx: DetectContext, file: string): Draft[] {
  const root = path.dirname(file);
  return [
    {
      kind: "next",
      name: ctx.packageJson(root)?.name ?? path.basename(root),
      root,
      target: "vercel",
      runtime: "node",
      bundler: "next",
      entries: [],
      definedBy: file,
      env: [],
    },
  ];
}

function vercel(_ctx: DetectContext, file: string): Draft[] {
  const root = path.dirname(file);
  return [
    {
      kind: "vercel",
      name: path.basename(root),
      root,
      target: "vercel",
      runtime: "node",
      bundler: "none",
      entries: [],
      definedBy: file,
      env: [],
    },
  ];
}

function wrangler(ctx: DetectContext, file: string): Draft[] {
  const text = ctx.host.readFile(file) ?? "";
  const root = path.dirname(file);
  let main: string | undefined;
  if (file.endsWith(".toml")) main = /^\s*main\s*=\s*["']([^"']+)["']/m.exec(text)?.[1];
  else main = /"main"\s*:\s*"([^"]+)"/.exec(text)?.[1];
  const entry = main ? findSource(ctx.host, root, main) : undefined;
  return [
    {
      kind: "workers",
      name: /^\s*"?name"?\s*[=:]\s*["']([^"']+)["']/m.exec(text)?.[1] ?? path.basename(root),
      root,
      target: "workers",
      runtime: "workers",
      bundler: "wrangler",
      entries: entry ? [entry] : [],
      definedBy: file,
      env: [],
    },
  ];
}

const FRONTEND_DEPS = ["react-dom", "react-native", "expo", "vue", "svelte", "@angular/core", "solid-js", "preact"];
const SERVER_DEPS = [
  "express",
  "fastify",
  "hono",
  "koa",
  "@nestjs/core",
  "@hapi/hapi",
  "@slack/bolt",
  "telegraf",
  "discord.js",
  "ws",
  "@langchain/langgraph-api",
  "restify",
];

/** package.json: a Mastra server, a plain Node server (start/main), or a front-end app; nothing for a library. */
function packageUnit(ctx: DetectContext, file: string): Draft[] {
  const root = path.dirname(file);
  const pkg = ctx.packageJson(root);
  if (!pkg) return [];
  const d = deps(pkg);
  const name = pkg.name ?? path.basename(root);
  const scripts = pkg.scripts ?? {};
  if (d["@mastra/core"] || d.mastra) {
    const entry = findSource(ctx.host, root, "src/mastra/index");
    if (entry || /\bmastra (build|dev)\b/.test(Object.values(scripts).join(" "))) {
      return [
        {
          kind: "mastra",
          name,
          root,
          target: "container",
          runtime: "node",
          // `mastra build` bundles from src/mastra (dev and deploy alike), whatever the scripts call it.
          bundler: "mastra",
          entries: entry ? [entry] : [],
          definedBy: file,
          env: [],
          limits: { cwd: ".mastra/output", sources: ["mastra build: the server runs from .mastra/output"] },
        },
      ];
    }
  }
  const startCommand = scripts.start ?? scripts["start:prod"] ?? scripts.serve;
  const started = startCommand ? scriptEntry(startCommand) : undefined;
  const mainEntry = typeof pkg.main === "string" ? pkg.main : undefined;
  const serves = SERVER_DEPS.some((s) => d[s]);
  const front = FRONTEND_DEPS.some((f) => d[f]) && !serves;
  if (front) {
    return [
      {
        kind: "frontend",
        name,
        root,
        target: "container",
        runtime: "browser",
        bundler: bundlerOf(ctx, root),
        entries: [],
        definedBy: file,
        env: [],
      },
    ];
  }
  const entry =
    (started && findSourceOrOrigin(ctx.host, root, started)) ||
    (serves && mainEntry ? findSourceOrOrigin(ctx.host, root, mainEntry) : undefined);
  if (!entry && !(serves && startCommand)) return [];
  return [
    {
      kind: "node",
      name,
      root,
      target: "container",
      runtime: "node",
      bundler: bundlerOf(ctx, root),
      entries: entry ? [entry] : [],
      definedBy: file,
      env: [],
    },
  ];
}

function vite(ctx: DetectContext, file: string): Draft[] {
  const root = path.dirname(file);
  const pkg = ctx.packageJson(root);
  if (pkg && SERVER_DEPS.some((s) => deps(pkg)[s])) return [];
  return [
    {
      kind: "frontend",
      name: pkg?.name ?? path.basename(root),
      root,
      target: "container",
      runtime: "browser",
      bundler: "vite",
      entries: [],
      definedBy: file,
      env: [],
    },
  ];
}

/** Every unit the markers declare, before units of one root are merged. */
export function detectAll(ctx: DetectContext, markers: readonly Marker[], sourcesUnder: (dir: string) => readonly string[]): DeployUnit[] {
  const units: DeployUnit[] = [];
  for (const m of markers) {
    let drafts: Draft[] = [];
    try {
      switch (m.kind) {
        case "langgraph":
          drafts = langgraph(ctx, m.file);
          break;
        case "serverless":
          drafts = serverless(ctx, m.file);
          break;
        case "sam":
          drafts = sam(ctx, m.file);
          break;
        case "cdk":
          drafts = cdk(ctx, m.file, sourcesUnder(path.dirname(m.file)));
          break;
        case "docker":
          drafts = docker(ctx, m.file);
          break;
        case "compose":
          drafts = compose(ctx, m.file);
          break;
        case "next":
          drafts = next(ctx, m.file);
          break;
        case "vercel":
          drafts = vercel(ctx, m.file);
          break;
        case "wrangler":
          drafts = wrangler(ctx, m.file);
          break;
        case "package":
          drafts = packageUnit(ctx, m.file);
          break;
        case "vite":
          drafts = vite(ctx, m.file);
          break;
      }
    } catch {
      // A config we cannot read declares nothing; its own rule (langgraph-config...) reports it.
      drafts = [];
    }
    for (const d of drafts) units.push(unit(d, d.kind === "next" ? "vercel" : d.kind));
  }
  return units;
}
