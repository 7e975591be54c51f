import { kUploadFormats, type UploadFormat } from "../api/types";
import { formatBytes } from "../ui/format";
import { kEncodings, type Row } from "./uploadModel";

const kFormatHelp: Record<UploadFormat, string> = {
  Raw: "Raw: kept byte for byte",
  TableCSV: "Table, comma-separated",
  TableTSV: "Table, tab-separated",
  NumericMatrixCSV: "Numeric matrix, comma-separated",
  NumericMatrixTSV: "Numeric matrix, tab-separated",
  GCT: "GCT matrix",
};

function Progress({ row }: { row: Row }) {
  switch (row.phase) {
    case "ready":
      return <span className="muted">{row.removed ? "left out" : "ready"}</span>;
    case "uploading":
      return (
        <span className="status-line">
          <progress max={row.total ?? 1} value={row.sent ?? 0} aria-label={`Upload of ${row.name}`} /> {formatBytes(row.sent ?? 0)} of{" "}
          {formatBytes(row.total ?? 0)}
        </span>
      );
    case "registering":
    case "processing":
      return (
        <span className="status-line">
          {row.total ? <progress max={row.total} value={row.sent ?? 0} aria-label={`Processing of ${row.name}`} /> : <progress aria-label={`Processing of ${row.name}`} />}{" "}
          {row.message ?? "Processing"}
        </span>
      );
    case "done":
      return <span className="status-line done">✓ {row.message ?? "Done"}</span>;
    case "failed":
      return <span className="status-line failed">✗ {row.error}</span>;
    case "cancelled":
      return <span className="status-line">Cancelled</span>;
  }
}

/** The files of the new version: name, source, format, encoding, and each one's progress. */
export function FileList({
  rows,
  locked,
  onChange,
  onRemove,
  onReplace,
}: {
  rows: Row[];
  locked: boolean;
  onChange: (key: string, patch: Partial<Row>) => void;
  onRemove: (row: Row) => void;
  onReplace: (row: Row, file: File) => void;
}) {
  if (rows.length === 0) return <p className="muted">No files yet.</p>;
  return (
    <table className="grid upload-files">
      <thead>
        <tr>
          <th scope="col">Name in Taiga</th>
          <th scope="col">Source</th>
          <th scope="col">Format</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className={row.removed ? "muted" : undefined}>
            <td>
              <input
                aria-label={`Name of ${row.file?.name ?? row.taigaId ?? "file"}`}
                value={row.name}
                disabled={locked || row.removed}
                onChange={(e) => onChange(row.key, { name: e.target.value })}
              />
            </td>
            <td>
              {row.kind === "upload" ? (
                <>
                  {row.file!.name} <span className="hint">({formatBytes(row.file!.size)})</span>
                </>
              ) : row.fromBase ? (
                <>
                  kept from <code>{row.taigaId}</code>
                </>
              ) : (
                <input
                  aria-label={`Taiga id for ${row.name || "the existing file"}`}
                  value={row.taigaId ?? ""}
                  placeholder="permaname.version/file"
                  disabled={locked}
                  onChange={(e) => onChange(row.key, { taigaId: e.target.value })}
                />
              )}
            </td>
            <td>
              {row.kind === "upload" ? (
                <>
                  <select
                    aria-label={`Format of ${row.name}`}
                    value={row.format}
                    disabled={locked}
                    onChange={(e) => onChange(row.key, { format: e.target.value as UploadFormat, guess: undefined })}
                  >
                    {kUploadFormats.map((format) => (
                      <option key={format} value={format}>
                        {kFormatHelp[format]}
                      </option>
                    ))}
                  </select>{" "}
                  {row.format !== "Raw" && (
                    <select aria-label={`Encoding of ${row.name}`} value={row.encoding} disabled={locked}
                      onChange={(e) => onChange(row.key, { encoding: e.target.value })}>
                      {kEncodings.map((encoding) => (
                        <option key={encoding}>{encoding}</option>
                      ))}
                    </select>
                  )}
                  {row.guess && <div className="hint">guessed: {row.guess}</div>}
                </>
              ) : (
                <span className="muted">as stored</span>
              )}
            </td>
            <td aria-live="polite">
              <Progress row={row} />
            </td>
            <td>
              {!locked && row.fromBase && (
                <label className="button small">
                  Replace…
                  <input type="file" className="visually-hidden-input" aria-label={`Replace ${row.name} with a new file`}
                    onChange={(e) => e.target.files?.[0] && onReplace(row, e.target.files[0])} />
                </label>
              )}{" "}
              {!locked && (
                <button type="button" className="small" aria-label={`${row.removed ? "Keep" : "Remove"} ${row.name}`} onClick={() => onRemove(row)}>
                  {row.removed ? "Keep" : "Remove"}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
