// Dataset and version reads and writes.
import { api } from "../api/client";
import type { Activity, DataFile, Dataset, DatasetFull, DatasetVersion } from "../api/types";

export interface DatasetWithVersion {
  dataset: Dataset;
  datasetVersion: DatasetVersion;
}

export const datasetKey = (datasetId: string, version: string) => ["dataset", datasetId, version] as const;

/** `version` is a version number, a version id, or "latest". */
export function fetchDatasetVersion(datasetId: string, version: string): Promise<DatasetWithVersion> {
  return api.get<DatasetWithVersion>(`dataset/${encodeURIComponent(datasetId)}/${encodeURIComponent(version)}`);
}

/** All of a dataset's permanames (oldest first) and its versions with dates. */
export async function fetchDatasetFull(datasetId: string): Promise<DatasetFull | undefined> {
  const [full] = await api.post<DatasetFull[]>("datasets", { datasetIds: [datasetId] });
  return full;
}

export function fetchActivity(datasetId: string): Promise<Activity[]> {
  return api.get<Activity[]>(`dataset/${encodeURIComponent(datasetId)}/activityLog`);
}

export const renameDataset = (id: string, name: string) => api.post<string>(`dataset/${encodeURIComponent(id)}/name`, { name });
export const describeVersion = (versionId: string, description: string) =>
  api.post(`datasetVersion/${encodeURIComponent(versionId)}/description`, { description });
export const deprecateVersion = (versionId: string, reason: string) =>
  api.post(`datasetVersion/${encodeURIComponent(versionId)}/deprecate`, { deprecationReason: reason });
export const approveVersion = (versionId: string) => api.post(`datasetVersion/${encodeURIComponent(versionId)}/de-deprecate`);
export const deleteVersion = (versionId: string, reason?: string) =>
  api.post(`datasetVersion/${encodeURIComponent(versionId)}/delete`, reason ? { reason } : {});

/** The taiga id of a file: `permaname.version/name`. */
export function taigaId(permaname: string, version: string | number, fileName: string): string {
  return `${permaname}.${version}/${fileName}`;
}

/** A Python identifier made from a file name, for the taigapy snippet. */
export function pythonName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1");
  return cleaned || "data";
}

/** An R name made from a file name, for the taigr snippet. */
export function rName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.]/g, ".").replace(/^([\d_])/, "X$1");
  return cleaned || "data";
}

export function isRawOnly(file: DataFile): boolean {
  return file.type === "Raw" || file.allowed_conversion_type.every((format) => format === "raw");
}
