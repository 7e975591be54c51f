// Recently viewed folders and datasets, kept in this browser's localStorage per user (newest
// first, at most kMax). Nothing is sent to the server.

export interface RecentItem {
  kind: "folder" | "dataset";
  id: string;
  name: string;
  /** The app path to go back to, e.g. "folder/abc" or "dataset/my-data-1a2b/3". */
  path: string;
  /** ISO time of the visit. */
  at: string;
}

const kMax = 50;

function key(userId: string): string {
  return `taiga.recent.${userId}`;
}

export function listRecent(userId: string): RecentItem[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key(userId)) ?? "[]");
    return Array.isArray(parsed) ? (parsed as RecentItem[]) : [];
  } catch {
    return [];
  }
}

export function recordVisit(userId: string, item: Omit<RecentItem, "at">, now = new Date()): void {
  const rest = listRecent(userId).filter((old) => !(old.kind === item.kind && old.id === item.id));
  const next = [{ ...item, at: now.toISOString() }, ...rest].slice(0, kMax);
  try {
    localStorage.setItem(key(userId), JSON.stringify(next));
  } catch {
    // Storage full or disabled: recently viewed is a convenience, so nothing is lost.
  }
}

export function clearRecent(userId: string): void {
  localStorage.removeItem(key(userId));
}
