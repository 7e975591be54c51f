import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { fetchFolder, folderKey } from "../folder/folderApi";
import { ErrorMessage, Loading } from "../ui/ErrorMessage";
import { useTitle } from "../ui/useTitle";
import { DropZone } from "./DropZone";
import { FileList } from "./FileList";
import { defaultName, guessFormat } from "./guessFormat";
import { runUpload } from "./runUpload";
import { putObject, type PutObject } from "./s3Upload";
import { baseRows, baseWarnings, useBaseVersion } from "./useBaseVersion";
import { activeRows, newKey, problems, type Row } from "./uploadModel";

/** New dataset (?folder=ID) or new version (?dataset=ID&from=N): files, formats, progress. */
export default function UploadPage({ put = putObject }: { put?: PutObject }) {
  const [params] = useSearchParams();
  const folderId = params.get("folder");
  const datasetId = params.get("dataset");
  const isVersion = datasetId !== null;
  useTitle(isVersion ? "New version" : "New dataset");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const folder = useQuery({ queryKey: folderKey(folderId ?? ""), queryFn: () => fetchFolder(folderId!), enabled: !isVersion && folderId !== null });
  const base = useBaseVersion(datasetId, params.get("from"));
  const [rows, setRows] = useState<Row[]>([]);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [changes, setChanges] = useState("");
  const [existingId, setExistingId] = useState("");
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const seeded = useRef(false);

  useEffect(() => {
    const data = base.data;
    if (!data || seeded.current) return;
    seeded.current = true;
    const permaname = data.dataset.permanames[0] ?? data.dataset.id;
    setRows(baseRows(permaname, data.datasetVersion.version, data.datasetVersion.datafiles));
    setDescription(data.datasetVersion.description);
  }, [base.data]);

  useEffect(() => {
    if (!running) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [running]);
  useEffect(() => () => abortRef.current?.abort(), []);

  const update = (key: string, patch: Partial<Row>) => setRows((old) => old.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  async function addFiles(files: File[], replacing?: Row) {
    for (const file of files) {
      const guess = await guessFormat(file).catch(() => ({ format: "Raw" as const, reason: "could not read the file's start" }));
      const row: Row = {
        key: newKey(), kind: "upload", file, format: guess.format, guess: guess.reason, encoding: "UTF-8", phase: "ready",
        name: replacing ? replacing.name : defaultName(file.name, guess.format),
      };
      setRows((old) => (replacing ? old.map((r) => (r.key === replacing.key ? row : r)) : [...old, row]));
    }
  }

  function addExisting(event: FormEvent) {
    event.preventDefault();
    const id = existingId.trim();
    if (!id) return;
    const fileName = id.split("/").slice(1).join("/");
    setRows((old) => [...old, { key: newKey(), kind: "existing", taigaId: id, name: fileName, format: "Raw", encoding: "UTF-8", phase: "ready" }]);
    setExistingId("");
  }

  const found = problems(rows, { needsName: !isVersion, name, needsChanges: isVersion, changes });

  async function start(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (found.length > 0 || running) return;
    const controller = new AbortController();
    abortRef.current = controller;
    setRunning(true);
    setError(null);
    try {
      const target = isVersion
        ? { kind: "version" as const, datasetId: base.data!.dataset.id, description, changes }
        : { kind: "dataset" as const, folderId: folderId!, name, description };
      const outcome = await runUpload({ rows: activeRows(rows), target, update, signal: controller.signal, put });
      await queryClient.invalidateQueries();
      navigate(isVersion ? `/dataset/x/${encodeURIComponent(outcome.id)}` : `/dataset/${encodeURIComponent(outcome.id)}`);
    } catch (caught) {
      if (!(caught instanceof DOMException && caught.name === "AbortError")) setError(caught);
      else setError(new Error("Cancelled. Nothing was created; press the button again to resume."));
      setRunning(false);
    }
  }

  if (!isVersion && folderId === null) return <ErrorMessage error={new Error("Open a folder and use “Upload dataset” there.")} />;
  if (folder.isPending && !isVersion) return <Loading what="the folder" />;
  if (isVersion && base.isPending) return <Loading what="the dataset" />;
  const loadError = isVersion ? base.error : folder.error;
  if (loadError) return <ErrorMessage error={loadError} prefix="Could not prepare the upload" />;
  const mayEdit = isVersion ? base.data!.dataset.can_edit : folder.data!.can_edit;
  if (!mayEdit) {
    const what = isVersion ? `add versions to “${base.data!.dataset.name}”` : `add datasets to “${folder.data!.name}”`;
    return <ErrorMessage error={new Error(`You may not ${what}: ask its creator or an editor to make you an editor.`)} />;
  }
  const latest = base.data ? Math.max(...base.data.dataset.versions.map((v) => Number(v.name))) : 0;
  const warnings = base.data ? baseWarnings(base.data.datasetVersion.state, base.data.datasetVersion.version, latest) : [];

  return (
    <form onSubmit={start}>
      <h1>{isVersion ? `New version of ${base.data!.dataset.name}` : `New dataset in ${folder.data?.name ?? ""}`}</h1>
      {warnings.map((text) => (
        <p className="warning" key={text}>
          {text}{" "}
          {Number(base.data!.datasetVersion.version) < latest && (
            <Link to={`/upload?dataset=${encodeURIComponent(datasetId!)}&from=${latest}`} reloadDocument>
              Start from version {latest} instead
            </Link>
          )}
        </p>
      ))}
      {!isVersion && (
        <div className="field">
          <label htmlFor="dataset-name">Dataset name</label>
          <input id="dataset-name" value={name} disabled={running} onChange={(e) => setName(e.target.value)} />
        </div>
      )}
      <div className="field">
        <label htmlFor="description">Description (Markdown)</label>
        <textarea id="description" rows={4} value={description} disabled={running} onChange={(e) => setDescription(e.target.value)} />
      </div>
      {isVersion && (
        <div className="field">
          <label htmlFor="changes">What changed in this version</label>
          <textarea id="changes" rows={3} value={changes} disabled={running} onChange={(e) => setChanges(e.target.value)} />
        </div>
      )}
      <h2>Files ({activeRows(rows).length})</h2>
      {isVersion && <p className="hint">The files of version {base.data!.datasetVersion.version} are kept unless you remove or replace them.</p>}
      <DropZone onFiles={(files) => void addFiles(files)} disabled={running} />
      <div className="row">
        <label htmlFor="existing-id">Add a file already in Taiga, by taiga id</label>
        <input id="existing-id" value={existingId} placeholder="permaname.version/file" disabled={running} onChange={(e) => setExistingId(e.target.value)} />
        <button type="button" disabled={running || !existingId.trim()} onClick={addExisting}>
          Add
        </button>
      </div>
      <FileList
        rows={rows}
        locked={running}
        onChange={update}
        onRemove={(row) => (row.fromBase ? update(row.key, { removed: !row.removed }) : setRows((old) => old.filter((r) => r.key !== row.key)))}
        onReplace={(row, file) => void addFiles([file], row)}
      />
      {tried && found.length > 0 && (
        <ul className="problems" role="alert">
          {found.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      <ErrorMessage error={error} />
      <div className="toolbar">
        <button type="submit" className="primary" disabled={running}>
          {running ? "Uploading…" : isVersion ? "Upload and create the version" : "Upload and create the dataset"}
        </button>
        {running && (
          <button type="button" onClick={() => abortRef.current?.abort()}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
