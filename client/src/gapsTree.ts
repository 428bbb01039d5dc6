// The "Deployment Gaps" tree: the last workspace scan's findings grouped category -> rule -> file ->
// finding, with counts at each level; clicking a finding reveals it in the editor.
import * as vscode from "vscode";
import { Commands, type ScanResult, type ScannedFinding } from "../../server/src/protocol/index";

type Node =
  | { kind: "category"; category: string; items: Item[] }
  | { kind: "rule"; category: string; ruleId: string; items: Item[] }
  | { kind: "file"; ruleId: string; uri: string; file: string; items: Item[] }
  | { kind: "finding"; item: Item };

interface Item {
  uri: string;
  file: string;
  finding: ScannedFinding;
}

const SEVERITY_ICON: Record<string, string> = { error: "error", warning: "warning", info: "info", hint: "lightbulb" };

export class GapsTreeProvider implements vscode.TreeDataProvider<Node> {
  private result: ScanResult | undefined;
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  setResult(result: ScanResult): void {
    this.result = result;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!this.result) return [];
    const items: Item[] =
      node && node.kind !== "finding"
        ? node.items
        : this.result.files.flatMap((f) => f.findings.map((finding) => ({ uri: f.uri, file: f.file, finding })));
    if (!node) return groupBy(items, (i) => i.finding.category).map(([category, group]) => ({ kind: "category", category, items: group }));
    if (node.kind === "category")
      return groupBy(items, (i) => i.finding.ruleId).map(([ruleId, group]) => ({
        kind: "rule",
        category: node.category,
        ruleId,
        items: group,
      }));
    if (node.kind === "rule")
      return groupBy(items, (i) => i.uri).map(([uri, group]) => ({
        kind: "file",
        ruleId: node.ruleId,
        uri,
        file: group[0].file,
        items: group,
      }));
    if (node.kind === "file") return items.map((item) => ({ kind: "finding", item }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const count = (n: number) => `${n} ${n === 1 ? "gap" : "gaps"}`;
    switch (node.kind) {
      case "category": {
        const t = new vscode.TreeItem(node.category, vscode.TreeItemCollapsibleState.Expanded);
        t.description = count(node.items.length);
        t.iconPath = new vscode.ThemeIcon("symbol-folder");
        t.contextValue = "category";
        return t;
      }
      case "rule": {
        const t = new vscode.TreeItem(node.ruleId, vscode.TreeItemCollapsibleState.Collapsed);
        t.description = count(node.items.length);
        t.iconPath = new vscode.ThemeIcon("law");
        // The shipped page (docsPages.ts); a trusted link only to it, never a command.
        const url = node.items[0]?.finding.docsUrl;
        if (url) t.tooltip = new vscode.MarkdownString(`[Documentation for ${node.ruleId}](${url})`);
        t.contextValue = "rule";
        return t;
      }
      case "file": {
        const t = new vscode.TreeItem(vscode.Uri.parse(node.uri), vscode.TreeItemCollapsibleState.Collapsed);
        t.label = node.file;
        t.description = count(node.items.length);
        t.contextValue = "file";
        return t;
      }
      case "finding": {
        const f = node.item.finding;
        const t = new vscode.TreeItem(f.message, vscode.TreeItemCollapsibleState.None);
        t.description = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
        t.tooltip = `${f.severity} · ${f.ruleId}\n${f.message}`;
        t.iconPath = new vscode.ThemeIcon(SEVERITY_ICON[f.severity] ?? "circle-outline");
        t.command = {
          title: "Reveal",
          command: Commands.reveal,
          arguments: [node.item.uri, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character],
        };
        t.contextValue = "finding";
        return t;
      }
    }
  }
}

function groupBy<T>(items: T[], key: (t: T) => string): Array<[string, T[]]> {
  const map = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(i);
  }
  return [...map].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}
