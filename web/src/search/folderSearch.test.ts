import { expect, test } from "vitest";
import type { Folder, FolderEntry } from "../api/types";
import { searchFolders } from "./folderSearch";

function folder(id: string, entries: [FolderEntry["type"], string, string][]): Folder {
  return {
    id, name: id.toUpperCase(), type: "Folder", folder_type: "folder", description: null, creation_date: "", creator: null,
    parents: [], can_edit: false, can_view: true,
    entries: entries.map(([type, eid, name]) => ({ type, id: eid, name, creation_date: "", creator: null })),
  };
}

const tree: Record<string, Folder> = {
  root: folder("root", [["folder", "a", "Alpha"], ["dataset", "d1", "Gene effect"]]),
  a: folder("a", [["folder", "b", "Beta"], ["folder", "root", "loop back"], ["dataset", "d2", "gene counts"]]),
  b: folder("b", [["dataset", "d3", "Proteins"], ["folder", "a", "Alpha again"]]),
};

const load = async (id: string) => {
  const found = tree[id];
  if (!found) throw new Error("none");
  return found;
};

test("finds names case-insensitively below the root, with their paths, through cycles", async () => {
  const result = await searchFolders({ rootId: "root", text: "GENE", load, onProgress: () => {}, signal: new AbortController().signal });
  expect(result.hits.map((h) => [h.entry.id, h.path.map((p) => p.id).join("/")]).sort()).toEqual([
    ["d1", "root"],
    ["d2", "root/a"],
  ]);
  expect(result.visited).toBe(3);
  expect(result.truncated).toBe(false);
});

test("stops at the folder limit and says so", async () => {
  const result = await searchFolders({ rootId: "root", text: "p", load, onProgress: () => {}, signal: new AbortController().signal, maxFolders: 1, concurrency: 1 });
  expect(result.visited).toBe(1);
  expect(result.truncated).toBe(true);
});
