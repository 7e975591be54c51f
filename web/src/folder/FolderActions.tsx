import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { errorMessage } from "../api/client";
import type { Folder, NamedId } from "../api/types";
import { EditorsDialog } from "../grants/EditorsDialog";
import { Dialog } from "../ui/Dialog";
import { ErrorMessage } from "../ui/ErrorMessage";
import { createFolder, deleteDataset, describeFolder, folderKey, linkEntries, moveEntries, renameFolder } from "./folderApi";
import { FolderPicker } from "./FolderPicker";
import { MarkdownDialog, NameDialog } from "./TextDialogs";

type Open = null | "create" | "rename" | "describe" | "move" | "link" | "empty" | "purge" | "editors";

/** The folder's toolbar: create, rename, describe, upload; move/link/trash the selection; empty trash. */
export function FolderActions({
  folder,
  selected,
  onDone,
}: {
  folder: Folder;
  selected: string[];
  onDone: (message: string) => void;
}) {
  const [open, setOpen] = useState<Open>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const isTrash = folder.folder_type === "trash";
  const names = folder.entries.filter((e) => selected.includes(e.id)).map((e) => e.name);
  const what = names.length === 1 ? `“${names[0]}”` : `${names.length} items`;

  const refresh = (...ids: string[]) =>
    Promise.all([folder.id, ...ids].map((id) => queryClient.invalidateQueries({ queryKey: folderKey(id) })));
  const finish = async (message: string, ...ids: string[]) => {
    await refresh(...ids);
    setOpen(null);
    onDone(message);
  };

  const create = useMutation({
    mutationFn: ({ name, description }: { name: string; description: string }) => createFolder(folder.id, name, description),
    onSuccess: (made) => finish(`Created the folder “${made.name}”.`),
  });
  const rename = useMutation({
    mutationFn: (name: string) => renameFolder(folder.id, name),
    onSuccess: () => finish("Renamed."),
  });
  const describe = useMutation({
    mutationFn: (text: string) => describeFolder(folder.id, text),
    onSuccess: () => finish("Description saved."),
  });
  const move = useMutation({
    mutationFn: (target: NamedId) => moveEntries(selected, folder.id, target.id).then(() => target),
    onSuccess: (target) => finish(`Moved ${what} to “${target.name}”.`, target.id),
  });
  const link = useMutation({
    mutationFn: (target: NamedId) => linkEntries(selected, target.id).then(() => target),
    onSuccess: (target) => finish(`${what} now also in “${target.name}”.`, target.id),
  });
  const trash = useMutation({
    mutationFn: () => moveEntries(selected, folder.id),
    onSuccess: () => finish(`Moved ${what} to the Trash.`),
  });
  // Deletes datasets for good, one by one; those the server keeps are named in the error.
  const empty = useMutation({
    mutationFn: async (datasets: { id: string; name: string }[]) => {
      const failures: string[] = [];
      for (const dataset of datasets) {
        await deleteDataset(dataset.id).catch((error: unknown) => failures.push(`${dataset.name}: ${errorMessage(error)}`));
      }
      await refresh();
      const deleted = datasets.length - failures.length;
      if (failures.length > 0) throw new Error(`Deleted ${deleted}; not deleted: ${failures.join("; ")}`);
      return deleted;
    },
    onSuccess: (deleted) => {
      setOpen(null);
      onDone(`Deleted ${deleted} dataset${deleted === 1 ? "" : "s"} for good.`);
    },
  });
  const folderCount = folder.entries.filter((e) => e.type === "folder").length;
  const allDatasets = folder.entries.filter((e) => e.type === "dataset");
  const selectedDatasets = allDatasets.filter((e) => selected.includes(e.id));
  const doomed = open === "purge" ? selectedDatasets : allDatasets;
  const datasetCount = allDatasets.length;

  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="Folder actions">
        {folder.can_edit && !isTrash && (
          <>
            <button type="button" onClick={() => setOpen("create")}>
              New folder
            </button>
            <button type="button" onClick={() => navigate(`/upload?folder=${encodeURIComponent(folder.id)}`)}>
              Upload dataset
            </button>
          </>
        )}
        {folder.can_edit && folder.folder_type === "folder" && (
          <button type="button" onClick={() => setOpen("rename")}>
            Rename
          </button>
        )}
        {folder.can_edit && (
          <button type="button" onClick={() => setOpen("describe")}>
            Edit description
          </button>
        )}
        {folder.folder_type === "folder" && (
          <button type="button" onClick={() => setOpen("editors")}>
            Editors…
          </button>
        )}
        <span className="spacer" />
        {selected.length > 0 && <span className="muted">{selected.length} selected:</span>}
        {folder.can_edit && (
          <button type="button" disabled={selected.length === 0} onClick={() => setOpen("move")}>
            Move to…
          </button>
        )}
        <button type="button" disabled={selected.length === 0} onClick={() => setOpen("link")}>
          Link into…
        </button>
        {folder.can_edit && !isTrash && (
          <button type="button" className="danger" disabled={selected.length === 0 || trash.isPending} onClick={() => trash.mutate()}>
            Move to Trash
          </button>
        )}
        {isTrash && folder.can_edit && (
          <>
            <button type="button" className="danger" disabled={selectedDatasets.length === 0} onClick={() => setOpen("purge")}>
              Delete for good…
            </button>
            <button type="button" className="danger" disabled={datasetCount === 0} onClick={() => setOpen("empty")}>
              Empty trash
            </button>
          </>
        )}
      </div>
      <ErrorMessage error={trash.error} prefix="Could not move to the Trash" />

      {open === "create" && (
        <NameDialog title="New folder" withDescription saveLabel="Create" busy={create.isPending} error={create.error}
          onSave={(name, description) => create.mutate({ name, description })} onClose={() => setOpen(null)} />
      )}
      {open === "rename" && (
        <NameDialog title="Rename folder" initialName={folder.name} busy={rename.isPending} error={rename.error}
          onSave={(name) => rename.mutate(name)} onClose={() => setOpen(null)} />
      )}
      {open === "describe" && (
        <MarkdownDialog title="Folder description" initial={folder.description ?? ""} busy={describe.isPending}
          error={describe.error} onSave={(text) => describe.mutate(text)} onClose={() => setOpen(null)} />
      )}
      {open === "editors" && (
        <EditorsDialog entryId={folder.id} entryName={folder.name} canEdit={folder.can_edit} onClose={() => setOpen(null)} />
      )}
      {open === "move" && (
        <FolderPicker title={`Move ${what} to…`} confirmLabel="Move to" exclude={[folder.id, ...selected]}
          busy={move.isPending} error={move.error} onPick={(target) => move.mutate(target)} onClose={() => setOpen(null)} />
      )}
      {open === "link" && (
        <FolderPicker title={`Link ${what} into…`} confirmLabel="Link into" exclude={[folder.id, ...selected]}
          busy={link.isPending} error={link.error} onPick={(target) => link.mutate(target)} onClose={() => setOpen(null)} />
      )}
      {(open === "empty" || open === "purge") && (
        <Dialog title={open === "empty" ? "Empty the Trash?" : `Delete ${doomed.length === 1 ? `“${doomed[0]!.name}”` : `${doomed.length} datasets`} for good?`} onClose={() => setOpen(null)}>
          <p>
            This deletes {open === "empty" ? `the ${doomed.length} dataset${doomed.length === 1 ? "" : "s"} in the Trash` : doomed.length === 1 ? "this dataset" : "these datasets"}{" "}
            for good, with all their versions and files. It cannot be undone. Datasets that are also linked into another
            folder, or whose files other datasets use, are kept (the server says which).
          </p>
          {open === "empty" && folderCount > 0 && <p className="hint">Folders stay in the Trash: Taiga cannot delete folders.</p>}
          <ErrorMessage error={empty.error} />
          <div className="dialog-actions">
            <button type="button" onClick={() => setOpen(null)}>
              Cancel
            </button>
            <button type="button" className="primary danger" disabled={empty.isPending} onClick={() => empty.mutate(doomed)}>
              {empty.isPending ? "Deleting…" : "Delete for good"}
            </button>
          </div>
        </Dialog>
      )}
      {isTrash && (
        <p className="hint">
          Items in the Trash can be moved back with “Move to…”. To delete datasets for good, use “Empty trash”. Or go{" "}
          <Link to="/">Home</Link>.
        </p>
      )}
    </>
  );
}
