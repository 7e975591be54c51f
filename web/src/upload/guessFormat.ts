// Guesses a file's upload format from its first bytes: GCT by its header, tables and matrices
// by a consistent comma or tab layout (a matrix has only numbers after its first column), Raw
// for anything else. The guess comes with the reason, shown beside the format's menu.
import type { UploadFormat } from "../api/types";

export interface Guess {
  format: UploadFormat;
  reason: string;
}

const kRawExtensions = /\.(h5|hdf5|parquet|feather|gz|bz2|xz|zip|tar|rds|rdata|pkl|pickle|npy|npz|png|jpe?g|pdf|xlsx?)$/i;
const kMissing = new Set(["", "na", "nan", "null", "none", "n/a", "#n/a", "-"]);

/** Splits a line on `delimiter`, honouring double quotes. */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

function isNumberOrMissing(cell: string): boolean {
  const trimmed = cell.trim();
  return kMissing.has(trimmed.toLowerCase()) || (Number.isFinite(Number(trimmed)) && trimmed !== "") || /^[+-]?inf(inity)?$/i.test(trimmed);
}

function layout(lines: string[], delimiter: string): number | null {
  const counts = lines.map((line) => splitLine(line, delimiter).length);
  const width = counts[1] ?? counts[0]!;
  if (width < 2) return null;
  // The header may have one cell less than the rows (R writes no name for the row-name column).
  const ok = counts.every((count, i) => count === width || (i === 0 && count === width - 1));
  return ok ? width : null;
}

/** The guess for a file named `name` whose first bytes are `head` (`complete`: head is all of it). */
export function guessFromText(name: string, head: string, complete: boolean): Guess {
  if (/\.gct$/i.test(name) || /^#1\.[23]\s*\r?\n/.test(head)) return { format: "GCT", reason: "GCT header" };
  if (kRawExtensions.test(name)) return { format: "Raw", reason: "a binary or packed format: kept as it is" };
  if (head.includes("\u0000")) return { format: "Raw", reason: "binary content: kept as it is" };
  let lines = head.split(/\r\n|\n|\r/);
  if (!complete) lines = lines.slice(0, -1);
  lines = lines.filter((line) => line.trim() !== "").slice(0, 50);
  if (lines.length < 2) return { format: "Raw", reason: "fewer than two lines: kept as it is" };
  const tabs = layout(lines, "\t");
  const commas = tabs === null ? layout(lines, ",") : null;
  const delimiter = tabs !== null ? "\t" : commas !== null ? "," : null;
  if (delimiter === null) return { format: "Raw", reason: "no consistent comma or tab columns: kept as it is" };
  const kind = delimiter === "\t" ? "tab-separated" : "comma-separated";
  const width = (tabs ?? commas)!;
  const numeric = lines.slice(1).every((line) => splitLine(line, delimiter).slice(1).every(isNumberOrMissing));
  // A matrix has row names: R and pandas write them under an empty (or missing) first header
  // cell. A named first column with numbers after it is more often a table.
  const header = splitLine(lines[0]!, delimiter);
  if (numeric && (header[0]!.trim() === "" || header.length === width - 1)) {
    return {
      format: delimiter === "\t" ? "NumericMatrixTSV" : "NumericMatrixCSV",
      reason: `${kind}, only numbers after the first column: a matrix`,
    };
  }
  return { format: delimiter === "\t" ? "TableTSV" : "TableCSV", reason: `${kind} columns: a table` };
}

const kHeadBytes = 64 * 1024;

/** Reads the start of `file` and guesses its format. */
export async function guessFormat(file: File): Promise<Guess> {
  const head = file.slice(0, kHeadBytes);
  const text = typeof head.text === "function" ? await head.text() : await new Response(head).text();
  return guessFromText(file.name, text, file.size <= kHeadBytes);
}

/** The data file's default name: the file name, less its extension for tables and matrices. */
export function defaultName(fileName: string, format: UploadFormat): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (format === "Raw") return base;
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}
