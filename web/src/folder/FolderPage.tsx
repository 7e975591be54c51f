import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import type { Folder, NamedId } from "../api/types";
import { recordVisit } from "../recent/recent";
import { useSession } from "../session/SessionGate";
import { ErrorMessage, Loading } from "../ui/ErrorMessage";
import { Markdown } from "../ui/Markdown";
import { useTitle } from "../ui/useTitle";
import { EntryTable } from "./EntryTable";
import { FolderActions } from "./FolderActions";
import { fetchFolder, folderKey } from "./folderApi";

const kMaxDepth = 12;

/** The path from the top down to `folder`'s first visible parent, following first parents. */
function useAncestors(folder: Folder | undefined): NamedId[] {
  const queryClient = useQueryClient();
  const ancestors = useQuery({
    queryKey: ["ancestors", folder?.id, folder?.parents.map((p) => p.id).join(",")],
    enabled: folder !== undefined,
    queryFn: async () => {
      const chain: NamedId[] = [];
      let parent = folder?.parents[0];
      while (parent && chain.length < kMaxDepth && !chain.some((p) => p.id === parent!.id)) {
        chain.unshift(parent);
        const id: string = parent.id;
        const up: Folder = await queryClient.fetchQuery({ queryKey: folderKey(id), queryFn: () => fetchFolder(id) });
        parent = up.parents[0];
      }
      return chain;
    },
  });
  return ancestors.data ?? folder?.parents.slice(0, 1) ?? [];
}

/** A folder: where it is, its description, its entries, and what can be done with them. */
export default function FolderPage() {
  const { folderId = "" } = useParams();
  const { session } = useSession();
  const folder = useQuery({ queryKey: folderKey(folderId), queryFn: () => fetchFolder(folderId) });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const ancestors = useAncestors(folder.data);
  useTitle(folder.data?.name ?? "Folder");

  useEffect(() => {
    setSelected(new Set());
    setMessage(null);
  }, [folderId]);
  useEffect(() => {
    if (folder.data) {
      recordVisit(session.user.id, { kind: "folder", id: folder.data.id, name: folder.data.name, path: `folder/${folder.data.id}` });
    }
  }, [folder.data, session.user.id]);

  if (folder.isPending) return <Loading what="the folder" />;
  if (folder.error) return <ErrorMessage error={folder.error} prefix="Could not open this folder" onRetry={() => folder.refetch()} />;
  const data = folder.data;
  const otherParents = data.parents.slice(1);
  const present = new Set(data.entries.map((e) => e.id));
  const selection = [...selected].filter((id) => present.has(id));

  return (
    <>
      <nav aria-label="Breadcrumbs" className="breadcrumbs">
        <ol>
          {ancestors.map((parent) => (
            <li key={parent.id}>
              <Link to={`/folder/${encodeURIComponent(parent.id)}`}>{parent.name}</Link>
            </li>
          ))}
          <li aria-current="page">{data.name}</li>
        </ol>
      </nav>
      <h1>{data.name}</h1>
      {otherParents.length > 0 && (
        <p className="muted">
          Also in:{" "}
          {otherParents.map((parent, index) => (
            <span key={parent.id}>
              {index > 0 && ", "}
              <Link to={`/folder/${encodeURIComponent(parent.id)}`}>{parent.name}</Link>
            </span>
          ))}
        </p>
      )}
      <Markdown source={data.description} />
      <FolderActions
        folder={data}
        selected={selection}
        onDone={(text) => {
          setSelected(new Set());
          setMessage(text);
        }}
      />
      <p role="status" className={message ? "success" : "visually-hidden"}>
        {message ?? ""}
      </p>
      <EntryTable
        entries={data.entries}
        selected={selected}
        onSelectedChange={setSelected}
        emptyText={data.folder_type === "trash" ? "The Trash is empty." : "Nothing here yet."}
      />
      <p className="hint">
        {data.entries.length.toLocaleString("en-US")} item{data.entries.length === 1 ? "" : "s"}
        {data.creator ? ` · created by ${data.creator.name}` : ""}
      </p>
    </>
  );
}
