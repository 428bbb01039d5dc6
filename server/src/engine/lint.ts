// Lints one file: parse once (the walk that sets parents also lists the nodes rules may visit), hand
// each listed node to the visitors of every enabled rule, then apply suppressions and configured
// severities. A rule that throws is switched off for that file and reported once through onRuleError;
// the other rules' findings still arrive.
import ts = require("typescript");
import {
  SEVERITIES,
  type ActiveSeverity,
  type Category,
  type FileInfo,
  type Fix,
  type FindingTable,
  type RelatedLocation,
  type Problem,
  type Rule,
  type RuleContext,
  type Target,
  type Visitors,
} from "../../../rules/api/types";
import { docsUrl } from "../../../rules/api/createRule";
import { semanticModelOf } from "../../../rules/semantic/model";
import { fileKindOf, isVisitableKind, parse, visitableNodes } from "./parse";
import { LineMap } from "./lineMap";
import { decideRules, ruleSetKey } from "./ruleSet";
import { exportsLambdaHandler, mayExportLambdaHandler } from "./lambdaHandler";
import { findDirectives, findHashDirectives, mayHaveDirectives, SuppressionIndex, type Directive } from "./suppressions";
import { FileProbe, mayReport } from "./prefilter";
import type { FileFacts, Project, ProjectModel } from "./project";
import { closest } from "./config";
import { MAX_NESTING, skeletonOf, tooDeep } from "./nesting";

export interface Finding {
  ruleId: string;
  messageId: string;
  category: Category;
  severity: ActiveSeverity;
  /** Offsets into the text, and 0-based line/character (UTF-16, as LSP counts). */
  start: number;
  end: number;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  /** The headline (Problems panel, CLI text, JSON `message`). */
  message: string;
  /** The explanation under the headline (hover, JSON `detail`), when the rule gives one. */
  detail?: string;
  fixes: Fix[];
  docsUrl?: string;
  /** Other places in the same file the finding refers to, with 0-based positions like the finding's. */
  related?: RelatedFinding[];
  /** A small table for the hover (each call's share of a latency budget), when the rule gives one. */
  table?: FindingTable;
}

export interface RelatedFinding extends RelatedLocation {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export interface RuleError {
  ruleId: string;
  fileName: string;
  error: string;
}

export interface LintResult {
  findings: Finding[];
  /** Why the file was not analysed (too large, binary), when it was not. */
  skipped?: string;
  sourceFile?: ts.SourceFile;
  /** Where the file runs (role, target, unit), as the rule set was decided from. */
  facts?: FileFacts;
}

export interface LintOptions {
  /**
   * Source files larger than this many UTF-16 units get only their strings and comments analysed (the
   * secret scan), as files too deep to parse; other kinds are skipped.
   */
  maxFileSize?: number;
  /** Skip a file over maxFileSize altogether, with a note naming the editor's setting (the editor, as you type). */
  skipOversize?: boolean;
  /** Overrides the project's target (CLI --target). */
  target?: Target;
  /** A SourceFile already parsed from exactly this text (the server's incremental parse). */
  sourceFile?: ts.SourceFile;
  onRuleError?: (e: RuleError) => void;
  /**
   * How long one rule may spend on one file (ms) before it is switched off for that file. A rule
   * that degrades on some input (quadratic on a generated file) must not hold every other finding up.
   */
  ruleBudgetMs?: number;
  /**
   * Rules' prefilters (RuleMeta.prefilter) decide from the text which rules run and whether the file is
   * parsed at all; false runs every enabled rule on a parsed file (the equivalence tests compare both).
   */
  prefilters?: boolean;
}

export const DEFAULT_RULE_BUDGET_MS = 2000;

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** Pseudo-rule ids for what the engine itself reports. */
export const UNUSED_SUPPRESSION = "unused-suppression";

interface EnabledRule {
  rule: Rule;
  options: unknown;
}

export class Linter {
  // Keyed by the project's loaded config object: a config change loads a new one, so entries of the old
  // one are never looked up again and go with it.
  private readonly enabledCache = new WeakMap<object, Map<string, EnabledRule[]>>();

  constructor(
    readonly rules: readonly Rule[],
    readonly projects: ProjectModel,
  ) {}

