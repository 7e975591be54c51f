import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import type { FolderEntry } from "../api/types";
import { EntryIcon } from "../ui/EntryIcon";
import { formatDate } from "../ui/format";
import { entryPath } from "./folderApi";

export type SortKey = "name" | "type" | "date" | "creator";
interface Sort {
  key: SortKey;
  ascending: boolean;
}

const kRowHeight = 34;
const kTypeNames: Record<string, string> = { folder: "Folder", dataset: "Dataset", dataset_version: "Version" };

function compare(a: FolderEntry, b: FolderEntry, key: SortKey): number {
  const byName = a.name.localeCompare(b.name, undefined, { sensitivity: "base", numeric: true });
  switch (key) {
    case "name":
      return (a.type === "folder" ? 0 : 1) - (b.type === "folder" ? 0 : 1) || byName;
    case "type":
      return a.type.localeCompare(b.type) || byName;
    case "date":
      return a.creation_date.localeCompare(b.creation_date) || byName;
    case "creator":
      return (a.creator?.name ?? "").localeCompare(b.creator?.name ?? "") || byName;
  }
}

export function sortEntries(entries: FolderEntry[], sort: Sort): FolderEntry[] {
  const sorted = [...entries].sort((a, b) => compare(a, b, sort.key));
  return sort.ascending ? sorted : sorted.reverse();
}

const kColumns: { key: SortKey; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "type", label: "Type" },
  { key: "date", label: "Created" },
  { key: "creator", label: "Creator" },
];

/**
 * A folder's entries: sortable by each column, rows selectable with their checkboxes, and only
 * the rows in view are in the DOM (a folder of thousands scrolls as fast as one of ten).
 */
export function EntryTable({
  entries,
  selected,
  onSelectedChange,
  emptyText,
}: {
  entries: FolderEntry[];
  selected: Set<string>;
  onSelectedChange: (next: Set<string>) => void;
  emptyText: string;
}) {
  const [sort, setSort] = useState<Sort>({ key: "name", ascending: true });
  const rows = useMemo(() => sortEntries(entries, sort), [entries, sort]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => kRowHeight,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
  });

  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  function toggle(id: string) {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelectedChange(next);
  }

  return (
    <div className="vtable" role="table" aria-label="Folder contents" aria-rowcount={rows.length + 1}>
      <div role="rowgroup">
        <div className="vtable-head" role="row" aria-rowindex={1}>
          <div role="columnheader">
            <input
              type="checkbox"
              aria-label="Select all"
              checked={allSelected}
              disabled={rows.length === 0}
              onChange={() => onSelectedChange(allSelected ? new Set() : new Set(rows.map((row) => row.id)))}
            />
          </div>
          {kColumns.map((column) => (
            <div
              key={column.key}
              role="columnheader"
              aria-sort={sort.key === column.key ? (sort.ascending ? "ascending" : "descending") : "none"}
            >
              <button
                type="button"
                onClick={() =>
                  setSort((old) => ({ key: column.key, ascending: old.key === column.key ? !old.ascending : true }))
                }
              >
                {column.label}
                {sort.key === column.key ? (sort.ascending ? " ▲" : " ▼") : ""}
              </button>
            </div>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className="vtable-body" role="rowgroup" data-testid="entry-rows">
        {rows.length === 0 && (
          <div role="row" className="vtable-empty">
            <div role="cell">{emptyText}</div>
          </div>
        )}
        <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = rows[item.index]!;
            const isSelected = selected.has(entry.id);
            return (
              <div
                key={entry.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                className={isSelected ? "vtable-row selected" : "vtable-row"}
                style={{ top: item.start, height: kRowHeight }}
              >
                <div role="cell">
                  <input
                    type="checkbox"
                    aria-label={`Select ${entry.name}`}
                    checked={isSelected}
                    onChange={() => toggle(entry.id)}
                  />
                </div>
                <div role="cell" title={entry.name}>
                  <EntryIcon type={entry.type} />
                  <Link to={entryPath(entry)}>{entry.name}</Link>
                </div>
                <div role="cell">{kTypeNames[entry.type] ?? entry.type}</div>
                <div role="cell">{formatDate(entry.creation_date)}</div>
                <div role="cell">{entry.creator?.name ?? "—"}</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
