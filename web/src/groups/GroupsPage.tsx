import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { api } from "../api/client";
import type { Group, GroupSummary } from "../api/types";
import { ErrorMessage, Loading } from "../ui/ErrorMessage";
import { useTitle } from "../ui/useTitle";

/** The groups the user is in, and a form to make one. */
export default function GroupsPage() {
  useTitle("Groups");
  const queryClient = useQueryClient();
  const groups = useQuery({ queryKey: ["groups"], queryFn: () => api.get<GroupSummary[]>("group/allJoined") });
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: (groupName: string) => api.post<Group>("group/create", { name: groupName }),
    onSuccess: () => {
      setName("");
      return queryClient.invalidateQueries({ queryKey: ["groups"] });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate(name.trim());
  }
  return (
    <>
      <h1>Your groups</h1>
      <p className="hint">A group's members can be given the right to edit folders and datasets together.</p>
      {groups.isPending && <Loading what="your groups" />}
      <ErrorMessage error={groups.error} prefix="Could not load your groups" onRetry={() => groups.refetch()} />
      {groups.data?.length === 0 && <p>You are in no group yet.</p>}
      {groups.data && groups.data.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Members</th>
            </tr>
          </thead>
          <tbody>
            {groups.data.map((group) => (
              <tr key={group.id}>
                <td>
                  <Link to={`/group/${group.id}`}>{group.name}</Link>
                </td>
                <td>{group.num_users}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>New group</h2>
      <form className="row" onSubmit={submit}>
        <label htmlFor="group-name">Name</label>
        <input id="group-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
          Create group
        </button>
      </form>
      <ErrorMessage error={create.error} prefix="Could not create the group" />
    </>
  );
}