  lint(fileName: string, text: string, options: LintOptions = {}): LintResult {
    const kind = fileKindOf(fileName);
    if (!kind) return { findings: [] };
    const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const oversize = text.length > maxSize;
    if (oversize && (options.skipOversize || kind !== "source")) {
      const setting = options.skipOversize ? " (setting deploygap.maxFileSizeKB)" : "";
      return {
        findings: [],
        skipped: `deploygap skipped this file: it is ${formatSize(text.length)}, over the ${formatSize(maxSize)} limit${setting}.`,
      };
    }
    if (text.includes("\u0000")) {
      return { findings: [], skipped: "deploygap skipped this file: it contains NUL bytes, so it is binary, not source." };
    }
    const project = this.projects.projectFor(fileName);
    // Source files get a full syntax tree, parsed on first need (parse avoidance: a file in which no
    // enabled rule's prefilter passes is never parsed); langgraph.json its JSON tree; YAML and dotenv
    // files an empty tree (their rules read the text), so every rule sees the same context shape.
    // The parser recurses once per nesting level: a file nested deeper than MAX_NESTING (counted in a
    // linear pre-scan, so the same files every run) is parsed as its strings and comments only.
    // A file too deep to parse is never taken from the incremental parse either, so both paths agree.
    // The nesting pre-scan runs only when a tree is wanted: most files are never parsed.
    // A source file over the size limit is read as a file too deep to parse: its strings and comments only
    // (a bundled or generated file may still hold a key), at the cost of one scanner pass.
    let deep: boolean | undefined;
    const isDeep = () => (deep ??= kind === "source" && (oversize || tooDeep(text)));
    // Said for every such file, whether or not some rule then reads its strings (as for a skipped file before).
    const oversizeNote = oversize
      ? `deploygap analysed only the strings and comments of this file: it is ${formatSize(text.length)}, over the ${formatSize(maxSize)} limit for a full analysis.`
      : undefined;
    /** The server's incremental tree, unless the file is too deep to parse (then no path parses it). */
    const offeredTree = () => (options.sourceFile && !isDeep() ? options.sourceFile : undefined);
    let tree: ts.SourceFile | undefined;
    let degraded: string | undefined;
    const sourceFileOf = (): ts.SourceFile => {
      if (tree) return tree;
      const offered = offeredTree();
      if (offered) return (tree = offered);
      if (kind !== "source") {
        // JSON with parent pointers (ts.parseJsonText leaves them unset), so visitors can look up.
        return (tree = ts.createSourceFile(
          fileName,
          kind === "langgraph.json" ? text : "",
          ts.ScriptTarget.Latest,
          true,
          ts.ScriptKind.JSON,
        ));
      }
      if (isDeep()) {
        degraded =
          oversizeNote ??
          `deploygap analysed only the strings and comments of this file (the secret scan still ran): it is nested more than ${MAX_NESTING} levels deep, too deep to parse.`;
        return (tree = parse(fileName, skeletonOf(fileName, text)));
      }
      try {
        return (tree = parse(fileName, text));
      } catch (err) {
        // Recursion the pre-scan does not count (a 100,000-term expression) can still exhaust the stack.
        degraded = `deploygap analysed only the strings and comments of this file (the secret scan still ran): it could not be parsed (${err instanceof Error ? err.message : String(err)}).`;
        return (tree = parse(fileName, skeletonOf(fileName, text)));
      }
    };
    const facts = this.projects.fileFacts(fileName, text, options.target, kind, () => {
      // The handler check reads the tree; only a file whose text may export one is parsed for it.
      if (kind !== "source" || !mayExportLambdaHandler(text)) return false;
      const t = sourceFileOf();
      return !degraded && exportsLambdaHandler(t);
    });
    const file: FileInfo = {
      fileName,
      kind,
      text,
      moduleKind: this.projects.moduleKindOf(fileName),
      isTestFile: facts.role === "test",
      role: facts.role,
      target: facts.target,
      unit: facts.unit,
      project: project.info,
    };
    let enabled = this.enabledRules(project, file);
    if (options.prefilters !== false) {
      const probe = new FileProbe(text);
      enabled = enabled.filter((r) => mayReport(r.rule, r.options, file, probe));
      // Nothing can be reported and no suppression comment can be unused: no tree is needed.
      if (enabled.length === 0 && !mayHaveDirectives(text) && !tree && !offeredTree())
        return { findings: [], facts, ...(oversizeNote ? { skipped: oversizeNote } : {}) };
    }
    const sourceFile = sourceFileOf();
    let problems: Problem[];
    try {
      problems = runRules(enabled, file, sourceFile, options.ruleBudgetMs ?? DEFAULT_RULE_BUDGET_MS, options.onRuleError);
    } catch (err) {
      // Rule errors are caught per rule; what reaches here is the walk itself failing (stack depth).
      return {
        findings: [],
        skipped: `deploygap skipped this file: it could not be analysed (${err instanceof Error ? err.message : String(err)}).`,
      };
    }
    // TypeScript keeps a lazily built line map on the SourceFile; other kinds get their own.
    const lines: Lines = kind === "source" ? sourceFile : new LineMap(text);
    const directives = kind === "source" ? findDirectives(sourceFile) : kind === "langgraph.json" ? [] : findHashDirectives(text);
    if (degraded) {
      // A suppression may be for what the full analysis would find: none is reported unused here.
      return { findings: this.finish(problems, directives, lines, project, text, false), skipped: degraded, facts };
    }
    return {
      findings: this.finish(problems, directives, lines, project, text),
      sourceFile: kind === "source" ? sourceFile : undefined,
      facts,
    };
  }

