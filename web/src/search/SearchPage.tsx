import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { entryPath, fetchFolder, folderKey } from "../folder/folderApi";
import { useSession } from "../session/SessionGate";
import { ErrorMessage } from "../ui/ErrorMessage";
import { formatDate } from "../ui/format";
import { useTitle } from "../ui/useTitle";
import { searchFolders, type SearchProgress } from "./folderSearch";

/** Names containing the text, in a folder and the folders below it (?q=…&folder=…). */
export default function SearchPage() {
  const [params] = useSearchParams();
  const { session } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const text = params.get("q") ?? "";
  const rootId = params.get("folder") ?? session.user.home_folder_id;
  const [typed, setTyped] = useState(text);
  const [progress, setProgress] = useState<SearchProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  useTitle(text ? `Search: ${text}` : "Search");

  useEffect(() => {
    setTyped(text);
    setProgress(null);
    setError(null);
    if (!text.trim()) return;
    const controller = new AbortController();
    searchFolders({
      rootId,
      text,
      signal: controller.signal,
      load: (id) => queryClient.fetchQuery({ queryKey: folderKey(id), queryFn: () => fetchFolder(id) }),
      onProgress: (next) => !controller.signal.aborted && setProgress(next),
    }).catch((caught: unknown) => !controller.signal.aborted && setError(caught));
    return () => controller.abort();
  }, [text, rootId, queryClient]);

  function submit(event: FormEvent) {
    event.preventDefault();
    navigate(`/search?q=${encodeURIComponent(typed.trim())}&folder=${encodeURIComponent(rootId)}`);
  }

  const where = rootId === "public" ? "Public" : rootId === session.user.home_folder_id ? "Home" : "this folder";
  return (
    <>
      <h1>Search</h1>
      <form className="row" role="search" aria-label="Search names" onSubmit={submit}>
        <label htmlFor="search-text">Names containing</label>
        <input id="search-text" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="primary">
          Search
        </button>
        <span className="muted">in {where} and below ·</span>
        <Link to={`/search?q=${encodeURIComponent(text)}&folder=${encodeURIComponent(session.user.home_folder_id)}`}>Home</Link>
        <Link to={`/search?q=${encodeURIComponent(text)}&folder=public`}>Public</Link>
      </form>
      <ErrorMessage error={error} prefix="The search failed" />
      {progress && (
        <p role="status">
          {progress.hits.length} found in {progress.visited} folder{progress.visited === 1 ? "" : "s"}
          {progress.done ? "." : "… (still looking)"}
          {progress.truncated && " The search stopped after that many folders; search in a folder further down to see more."}
        </p>
      )}
      {progress && progress.hits.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">In</th>
              <th scope="col">Type</th>
              <th scope="col">Created</th>
              <th scope="col">Creator</th>
            </tr>
          </thead>
          <tbody>
            {progress.hits.map((hit) => (
              <tr key={`${hit.entry.id}-${hit.path.map((p) => p.id).join("/")}`}>
                <td>
                  <Link to={entryPath(hit.entry)}>{hit.entry.name}</Link>
                </td>
                <td>
                  {hit.path.map((step, index) => (
                    <span key={step.id}>
                      {index > 0 && " › "}
                      <Link to={`/folder/${encodeURIComponent(step.id)}`}>{step.name}</Link>
                    </span>
                  ))}
                </td>
                <td>{hit.entry.type.replace("_", " ")}</td>
                <td>{formatDate(hit.entry.creation_date)}</td>
                <td>{hit.entry.creator?.name ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!text.trim() && <p className="muted">Type part of a name to find folders and datasets.</p>}
    </>
  );
}
