// The protocol between the VS Code extension (client/src) and the language server (server/src/lsp):
// custom method names, command ids and the shapes both sides exchange. The client imports nothing else
// from server/, so this module holds names and types only and imports no runtime code (the rule
// vocabulary below is a type-only import, erased from the client's bundle).
import type { ActiveSeverity, Category } from "../../../rules/api/types";

/** Custom LSP requests and notifications. */
export const Methods = {
  /** Request, ScanParams -> ScanResult: every finding of every file, grouped for the tree view; cancellable. */
  scanWorkspace: "deploygap/scanWorkspace",
  /** Request, ScanParams -> ReportResult: the readiness report as HTML whose links reveal the code. */
  report: "deploygap/report",
  /** Notification (server -> client), ScanProgress: progress of a workspace scan. */
  scanProgress: "deploygap/scanProgress",
  /** Notification (server -> client), FileStatus: a file was linted. */
  fileStatus: "deploygap/fileStatus",
  /** Request -> DebugStats: the server's internal counts, for tests. */
  debugStats: "deploygap/debugStats",
} as const;

/** Command ids: the extension's (contributed in package.json) and the one the server executes. */
export const Commands = {
  scanWorkspace: "deploygap.scanWorkspace",
  showReport: "deploygap.showReport",
  refreshGaps: "deploygap.refreshGaps",
  restart: "deploygap.restart",
  showOutput: "deploygap.showOutput",
  showDocumentation: "deploygap.showDocumentation",
  /** Arguments: uri, line, character, endLine?, endCharacter? (zero-based). Used in report links and tree items. */
  reveal: "deploygap.reveal",
  /** Executed by the server (workspace/executeCommand): arguments ruleId, docsUrl. */
  serverShowDocumentation: "deploygap.server.showDocumentation",
} as const;

/** Client settings under "deploygap.*", per resource. */
export interface Settings {
  enable: boolean;
  /** Lint as you type, or only when the file is saved. */
  run: "onType" | "onSave";
  maxFileSize: number;
}

export interface ScanParams {
  /** Absolute paths of the workspace folders. */
  folders: string[];
  /** files.exclude globs (gitignore-style), applied relative to each folder. */
  exclude?: string[];
}

export interface ScannedFinding {
  ruleId: string;
  category: Category;
  severity: ActiveSeverity;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  docsUrl?: string;
}

export interface ScanResult {
  files: Array<{ uri: string; file: string; root: string; target: string; findings: ScannedFinding[] }>;
  filesScanned: number;
  cancelled: boolean;
  /** Files whose findings came from the cache the CLI shares (node_modules/.cache/deploygap). */
  cacheHits?: number;
}

export interface ScanProgress {
  done: number;
  total: number;
}

export interface ReportResult {
  html: string;
}

/** Sent after each lint of a file: its deploy target, project root and number of findings. */
export interface FileStatus {
  uri: string;
  target: string;
  root: string;
  /** The file's role (server, browser, script, test, generated) and the evidence for it. */
  role?: string;
  roleWhy?: string;
  /** The deploy unit the file belongs to: its name and kind ("support-agent (langgraph)"). */
  unit?: string;
  findings: number;
  lintedAt: number;
}