  /**
   * The rules that run on this file, with their options merged over the defaults. The list depends only
   * on the project's config and the file's kind, test-ness and target, so it is built once per such
   * combination and shared (options objects are frozen: rules read them, never write).
   */
  private enabledRules(project: Project, file: FileInfo): readonly EnabledRule[] {
    let byShape = this.enabledCache.get(project.config);
    if (!byShape) this.enabledCache.set(project.config, (byShape = new Map()));
    const key = ruleSetKey(file);
    let enabled = byShape.get(key);
    if (enabled) return enabled;
    enabled = decideRules(this.rules, project.config, file)
      .filter((d) => d.runs)
      .map((d) => ({ rule: d.rule, options: d.options }));
    byShape.set(key, enabled);
    return enabled;
  }

  /** Applies suppressions and severities, reports unused directives, sorts by position. */
  private finish(
    problems: Problem[],
    directives: Directive[],
    lines: Lines,
    project: Project,
    text: string,
    reportUnused = true,
  ): Finding[] {
    const byId = new Map(this.rules.map((r) => [r.meta.id, r]));
    const suppressions = new SuppressionIndex(directives, (o) => lines.getLineAndCharacterOfPosition(o).line);
    const findings: Finding[] = [];
    for (const p of problems) {
      if (suppressions.isSuppressed(p.ruleId, p.start)) continue;
      const rule = byId.get(p.ruleId)!;
      const configured = (project.config.rules.get(p.ruleId)?.severity ?? rule.meta.severity) as ActiveSeverity;
      const severity = p.severity ? lowerOf(configured, p.severity) : configured;
      findings.push(toFinding(lines, p, rule.meta.category, severity, docsUrl(p.ruleId)));
    }
    for (const d of directives) {
      const unknown = d.ruleRanges.filter((r) => !byId.has(r.rule));
      for (const r of unknown) {
        findings.push(toFinding(lines, unknownRuleProblem(r, closest(r.rule, [...byId.keys()])), "configuration", "warning"));
      }
      if (!reportUnused) continue;
      const unused = d.rules.length === 0 ? (d.used.size === 0 ? ["*"] : []) : d.rules.filter((r) => byId.has(r) && !d.used.has(r));
      if (unused.length > 0) {
        const what = unused[0] === "*" ? "any problem" : unused.map((r) => `"${r}"`).join(", ");
        findings.push(
          toFinding(
            lines,
            engineProblem(d.start, d.end, `Unused deploygap suppression: no ${what} reported here.`, removalRange(text, d)),
            "configuration",
            "warning",
          ),
        );
      }
    }
    findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
    return findings;
  }
}

function engineProblem(start: number, end: number, message: string, removal?: { start: number; end: number }): Problem {
  const fixes: Fix[] = removal
    ? [{ title: "Remove unused suppression comment", kind: "safe", edits: [{ start: removal.start, end: removal.end, newText: "" }] }]
    : [];
  return { ruleId: UNUSED_SUPPRESSION, start, end, messageId: "unused", message, fixes };
}

/** The lower of two severities: a rule's per-finding level caps the configured one, never raises it. */
function lowerOf(a: ActiveSeverity, b: ActiveSeverity): ActiveSeverity {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b;
}

/** Anything that maps offsets to 0-based line/character: a SourceFile, or a LineMap. */
interface Lines {
  getLineAndCharacterOfPosition(offset: number): { line: number; character: number };
}

function toFinding(lines: Lines, p: Problem, category: Category, severity: ActiveSeverity, url?: string): Finding {
  const s = lines.getLineAndCharacterOfPosition(p.start);
  const e = lines.getLineAndCharacterOfPosition(p.end);
  return {
    ruleId: p.ruleId,
    messageId: p.messageId,
    category,
    severity,
    start: p.start,
    end: p.end,
    line: s.line,
    character: s.character,
    endLine: e.line,
    endCharacter: e.character,
    message: p.message,
    ...(p.detail !== undefined ? { detail: p.detail } : {}),
    fixes: p.fixes,
    docsUrl: url,
    ...(p.related?.length ? { related: p.related.map((r) => relatedFinding(lines, r)) } : {}),
    ...(p.table ? { table: p.table } : {}),
  };
}

function relatedFinding(lines: Lines, r: RelatedLocation): RelatedFinding {
  const s = lines.getLineAndCharacterOfPosition(r.start);
  const e = lines.getLineAndCharacterOfPosition(r.end);
  return { ...r, line: s.line, character: s.character, endLine: e.line, endCharacter: e.character };
}

/** One enabled rule's state during one file's walk. */
interface RuleRun {
  ruleId: string;
  failed: boolean;
  /** Milliseconds charged so far: every create, visitor call and onEnd. */
  spent: number;
}

interface Handler {
  run: RuleRun;
  fn: (node: ts.Node) => void;
}

/** The dispatch: each listed node, in walk order, to the visitors that asked for its SyntaxKind. */
function runRules(
  enabled: readonly EnabledRule[],
  file: FileInfo,
  sourceFile: ts.SourceFile,
  budgetMs: number,
  onRuleError?: (e: RuleError) => void,
): Problem[] {
  const problems: Problem[] = [];
  // One model for all the rules on this file: a part one rule computes is there for the next.
  const semantic = semanticModelOf(sourceFile);
  let anyFailed = false;
  const fail = (run: RuleRun, err: unknown) => {
    if (run.failed) return;
    run.failed = anyFailed = true;
    onRuleError?.({ ruleId: run.ruleId, fileName: file.fileName, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  };
  const charge = (run: RuleRun, ms: number) => {
    run.spent += ms;
    if (run.spent > budgetMs) fail(run, new Error(`ran past its time budget of ${budgetMs} ms on this file and was stopped for it`));
  };
  // Handlers by SyntaxKind; a plain array indexed by kind is the cheapest dispatch there is.
  const table: Array<Handler[] | undefined> = [];
  const ends: Array<{ run: RuleRun; fn: () => void }> = [];
  const runs: RuleRun[] = [];
  for (const { rule, options } of enabled) {
    const run: RuleRun = { ruleId: rule.meta.id, failed: false, spent: 0 };
    runs.push(run);
    const context: RuleContext<unknown> = {
      file,
      sourceFile,
      semantic,
      unit: file.unit,
      options,
      report(r) {
        const start = r.start ?? r.node!.getStart(sourceFile);
        const end = r.end ?? r.node!.getEnd();
        const template = rule.meta.messages[r.messageId];
        if (template === undefined) throw new Error(`rule ${run.ruleId} reported unknown messageId "${r.messageId}"`);
        const detail = rule.meta.details?.[r.messageId];
        problems.push({
          ruleId: run.ruleId,
          start,
          end,
          messageId: r.messageId,
          message: formatHeadline(template, r.data),
          // The same data as the headline's, so a secret is masked in the detail exactly as there.
          ...(detail !== undefined ? { detail: formatMessage(detail, r.data) } : {}),
          // A fix with an edit outside the text (a rule's bug on a broken file) is dropped, not applied.
          fixes: (r.fixes ?? []).filter((f) =>
            f.edits.every((e) => e.file !== undefined || (e.start >= 0 && e.start <= e.end && e.end <= file.text.length)),
          ),
          ...(r.severity ? { severity: r.severity } : {}),
          ...(r.related?.length ? { related: r.related } : {}),
          ...(r.table ? { table: r.table } : {}),
        });
      },
    };
    let visitors: Visitors;
    try {
      const t0 = performance.now();
      visitors = rule.create(context);
      charge(run, performance.now() - t0);
    } catch (err) {
      fail(run, err);
      continue;
    }
    for (const key in visitors) {
      const fn = visitors[key as keyof Visitors];
      if (!fn) continue;
      if (key === "onEnd") {
        ends.push({ run, fn: fn as () => void });
        continue;
      }
      const kind = (ts.SyntaxKind as unknown as Record<string, number>)[key];
      if (kind === undefined || !isVisitableKind(kind)) {
        fail(run, new Error(`visitors ask for "${key}", which is not a node kind rules can visit (VISITABLE_KINDS in rules/api/types.ts)`));
        continue;
      }
      (table[kind] ??= []).push({ run, fn: fn as (node: ts.Node) => void });
    }
  }

  // Most files leave most rules with nothing to visit (their text pre-checks fail): dispatch only if
  // needed. The nodes come in walk order from the list parse() made while setting parents.
  // Synchronous JavaScript cannot be interrupted, so the budget is checked after EVERY call: one clock
  // read per call (each call's end is the next one's start), so that one long call (a rule spinning
  // on one node) switches its rule off as soon as it returns, logged once. Sampling every n-th call
  // missed a long call in between.
  if (table.length > 0) {
    const nodes = visitableNodes(sourceFile);
    let last = performance.now();
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n];
      const handlers = table[node.kind];
      if (handlers === undefined) continue;
      for (let i = 0; i < handlers.length; i++) {
        const h = handlers[i];
        if (h.run.failed) continue;
        try {
          h.fn(node);
        } catch (err) {
          fail(h.run, err);
        }
        const now = performance.now();
        charge(h.run, now - last);
        last = now;
      }
    }
  }
  for (const e of ends) {
    if (e.run.failed) continue;
    try {
      const t0 = performance.now();
      e.fn();
      charge(e.run, performance.now() - t0);
    } catch (err) {
      fail(e.run, err);
    }
  }
  if (!anyFailed) return problems;
  const failed = new Set(runs.filter((r) => r.failed).map((r) => r.ruleId));
  return problems.filter((p) => !failed.has(p.ruleId));
}

/** Fills a message's (or a detail's) {{placeholders}} from the report's data; the one renderer of both. */
/** A `{{name}}` placeholder of a message template. */
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

export function formatMessage(template: string, data?: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (_, k: string) => (data && k in data ? String(data[k]) : `{{${k}}}`));
}

