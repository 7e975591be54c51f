import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { Grant, GroupSummary, NamedId } from "../api/types";
import { Dialog } from "../ui/Dialog";
import { ErrorMessage, Loading } from "../ui/ErrorMessage";

/**
 * Who may edit an entry besides its creator and the Admin group: the editor grants of a folder
 * or dataset, with adding a person or one of the user's groups, and removing a grant.
 */
export function EditorsDialog({
  entryId,
  entryName,
  canEdit,
  onClose,
}: {
  entryId: string;
  entryName: string;
  canEdit: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const key = ["grants", entryId];
  const grants = useQuery({ queryKey: key, queryFn: () => api.get<Grant[]>(`entry/${encodeURIComponent(entryId)}/grants`) });
  const users = useQuery({ queryKey: ["users"], queryFn: () => api.get<NamedId[]>("user/all"), enabled: canEdit });
  const groups = useQuery({ queryKey: ["groups"], queryFn: () => api.get<GroupSummary[]>("group/allJoined"), enabled: canEdit });
  const [choice, setChoice] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (value: string) => {
      const [kind, id] = value.split(":") as ["user" | "group", string];
      return api.post<Grant>(`entry/${encodeURIComponent(entryId)}/grants`, kind === "user" ? { userId: id } : { groupId: Number(id) });
    },
    onSuccess: () => {
      setChoice("");
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (grantId: string) => api.post(`entry/${encodeURIComponent(entryId)}/grants/${encodeURIComponent(grantId)}/remove`),
    onSuccess: refresh,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (choice) add.mutate(choice);
  }

  return (
    <Dialog title={`Editors of “${entryName}”`} onClose={onClose}>
      <p className="hint">
        Everyone signed in can read it. Its creator, the Admin group and these editors can change it (for a folder: its name,
        description and contents; grants do not extend to what is inside).
      </p>
      {grants.isPending && <Loading what="the editors" />}
      <ErrorMessage error={grants.error} prefix="Could not load the editors" />
      {grants.data?.length === 0 && <p>No editors besides the creator and Admin members.</p>}
      {grants.data && grants.data.length > 0 && (
        <ul className="grant-list" aria-label="Editors">
          {grants.data.map((grant) => {
            const who = grant.user ? grant.user.name : `group ${grant.group?.name ?? "?"}`;
            return (
              <li key={grant.id}>
                {who}
                {canEdit && (
                  <button type="button" className="small danger" aria-label={`Remove ${who}`} disabled={remove.isPending}
                    onClick={() => remove.mutate(grant.id)}>
                    Remove
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ErrorMessage error={remove.error} prefix="Could not remove the editor" />
      {canEdit && (
        <form className="row" onSubmit={submit}>
          <label htmlFor="new-editor">Add an editor</label>
          <select id="new-editor" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose a person or group…</option>
            <optgroup label="Your groups">
              {(groups.data ?? []).map((group) => (
                <option key={group.id} value={`group:${group.id}`}>
                  {group.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="People">
              {(users.data ?? []).map((user) => (
                <option key={user.id} value={`user:${user.id}`}>
                  {user.name}
                </option>
              ))}
            </optgroup>
          </select>
          <button type="submit" className="primary" disabled={!choice || add.isPending}>
            Add
          </button>
        </form>
      )}
      <ErrorMessage error={add.error} prefix="Could not add the editor" />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
