// The files of an upload being prepared, and what is wrong with them before it can start.
import type { UploadFormat } from "../api/types";

export type Phase = "ready" | "uploading" | "registering" | "processing" | "done" | "failed" | "cancelled";

export interface Row {
  key: string;
  /** upload: bytes from this computer; existing: a file already in Taiga, by taiga id. */
  kind: "upload" | "existing";
  /** The data file's name in the new version. */
  name: string;
  file?: File;
  format: UploadFormat;
  /** Why the format was guessed (uploads). */
  guess?: string;
  encoding: string;
  taigaId?: string;
  /** Carried over from the version the new one starts from. */
  fromBase?: boolean;
  /** Left out of the new version (base files can be put back). */
  removed?: boolean;
  phase: Phase;
  sent?: number;
  total?: number;
  /** The server's word on the file's processing. */
  message?: string;
  error?: string;
  /** Where the bytes were put, once uploaded: a retry registers them again without re-sending. */
  uploadedKey?: string;
}

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `row-${counter}`;
}

export const kEncodings = ["UTF-8", "ISO-8859-1", "windows-1252", "ASCII"] as const;

/** The rows that go into the new version. */
export function activeRows(rows: Row[]): Row[] {
  return rows.filter((row) => !row.removed);
}

/** What stops the upload from starting, in words; empty when it can start. */
export function problems(rows: Row[], opts: { needsName: boolean; name: string; needsChanges: boolean; changes: string }): string[] {
  const found: string[] = [];
  if (opts.needsName && !opts.name.trim()) found.push("Give the dataset a name.");
  if (opts.needsChanges && !opts.changes.trim()) found.push("Say what changed in this version.");
  const active = activeRows(rows);
  if (active.length === 0) found.push("Add at least one file.");
  const seen = new Map<string, number>();
  for (const row of active) {
    const name = row.name.trim();
    if (!name) found.push("Every file needs a name.");
    else if (name.includes("/")) found.push(`File names cannot contain “/”: ${name}`);
    seen.set(name, (seen.get(name) ?? 0) + 1);
    if (row.kind === "existing" && !/^[^/\s]+\.\d+\/.+$/.test(row.taigaId?.trim() ?? "")) {
      found.push(`“${row.taigaId ?? ""}” is not a taiga id (permaname.version/file).`);
    }
  }
  const duplicates = [...seen].filter(([name, count]) => name && count > 1).map(([name]) => name);
  if (duplicates.length > 0) found.push(`Two files have the same name: ${duplicates.join(", ")}. Rename or remove one.`);
  return [...new Set(found)];
}

/** A key under the caller's upload prefix for a row's bytes. */
export function objectKey(prefix: string, sessionId: string, index: number, fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 120) || "file";
  return `${prefix}${sessionId}/${index}-${safe}`;
}