/** The longest a finding's message (its headline) may be; the detail carries the rest. */
export const MAX_HEADLINE = 120;

/**
 * A message rendered to at most MAX_HEADLINE characters: names from the user's code (a store key built
 * from a long template, a deep property path) are shortened in the middle, longest first, so the
 * headline keeps its start and end; the detail repeats them whole.
 */
export function formatHeadline(template: string, data?: Record<string, string | number>): string {
  let text = formatMessage(template, data);
  if (text.length <= MAX_HEADLINE || !data) return text;
  const values: Record<string, string | number> = { ...data };
  // Only the names the headline shows: the data also feeds the detail.
  const shown = new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]));
  for (let round = 0; round < 8 && text.length > MAX_HEADLINE; round++) {
    const [key, value] = Object.entries(values)
      .filter(([k]) => shown.has(k))
      .map(([k, v]) => [k, String(v)] as const)
      .sort((a, b) => b[1].length - a[1].length)[0];
    if (value === undefined) break;
    const keep = Math.max(12, value.length - (text.length - MAX_HEADLINE) - 1);
    if (keep >= value.length) break;
    values[key] = `${value.slice(0, Math.ceil(keep / 2))}…${value.slice(value.length - Math.floor(keep / 2))}`;
    text = formatMessage(template, values);
  }
  return text.length <= MAX_HEADLINE ? text : `${text.slice(0, MAX_HEADLINE - 1)}…`;
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

