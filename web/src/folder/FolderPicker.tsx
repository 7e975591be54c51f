import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { NamedId } from "../api/types";
import { useSession } from "../session/SessionGate";
import { Dialog } from "../ui/Dialog";
import { EntryIcon } from "../ui/EntryIcon";
import { ErrorMessage, Loading } from "../ui/ErrorMessage";
import { fetchFolder, folderKey } from "./folderApi";

/**
 * A dialog to choose a folder by browsing: start at Home (or Public), open subfolders, go back
 * up the trail, or paste a folder id. `exclude` lists folders that may not be chosen.
 */
export function FolderPicker({
  title,
  confirmLabel,
  exclude = [],
  busy,
  error,
  onPick,
  onClose,
}: {
  title: string;
  confirmLabel: string;
  exclude?: string[];
  busy?: boolean;
  error?: unknown;
  onPick: (folder: NamedId) => void;
  onClose: () => void;
}) {
  const { session } = useSession();
  const [trail, setTrail] = useState<NamedId[]>([{ id: session.user.home_folder_id, name: "Home" }]);
  const [typedId, setTypedId] = useState("");
  const current = trail[trail.length - 1]!;
  const folder = useQuery({ queryKey: folderKey(current.id), queryFn: () => fetchFolder(current.id) });
  const subfolders = (folder.data?.entries ?? []).filter((entry) => entry.type === "folder");
  const excluded = exclude.includes(current.id);

  function jumpTo(target: NamedId) {
    setTrail([target]);
  }

  function goToTyped(event: FormEvent) {
    event.preventDefault();
    if (typedId.trim()) jumpTo({ id: typedId.trim(), name: typedId.trim() });
    setTypedId("");
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <div className="row">
        <button type="button" className="small" onClick={() => jumpTo({ id: session.user.home_folder_id, name: "Home" })}>
          Home
        </button>
        <button type="button" className="small" onClick={() => jumpTo({ id: "public", name: "Public" })}>
          Public
        </button>
      </div>
      <nav aria-label="Picker trail" className="breadcrumbs">
        <ol>
          {trail.map((step, index) => (
            <li key={`${step.id}-${index}`}>
              {index === trail.length - 1 ? (
                <strong aria-current="location">{folder.data?.name ?? step.name}</strong>
              ) : (
                <button type="button" className="link-button" onClick={() => setTrail(trail.slice(0, index + 1))}>
                  {step.name}
                </button>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {folder.isPending && <Loading what="the folder" />}
      <ErrorMessage error={folder.error} prefix="Could not open this folder" />
      {folder.data && subfolders.length === 0 && <p className="muted">No subfolders here.</p>}
      {subfolders.length > 0 && (
        <ul className="picker-list" aria-label="Subfolders">
          {subfolders.map((sub) => (
            <li key={sub.id}>
              <button type="button" className="link-button" onClick={() => setTrail([...trail, { id: sub.id, name: sub.name }])}>
                <EntryIcon type="folder" /> {sub.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="row" onSubmit={goToTyped}>
        <label htmlFor="picker-id">Or a folder id</label>
        <input id="picker-id" value={typedId} onChange={(e) => setTypedId(e.target.value)} />
        <button type="submit" className="small">
          Open
        </button>
      </form>
      {excluded && <p className="hint">This is the folder the items are in already.</p>}
      <ErrorMessage error={error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={!folder.data || excluded || busy}
          onClick={() => folder.data && onPick({ id: folder.data.id, name: folder.data.name })}
        >
          {confirmLabel} “{folder.data?.name ?? current.name}”
        </button>
      </div>
    </Dialog>
  );
}
