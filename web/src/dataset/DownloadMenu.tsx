import { useEffect, useRef, useState } from "react";
import { ErrorMessage } from "../ui/ErrorMessage";
import { ConversionFailed, fetchDownloadUrl, formatLabel, startDownload, type ConversionProgress } from "./conversion";

type State =
  | { kind: "idle" }
  | { kind: "working"; format: string; progress: ConversionProgress }
  | { kind: "started"; format: string }
  | { kind: "failed"; format: string; error: unknown };

/**
 * "Download ▾": the formats the file can be downloaded in. Choosing one asks the server for it,
 * shows the conversion's progress while the server converts, then starts the download.
 */
export function DownloadMenu({ versionId, fileName, formats }: { versionId: string; fileName: string; formats: string[] }) {
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<State>({ kind: "idle" });
  const abortRef = useRef<AbortController | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => () => abortRef.current?.abort(), []);
  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelector("button")?.focus();
    // A click or focus anywhere else closes the menu.
    const away = (event: Event) => {
      if (!menuRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", away);
    document.addEventListener("focusin", away);
    return () => {
      document.removeEventListener("mousedown", away);
      document.removeEventListener("focusin", away);
    };
  }, [open]);

  async function download(format: string, force = false) {
    setOpen(false);
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setState({ kind: "working", format, progress: { status: "Asking the server" } });
    try {
      const url = await fetchDownloadUrl({
        versionId,
        fileName,
        format,
        force,
        signal: controller.signal,
        onProgress: (progress) => setState({ kind: "working", format, progress }),
      });
      startDownload(url);
      setState({ kind: "started", format });
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") setState({ kind: "idle" });
      else setState({ kind: "failed", format, error });
    }
  }

  function onMenuKey(event: React.KeyboardEvent) {
    const items = Array.from(listRef.current?.querySelectorAll("button") ?? []);
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape") {
      setOpen(false);
      buttonRef.current?.focus();
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      items[(index + 1) % items.length]?.focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      items[(index - 1 + items.length) % items.length]?.focus();
    }
  }

  if (formats.length === 0) return <span className="muted">not downloadable</span>;
  const working = state.kind === "working";
  return (
    <div className="download">
      <div className="menu" ref={menuRef}>
        <button
          ref={buttonRef}
          type="button"
          className="small"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-label={`Download ${fileName}`}
          disabled={working}
          onClick={() => setOpen(!open)}
        >
          Download ▾
        </button>
        {open && (
          <ul ref={listRef} className="menu-list" role="menu" aria-label={`Formats of ${fileName}`} onKeyDown={onMenuKey}>
            {formats.map((format) => (
              <li key={format} role="none">
                <button type="button" role="menuitem" onClick={() => void download(format)}>
                  {formatLabel(format)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div role="status" aria-live="polite">
        {state.kind === "working" && (
          <span className="status-line">
            {formatLabel(state.format)}: {state.progress.status}
            {state.progress.total !== undefined && state.progress.total > 0 && state.progress.current !== undefined ? (
              <progress max={state.progress.total} value={state.progress.current} aria-label="Conversion progress" />
            ) : (
              <progress aria-label="Conversion progress" />
            )}
            <button type="button" className="link-button" onClick={() => abortRef.current?.abort()}>
              Cancel
            </button>
          </span>
        )}
        {state.kind === "started" && <span className="status-line done">{formatLabel(state.format)} download started.</span>}
      </div>
      {state.kind === "failed" && (
        <ErrorMessage error={state.error} prefix={`Could not download as ${formatLabel(state.format)}`} onRetry={() => void download(state.format, state.error instanceof ConversionFailed)} />
      )}
    </div>
  );
}
