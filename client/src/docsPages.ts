// The rule pages shipped in the extension (rules/<id>.md) are what every docs link opens: the server
// links to them (it gets their folder at initialize), and the Problems panel's code link, the hover's
// link and the F8 peek's link open them as a file. A page opened that way is shown rendered, as
// "Show documentation" shows it: its source editor gives way to the Markdown preview.
import * as vscode from "vscode";

export function docsFolder(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, "rules");
}

/** Opens a rule's shipped page, rendered, offline. */
export async function showDocumentation(context: vscode.ExtensionContext, ruleId: string): Promise<void> {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return;
  await vscode.commands.executeCommand("markdown.showPreview", vscode.Uri.joinPath(docsFolder(context), `${ruleId}.md`));
}

/** Replaces a shipped page opened as text (from a docs link) by its preview. */
export function previewShippedPages(context: vscode.ExtensionContext): vscode.Disposable {
  // In a development host the folder is this repository's rules/: its pages then open rendered too.
  const folder = docsFolder(context).toString() + "/";
  return vscode.window.onDidChangeActiveTextEditor(async (editor) => {
    const uri = editor?.document.uri;
    if (!uri || !uri.toString().startsWith(folder) || !/^[a-z0-9-]+\.md$/.test(uri.path.slice(uri.path.lastIndexOf("/") + 1))) return;
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    await vscode.commands.executeCommand("markdown.showPreview", uri);
    if (tab?.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()) await vscode.window.tabGroups.close(tab);
  });
}
