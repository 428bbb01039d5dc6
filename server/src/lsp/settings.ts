// Client settings under "deploygap.*", read per resource through workspace/configuration and cached
// until the client says they changed.
import type { Connection } from "vscode-languageserver";
import { DEFAULT_MAX_FILE_SIZE } from "../engine/lint";
import type { Settings } from "../protocol/index";

export const DEFAULT_SETTINGS: Settings = { enable: true, run: "onType", maxFileSize: DEFAULT_MAX_FILE_SIZE };

export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** Problems already logged, each once per session: a wrong value is read again for every file. */
  private readonly logged = new Set<string>();
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
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: "deploygap" }).then(
        (raw) => {
          for (const problem of settingsProblems(raw)) {
            if (this.logged.has(problem)) continue;
            this.logged.add(problem);
            this.connection.console.warn(`Setting ${problem}; the default is used.`);
          }
          return normalizeSettings(raw);
        },
        () => DEFAULT_SETTINGS,
      );
      this.cache.set(uri, s);
    }
    return s;
  }
}

/** Values normalizeSettings replaces by a default, said as `deploygap.run is 7, not "onType" or "onSave"`. */
export function settingsProblems(raw: unknown): string[] {
  if (!raw || typeof raw !== "object") return [];
  const r = raw as Record<string, unknown>;
  const out: string[] = [];
  const show = (v: unknown) => JSON.stringify(v) ?? String(v);
  if (r.enable !== undefined && typeof r.enable !== "boolean") out.push(`deploygap.enable is ${show(r.enable)}, not true or false`);
  if (r.run !== undefined && r.run !== "onType" && r.run !== "onSave")
    out.push(`deploygap.run is ${show(r.run)}, not "onType" or "onSave"`);
  for (const key of ["maxFileSizeKB", "maxFileSize"]) {
    const v = r[key];
    if (v !== undefined && positive(v) === undefined) out.push(`deploygap.${key} is ${show(v)}, not a positive number`);
  }
  return out;
}

export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  return {
    enable: typeof r.enable === "boolean" ? r.enable : DEFAULT_SETTINGS.enable,
    run: r.run === "onSave" ? "onSave" : "onType",
    maxFileSize: maxFileSizeOf(r),
  };
}

/**
 * The size limit in characters: `maxFileSizeKB` (what the settings UI shows), unless the deprecated
 * `maxFileSize` (characters) was changed from its default, which still wins so old settings keep working.
 */
function maxFileSizeOf(r: Record<string, unknown>): number {
  const legacy = positive(r.maxFileSize);
  if (legacy !== undefined && legacy !== DEFAULT_SETTINGS.maxFileSize) return legacy;
  const kb = positive(r.maxFileSizeKB);
  return kb !== undefined ? Math.round(kb * 1024) : (legacy ?? DEFAULT_SETTINGS.maxFileSize);
}

/** `v` when it is a finite number above 0, the only size settingsProblems and maxFileSizeOf accept. */
function positive(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : undefined;
}
