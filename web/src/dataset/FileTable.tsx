import { Fragment, useState } from "react";
import { Link } from "react-router";
import type { DataFile } from "../api/types";
import { PreviewPanel } from "../preview/PreviewPanel";
import { CopyButton } from "../ui/CopyButton";
import { formatFileSize } from "../ui/format";
import { taigaId } from "./datasetApi";
import { DownloadMenu } from "./DownloadMenu";

const kTypeNames: Record<string, string> = { Raw: "Raw file", HDF5: "Matrix", Columnar: "Table" };

function underlyingLink(id: string): string {
  const match = /^(.+)\.(\d+)\/(.+)$/.exec(id);
  return match ? `/dataset/${encodeURIComponent(match[1]!)}/${match[2]}/${encodeURIComponent(match[3]!)}` : "/";
}

/** A version's files: type, summary, size as uploaded, download formats, taiga id, and a preview for tables and matrices. */
export function FileTable({
  files,
  permaname,
  version,
  versionId,
  highlight,
}: {
  files: DataFile[];
  permaname: string;
  version: string;
  versionId: string;
  highlight?: string;
}) {
  const [previewing, setPreviewing] = useState<string | null>(highlight ?? null);
  const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
  if (files.length === 0) return <p className="muted">This version has no files.</p>;
  return (
    <table className="grid files">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Summary</th>
          <th scope="col">Size</th>
          <th scope="col">Download</th>
          <th scope="col">Taiga id</th>
          <th scope="col">Preview</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((file) => {
          const id = taigaId(permaname, version, file.name);
          const canPreview = file.type === "HDF5" || file.type === "Columnar";
          const open = previewing === file.name;
          const size = file.original_file_size ?? null;
          return (
            <Fragment key={file.id}>
              <tr className={highlight === file.name ? "highlight" : undefined}>
                <th scope="row">
                  {file.name}
                  {file.underlying_file_id && (
                    <div className="hint">
                      same file as <Link to={underlyingLink(file.underlying_file_id)}>{file.underlying_file_id}</Link>
                    </div>
                  )}
                </th>
                <td>{file.type ? kTypeNames[file.type] ?? file.type : file.datafile_type === "gcs" ? "Google Cloud" : "?"}</td>
                <td>
                  {file.short_summary ?? ""}
                  {file.original_file_sha256 && (
                    <div className="hint mono" title={`SHA-256 ${file.original_file_sha256}`}>
                      sha256 {file.original_file_sha256.slice(0, 12)}…
                    </div>
                  )}
                </td>
                <td title={size === null ? "Size unknown" : `${size.toLocaleString("en-US")} bytes`}>
                  {size === null ? "—" : formatFileSize(size)}
                </td>
                <td>
                  <DownloadMenu versionId={versionId} fileName={file.name} formats={file.allowed_conversion_type} />
                </td>
                <td>
                  <code className="taiga-id">{id}</code> <CopyButton text={id} what={`the taiga id of ${file.name}`} />
                </td>
                <td>
                  {canPreview ? (
                    <button
                      type="button"
                      className="small"
                      aria-expanded={open}
                      aria-label={`${open ? "Hide" : "Show"} preview of ${file.name}`}
                      onClick={() => setPreviewing(open ? null : file.name)}
                    >
                      {open ? "Hide" : "Preview"}
                    </button>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
              {open && canPreview && (
                <tr>
                  <td colSpan={7}>
                    <PreviewPanel file={file} versionId={versionId} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