/**
 * What removing a suppression comment removes, so that no blank line or trailing space is left behind
 * (as ESLint's fixers leave none): a comment alone on its line takes the whole line with its line break;
 * a comment after code takes the spaces before it.
 */
export function removalRange(text: string, c: { start: number; end: number }): { start: number; end: number } {
  let before = c.start;
  while (before > 0 && (text[before - 1] === " " || text[before - 1] === "\t")) before--;
  let after = c.end;
  while (after < text.length && (text[after] === " " || text[after] === "\t")) after++;
  const lineStart = before === 0 || text[before - 1] === "\n" || text[before - 1] === "\r";
  const lineEnd = after === text.length || text[after] === "\n" || text[after] === "\r";
  if (lineStart && lineEnd) {
    const eol = text.startsWith("\r\n", after) ? 2 : after < text.length ? 1 : 0;
    // The last line of the file has no break after it: take the one before it instead.
    if (eol === 0 && before > 0) return { start: before - (text.startsWith("\r\n", before - 2) ? 2 : 1), end: after };
    return { start: before, end: after + eol };
  }
  if (lineEnd) return { start: before, end: c.end };
  return c;
}

/** An unknown rule id in a suppression comment, with the nearest known id as ESLint and the config do. */
function unknownRuleProblem(r: { rule: string; start: number; end: number }, near: string | undefined): Problem {
  const p = engineProblem(
    r.start,
    r.end,
    `Unknown rule "${r.rule}" in a deploygap suppression comment.${near ? ` Did you mean "${near}"?` : ""}`,
  );
  // Renaming the id changes what the comment suppresses: a suggestion, never applied by fix-all.
  if (near) p.fixes = [{ title: `Change to ${near}`, kind: "suggestion", edits: [{ start: r.start, end: r.end, newText: near }] }];
  return p;
}
