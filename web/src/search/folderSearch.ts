// Searching entry names under a folder, in the browser: the folder tree is walked breadth-first
// (each folder read once, folders already seen skipped, so links and cycles are safe) up to a
// limit, and every entry whose name contains the text is a result, with the path to it.
import type { Folder, FolderEntry, NamedId } from "../api/types";

export interface SearchHit {
  entry: FolderEntry;
  /** The folders from the search root down to the one holding the entry. */
  path: NamedId[];
}

export interface SearchProgress {
  hits: SearchHit[];
  visited: number;
  done: boolean;
  /** The walk stopped at the limit before seeing every folder. */
  truncated: boolean;
}

export interface SearchOptions {
  rootId: string;
  text: string;
  load: (id: string) => Promise<Folder>;
  onProgress: (progress: SearchProgress) => void;
  signal: AbortSignal;
  maxFolders?: number;
  concurrency?: number;
}

export async function searchFolders(options: SearchOptions): Promise<SearchProgress> {
  const { rootId, load, onProgress, signal, maxFolders = 500, concurrency = 4 } = options;
  const needle = options.text.trim().toLocaleLowerCase();
  const seen = new Set<string>([rootId]);
  const queue: { id: string; path: NamedId[] }[] = [{ id: rootId, path: [] }];
  const hits: SearchHit[] = [];
  let visited = 0;
  let truncated = false;

  const visit = async (item: { id: string; path: NamedId[] }) => {
    let folder: Folder;
    try {
      folder = await load(item.id);
    } catch {
      return; // an unreadable folder is skipped; the others are still searched
    }
    const path = [...item.path, { id: folder.id, name: folder.name }];
    for (const entry of folder.entries) {
      if (entry.name.toLocaleLowerCase().includes(needle)) hits.push({ entry, path });
      if (entry.type === "folder" && !seen.has(entry.id)) {
        seen.add(entry.id);
        queue.push({ id: entry.id, path });
      }
    }
    onProgress({ hits: [...hits], visited, done: false, truncated });
  };

  const inFlight = new Set<Promise<void>>();
  while ((queue.length > 0 || inFlight.size > 0) && !signal.aborted) {
    while (queue.length > 0 && inFlight.size < concurrency) {
      if (visited >= maxFolders) {
        truncated = true;
        queue.length = 0;
        break;
      }
      visited += 1;
      const running: Promise<void> = visit(queue.shift()!).finally(() => inFlight.delete(running));
      inFlight.add(running);
    }
    if (inFlight.size > 0) await Promise.race(inFlight);
  }
  const result = { hits, visited, done: true, truncated };
  onProgress(result);
  return result;
}
