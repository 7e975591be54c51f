// What a new version starts from: the chosen version's files, kept as references to the files
// already in Taiga, and the warnings to show when that version is not the latest or not approved.
import { useQuery } from "@tanstack/react-query";
import { fetchDatasetVersion } from "../dataset/datasetApi";
import { newKey, type Row } from "./uploadModel";

export function useBaseVersion(datasetId: string | null, from: string | null) {
  return useQuery({
    queryKey: ["dataset", datasetId ?? "", from ?? "latest"],
    queryFn: () => fetchDatasetVersion(datasetId!, from ?? "latest"),
    enabled: datasetId !== null,
  });
}

export function baseRows(permaname: string, version: string, files: { name: string }[]): Row[] {
  return files.map((file) => ({
    key: newKey(),
    kind: "existing",
    name: file.name,
    taigaId: `${permaname}.${version}/${file.name}`,
    fromBase: true,
    format: "Raw",
    encoding: "UTF-8",
    phase: "ready",
  }));
}

export function baseWarnings(state: string, version: string, latest: number): string[] {
  const warnings: string[] = [];
  if (state === "deprecated") warnings.push(`Version ${version} is deprecated: are you sure you want to start from it?`);
  if (state === "deleted") warnings.push(`Version ${version} is marked deleted: are you sure you want to start from it?`);
  if (Number(version) < latest) {
    warnings.push(
      `You are starting from version ${version}, but the latest is ${latest}: files added or changed since version ${version} will not be in the new version.`,
    );
  }
  return warnings;
}
