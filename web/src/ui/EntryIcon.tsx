// Small line icons for entry kinds (inline SVG: no icon font, no emoji font needed).

const kPaths: Record<string, string> = {
  // a folder with a tab
  folder: "M1.5 4.5h4l1.5 1.5h7.5v7.5h-13z",
  // a table: a box with a header line and a column line
  dataset: "M1.5 2.5h13v11h-13zM1.5 6h13M6 6v7.5",
  // a page with a folded corner
  dataset_version: "M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3",
};

export function EntryIcon({ type }: { type: string }) {
  return (
    <svg className="entry-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={kPaths[type] ?? kPaths.dataset_version} fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
    </svg>
  );
}
