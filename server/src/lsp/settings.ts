// Client settings under "deploygap.*", read per resource through workspace/configuration and cached
// until the client says they changed.
import type { Connection } from "vscode-languageserver";
import { DEFAULT_MAX_FILE_SIZE } from "../engine/lint";
import type { Settings } from "../protocol/index";

export const DEFAULT_SETTINGS: Settings = { enable: true, run: "onType", maxFileSize: DEFAULT_MAX_FILE_SIZE };

export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
  ) {}

  clear(): void {
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  get(uri: string): Promise<Settings> {
    if (!this.supportsConfiguration()) return Promise.resolve(DEFAULT_SETTINGS);
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: "deploygap" }).then(normalize, () => DEFAULT_SETTINGS);
      this.cache.set(uri, s);
    }
    return s;
  }
}

function normalize(raw: unknown): Settings {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  return {
    enable: typeof r.enable === "boolean" ? r.enable : DEFAULT_SETTINGS.enable,
    run: r.run === "onSave" ? "onSave" : "onType",
    maxFileSize: typeof r.maxFileSize === "number" && r.maxFileSize > 0 ? r.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
  };
}
