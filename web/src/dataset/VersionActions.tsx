import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import type { Dataset, DatasetVersion } from "../api/types";
import { folderKey, linkEntries } from "../folder/folderApi";
import { FolderPicker } from "../folder/FolderPicker";
import { MarkdownDialog, NameDialog } from "../folder/TextDialogs";
import { EditorsDialog } from "../grants/EditorsDialog";
import { Dialog } from "../ui/Dialog";
import { ErrorMessage } from "../ui/ErrorMessage";
import { approveVersion, deleteVersion, deprecateVersion, describeVersion, renameDataset } from "./datasetApi";

type Open = null | "rename" | "describe" | "deprecate" | "delete" | "link" | "editors";

/** What can be done with a dataset and its shown version: rename, describe, new version, states. */
export function VersionActions({
  dataset,
  version,
  onDone,
}: {
  dataset: Dataset;
  version: DatasetVersion;
  onDone: (message: string) => void;
}) {
  const [open, setOpen] = useState<Open>(null);
  const [reason, setReason] = useState("");
  const queryClient = useQueryClient();
  const finish = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: ["dataset"] });
    await queryClient.invalidateQueries({ queryKey: ["activity", dataset.id] });
    setOpen(null);
    setReason("");
    onDone(message);
  };
  const rename = useMutation({ mutationFn: (name: string) => renameDataset(dataset.id, name), onSuccess: () => finish("Renamed.") });
  const describe = useMutation({
    mutationFn: (text: string) => describeVersion(version.id, text),
    onSuccess: () => finish(`Saved the description of version ${version.version}.`),
  });
  const deprecate = useMutation({
    mutationFn: (why: string) => deprecateVersion(version.id, why),
    onSuccess: () => finish(`Version ${version.version} is deprecated.`),
  });
  const approve = useMutation({
    mutationFn: () => approveVersion(version.id),
    onSuccess: () => finish(`Version ${version.version} is approved again.`),
  });
  const link = useMutation({
    mutationFn: (folder: { id: string; name: string }) => linkEntries([dataset.id], folder.id).then(() => folder),
    onSuccess: async (folder) => {
      await queryClient.invalidateQueries({ queryKey: folderKey(folder.id) });
      await finish(`“${dataset.name}” is now also in “${folder.name}”.`);
    },
  });
  const remove = useMutation({
    mutationFn: (why: string) => deleteVersion(version.id, why.trim() || undefined),
    onSuccess: () => finish(`Version ${version.version} is marked deleted.`),
  });

  function submitReason(event: FormEvent) {
    event.preventDefault();
    if (open === "deprecate" && reason.trim()) deprecate.mutate(reason.trim());
    if (open === "delete") remove.mutate(reason);
  }
  const reasonMutation = open === "deprecate" ? deprecate : remove;

  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="Dataset actions">
        {dataset.can_edit && (
          <Link className="button primary" to={`/upload?dataset=${encodeURIComponent(dataset.id)}&from=${version.version}`}>
            New version
          </Link>
        )}
        {dataset.can_edit && (
          <button type="button" onClick={() => setOpen("rename")}>
            Rename dataset
          </button>
        )}
        <button type="button" onClick={() => setOpen("link")}>
          Link into a folder…
        </button>
        <button type="button" onClick={() => setOpen("editors")}>
          Editors…
        </button>
        {version.can_edit && (
          <button type="button" onClick={() => setOpen("describe")}>
            Edit description
          </button>
        )}
        {version.can_edit && version.state === "approved" && (
          <button type="button" onClick={() => setOpen("deprecate")}>
            Deprecate version {version.version}
          </button>
        )}
        {version.can_edit && version.state !== "approved" && (
          <button type="button" disabled={approve.isPending} onClick={() => approve.mutate()}>
            {version.state === "deleted" ? "Restore" : "De-deprecate"} version {version.version}
          </button>
        )}
        {version.can_edit && version.state !== "deleted" && (
          <button type="button" className="danger" onClick={() => setOpen("delete")}>
            Delete version {version.version}
          </button>
        )}
      </div>
      <ErrorMessage error={approve.error} prefix="Could not change the state" />
      {open === "rename" && (
        <NameDialog title="Rename dataset" initialName={dataset.name} busy={rename.isPending} error={rename.error}
          onSave={(name) => rename.mutate(name)} onClose={() => setOpen(null)} />
      )}
      {open === "describe" && (
        <MarkdownDialog title={`Description of version ${version.version}`} initial={version.description}
          busy={describe.isPending} error={describe.error} onSave={(text) => describe.mutate(text)} onClose={() => setOpen(null)} />
      )}
      {open === "editors" && (
        <EditorsDialog entryId={dataset.id} entryName={dataset.name} canEdit={dataset.can_edit} onClose={() => setOpen(null)} />
      )}
      {open === "link" && (
        <FolderPicker title={`Link “${dataset.name}” into…`} confirmLabel="Link into" exclude={dataset.folders.map((f) => f.id)}
          busy={link.isPending} error={link.error} onPick={(folder) => link.mutate(folder)} onClose={() => setOpen(null)} />
      )}
      {(open === "deprecate" || open === "delete") && (
        <Dialog title={open === "deprecate" ? `Deprecate version ${version.version}` : `Delete version ${version.version}?`} onClose={() => setOpen(null)}>
          <form onSubmit={submitReason}>
            <p>
              {open === "deprecate"
                ? "People will be warned that this version should not be used. It stays readable and downloadable."
                : "The version is marked deleted: it stays readable and downloadable, and can be restored later."}
            </p>
            <div className="field">
              <label htmlFor="state-reason">{open === "deprecate" ? "Reason (required)" : "Reason (optional)"}</label>
              <input id="state-reason" data-autofocus value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
            <ErrorMessage error={reasonMutation.error} />
            <div className="dialog-actions">
              <button type="button" onClick={() => setOpen(null)}>
                Cancel
              </button>
              <button type="submit" className={open === "delete" ? "primary danger" : "primary"}
                disabled={reasonMutation.isPending || (open === "deprecate" && !reason.trim())}>
                {open === "deprecate" ? "Deprecate" : "Delete"}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
