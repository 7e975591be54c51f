import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { ApiError, api } from "../api/client";
import type { Dataset, DatasetVersion } from "../api/types";

/**
 * Where a typed text leads: a dataset version for an id, permaname, `permaname.N`,
 * `permaname/N` or a taiga id `permaname.N/file` (the file is highlighted); else a search.
 */
export async function resolveJump(text: string): Promise<string> {
  const typed = text.trim();
  const fileMatch = /^([^/]+\.\d+)\/(.+)$/.exec(typed);
  const what = fileMatch ? fileMatch[1]! : typed;
  try {
    const versionId = await api.get<string>("datasetVersion/id/find", { entry_submitted_by_user: what });
    const found = await api.get<{ dataset: Dataset; datasetVersion: DatasetVersion }>(
      `dataset/x/${encodeURIComponent(versionId)}`,
    );
    const permaname = found.dataset.permanames[0] ?? found.dataset.id;
    const path = `dataset/${encodeURIComponent(permaname)}/${found.datasetVersion.version}`;
    return fileMatch ? `${path}/${encodeURIComponent(fileMatch[2]!)}` : path;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
      return `search?q=${encodeURIComponent(typed)}`;
    }
    throw error;
  }
}

/** The header's box: go to a dataset by id or permaname, or search folders by name. */
export function JumpBox() {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    setError(null);
    try {
      navigate(`/${await resolveJump(text)}`);
      setText("");
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  return (
    <form role="search" aria-label="Go to a dataset" className="jump" onSubmit={submit}>
      <label htmlFor="jump" className="visually-hidden">
        Go to a dataset (id, permaname, permaname.version, taiga id) or search by name
      </label>
      <input
        id="jump"
        type="search"
        placeholder="Dataset id, permaname.version, or a name to search"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">Go</button>
      {error && (
        <span role="alert" className="jump-error">
          {error}
        </span>
      )}
    </form>
  );
}
