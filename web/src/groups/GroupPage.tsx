import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { api } from "../api/client";
import type { Group, NamedId } from "../api/types";
import { useSession } from "../session/SessionGate";
import { ErrorMessage, Loading } from "../ui/ErrorMessage";
import { useTitle } from "../ui/useTitle";

/** A group's members: add people by name, remove them (yourself included). */
export default function GroupPage() {
  const { groupId = "" } = useParams();
  const { session } = useSession();
  const queryClient = useQueryClient();
  const key = ["group", groupId];
  const group = useQuery({ queryKey: key, queryFn: () => api.get<Group>(`group/${encodeURIComponent(groupId)}`) });
  const users = useQuery({ queryKey: ["users"], queryFn: () => api.get<NamedId[]>("user/all") });
  const [chosen, setChosen] = useState("");
  useTitle(group.data?.name ?? "Group");
  const onChanged = (next: Group) => {
    queryClient.setQueryData(key, next);
    return queryClient.invalidateQueries({ queryKey: ["groups"] });
  };
  const add = useMutation({
    mutationFn: (userId: string) => api.post<Group>(`group/${encodeURIComponent(groupId)}/add`, { userIds: [userId] }),
    onSuccess: (next) => {
      setChosen("");
      return onChanged(next);
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api.post<Group>(`group/${encodeURIComponent(groupId)}/remove`, { userIds: [userId] }),
    onSuccess: onChanged,
  });

  if (group.isPending) return <Loading what="the group" />;
  if (group.error) return <ErrorMessage error={group.error} prefix="Could not open this group" onRetry={() => group.refetch()} />;
  const members = new Set(group.data.users.map((u) => u.id));
  const candidates = (users.data ?? []).filter((u) => !members.has(u.id));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen) add.mutate(chosen);
  }

  return (
    <>
      <p>
        <Link to="/groups">All your groups</Link>
      </p>
      <h1>{group.data.name}</h1>
      <h2>Members ({group.data.num_users})</h2>
      <ErrorMessage error={remove.error} prefix="Could not remove the member" />
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {group.data.users.map((user) => (
            <tr key={user.id}>
              <td>
                {user.name}
                {user.id === session.user.id && " (you)"}
              </td>
              <td>
                <button
                  type="button"
                  className="small danger"
                  aria-label={user.id === session.user.id ? "Leave the group" : `Remove ${user.name}`}
                  disabled={remove.isPending}
                  onClick={() => {
                    const self = user.id === session.user.id;
                    if (window.confirm(self ? `Leave the group “${group.data.name}”?` : `Remove ${user.name} from “${group.data.name}”?`)) {
                      remove.mutate(user.id);
                    }
                  }}
                >
                  {user.id === session.user.id ? "Leave" : "Remove"}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a member</h2>
      <ErrorMessage error={users.error} prefix="Could not load the list of users" />
      <form className="row" onSubmit={submit}>
        <label htmlFor="new-member">Person</label>
        <select id="new-member" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">Choose…</option>
          {candidates.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={!chosen || add.isPending}>
          Add
        </button>
      </form>
      <ErrorMessage error={add.error} prefix="Could not add the member" />
    </>
  );
}
