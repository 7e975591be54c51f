// Folder reads and writes, as TanStack Query keys and plain functions.
import { api } from "../api/client";
import type { Folder, NamedId } from "../api/types";

export const folderKey = (id: string) => ["folder", id] as const;

export function fetchFolder(id: string): Promise<Folder> {
  return api.get<Folder>(`folder/${encodeURIComponent(id)}`);
}

export function createFolder(parentId: string, name: string, description: string): Promise<NamedId> {
  return api.post<NamedId>("folder/create", { name, parentId, description: description || null });
}

export function renameFolder(id: string, name: string): Promise<string> {
  return api.post<string>(`folder/${encodeURIComponent(id)}/name`, { name });
}

export function describeFolder(id: string, description: string): Promise<string> {
  return api.post<string>(`folder/${encodeURIComponent(id)}/description`, { description });
}

/** Moves entries out of `from` into `to`; without `to`, into the caller's Trash. */
export function moveEntries(entryIds: string[], from: string, to?: string): Promise<unknown> {
  return api.post("move", { entryIds, currentFolderId: from, targetFolderId: to ?? null });
}

/** Adds `folderId` as one more parent of each entry. */
export function linkEntries(entryIds: string[], folderId: string): Promise<unknown> {
  return api.post("copy", { entryIds, folderId });
}

export function deleteDataset(id: string): Promise<unknown> {
  return api.del(`dataset/${encodeURIComponent(id)}`);
}

/** The app path of an entry of a folder. */
export function entryPath(entry: { type: string; id: string }): string {
  switch (entry.type) {
    case "folder":
      return `/folder/${encodeURIComponent(entry.id)}`;
    case "dataset":
      return `/dataset/${encodeURIComponent(entry.id)}`;
    default:
      return `/dataset/x/${encodeURIComponent(entry.id)}`;
  }
}
