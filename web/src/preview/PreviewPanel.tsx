import { useQuery } from "@tanstack/react-query";
import { ApiError, api } from "../api/client";
import type { DataFile, Preview } from "../api/types";
import { ErrorMessage, Loading } from "../ui/ErrorMessage";
import { formatCount } from "../ui/format";
import { Heatmap } from "./Heatmap";

async function fetchPreview(fileId: string): Promise<Preview | null> {
  try {
    return await api.get<Preview>(`datafile-preview/${encodeURIComponent(fileId)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

async function fetchColumnTypes(versionId: string, fileName: string): Promise<Record<string, string> | null> {
  try {
    return await api.get<Record<string, string> | null>("datafile/column_types", {
      dataset_version_id: versionId,
      datafile_name: fileName,
    });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 404)) return null;
    throw error;
  }
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number" && Number.isNaN(cell)) return "";
  return String(cell);
}

/** The first rows and columns of a table or matrix, with the totals; matrices get a heatmap too. */
export function PreviewPanel({ file, versionId }: { file: DataFile; versionId: string }) {
  const isMatrix = file.type === "HDF5";
  const isTable = file.type === "Columnar";
  const preview = useQuery({ queryKey: ["preview", file.id], queryFn: () => fetchPreview(file.id) });
  const types = useQuery({
    queryKey: ["column_types", versionId, file.name],
    queryFn: () => fetchColumnTypes(versionId, file.name),
    enabled: isTable,
  });

  if (preview.isPending) return <Loading what="the preview" />;
  if (preview.error) return <ErrorMessage error={preview.error} prefix="Could not load the preview" onRetry={() => preview.refetch()} />;
  if (preview.data === null) return <p className="muted">No preview is available for this file.</p>;
  const { num_rows, num_columns, top_left_preview: table } = preview.data;
  if (!table) return <p className="muted">The preview of this file holds no data.</p>;
  const shownRows = table.data.length;
  const shownColumns = table.column_names.length;
  const columnTypes = types.data ?? null;

  return (
    <div className="preview">
      <p>
        <strong>
          {formatCount(num_rows)} rows × {formatCount(num_columns)} columns
        </strong>{" "}
        <span className="muted">
          (showing {shownRows.toLocaleString("en-US")} of {formatCount(num_rows)} rows and {shownColumns} of {formatCount(num_columns)}{" "}
          columns)
        </span>
      </p>
      <div className="preview-wrap" tabIndex={0} role="region" aria-label={`Preview of ${file.name}`}>
        <table className="preview-table">
          <thead>
            <tr>
              {table.row_names && <th scope="col"><span className="visually-hidden">Row name</span></th>}
              {table.column_names.map((name, c) => (
                <th key={c} scope="col">
                  {cellText(name)}
                  {columnTypes && columnTypes[cellText(name)] && <div className="hint">{columnTypes[cellText(name)]}</div>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.data.map((row, r) => (
              <tr key={r}>
                {table.row_names && <th scope="row">{cellText(table.row_names[r])}</th>}
                {row.map((cell, c) => {
                  const text = cellText(cell);
                  return (
                    <td key={c} className={text === "" ? "na" : undefined}>
                      {text === "" ? "NA" : text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isMatrix && <Heatmap data={table.data} label={file.name} />}
    </div>
  );
}
