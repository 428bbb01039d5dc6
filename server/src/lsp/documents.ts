// Open documents, kept with their parsed SourceFile. Edits arrive as incremental LSP changes; each is
// applied to the text and to the tree with ts.updateSourceFile, so a keystroke in a large file
// re-parses only what changed instead of the whole file.
import ts = require("typescript");
import { TextDocument } from "vscode-languageserver-textdocument";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver";
import { URI } from "./uri";
import { isLintedSourceFile, parse, reparse } from "../engine/parse";
import { tooDeep } from "../engine/nesting";

export interface OpenDocument {
  uri: string;
  /** Absolute file path, when the URI is a file: URI. */
  fileName?: string;
  doc: TextDocument;
  /** Parsed lazily on first lint; kept in step with the text afterwards. */
  sourceFile?: ts.SourceFile;
}

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const entry: OpenDocument = { uri, fileName: URI.toFilePath(uri), doc: TextDocument.create(uri, languageId, version, text) };
    this.docs.set(uri, entry);
    return entry;
  }

  /**
   * Applies a didChange's content changes in order, then brings the tree up to date with ONE re-parse
   * (a client may send thousands of changes in one notification; re-parsing after each would be
   * quadratic). The ranges are collapsed into one change range of the old text for the incremental
   * parser. A reversed range (end before start) is put in order before anything changes, as
   * TextDocument.update orders it too, so the text and the tree always describe the same edit.
   */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    if (!entry) return undefined;
    let doc = entry.doc;
    const ranges: ts.TextChangeRange[] = [];
    let full = false;
    for (const change of changes) {
      if ("range" in change) {
        let start = doc.offsetAt(change.range.start);
        let end = doc.offsetAt(change.range.end);
        const ordered = start <= end ? change : { range: { start: change.range.end, end: change.range.start }, text: change.text };
        if (start > end) [start, end] = [end, start];
        doc = TextDocument.update(doc, [ordered], version);
        ranges.push(ts.createTextChangeRange(ts.createTextSpan(start, end - start), change.text.length));
      } else {
        doc = TextDocument.update(doc, [change], version);
        full = true;
      }
    }
    entry.doc = TextDocument.update(doc, [], version);
    if (entry.sourceFile && (full || ranges.length > 0)) {
      const text = entry.doc.getText();
      const range = full ? undefined : ts.collapseTextChangeRangesAcrossMultipleVersions(ranges);
      // The incremental parser pays per node of the changed span more than a fresh parse does: when
      // the edits together span a large part of the file, the next lint parses it afresh instead.
      entry.sourceFile =
        range && Math.max(range.span.length, range.newLength) <= text.length / 4 && !tooDeep(text)
          ? reparseOrUndefined(entry.sourceFile, text, range)
          : undefined;
    }
    return entry;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  /** The open buffer for a path, so project files (config, package.json) are read as the user sees them. */
  textOfFile(fileName: string): string | undefined {
    for (const d of this.docs.values()) if (d.fileName === fileName) return d.doc.getText();
    return undefined;
  }

  /** The document's SourceFile, parsing it on first use. */
  sourceFileOf(entry: OpenDocument): ts.SourceFile | undefined {
    if (!entry.fileName || !isLintedSourceFile(entry.fileName)) return undefined;
    // A file nested too deeply to parse is left to the linter, which lints its strings and comments.
    if (!entry.sourceFile && !tooDeep(entry.doc.getText())) {
      try {
        entry.sourceFile = parse(entry.fileName, entry.doc.getText());
      } catch {
        // Deep in a way the pre-scan does not count: the linter parses it and falls back the same way.
      }
    }
    return entry.sourceFile;
  }
}

function reparseOrUndefined(previous: ts.SourceFile, text: string, range: ts.TextChangeRange): ts.SourceFile | undefined {
  try {
    return reparse(previous, text, range);
  } catch {
    return undefined; // parsed, or linted as a skeleton, on the next lint
  }
}
