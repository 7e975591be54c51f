import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { recordVisit } from "../recent/recent";
import { useSession } from "../session/SessionGate";
import { CopyButton } from "../ui/CopyButton";
import { ErrorMessage, Loading } from "../ui/ErrorMessage";
import { formatDateTime } from "../ui/format";
import { Markdown } from "../ui/Markdown";
import { useTitle } from "../ui/useTitle";
import { ActivityLog } from "./ActivityLog";
import { datasetKey, fetchDatasetFull, fetchDatasetVersion } from "./datasetApi";
import { FileTable } from "./FileTable";
import { Snippets } from "./Snippets";
import { VersionActions } from "./VersionActions";

/** The route's dataset and version: `perm/3`, `perm.3` (Taiga 2), `perm` (latest), `x/<version id>`. */
function useAddress(): { datasetId: string; version: string; fileName?: string } {
  const params = useParams();
  const datasetId = params.datasetId ?? "";
  const dotted = /^(.+)\.(\d+)$/.exec(datasetId);
  if (!params.version && dotted) return { datasetId: dotted[1]!, version: dotted[2]! };
  return { datasetId, version: params.version ?? "latest", fileName: params.fileName };
}

/** A dataset version: names, versions and states, descriptions, files, code snippets, history. */
export default function DatasetPage() {
  const { datasetId, version, fileName } = useAddress();
  const { session } = useSession();
  const navigate = useNavigate();
  const [message, setMessage] = useState<string | null>(null);
  const query = useQuery({ queryKey: datasetKey(datasetId, version), queryFn: () => fetchDatasetVersion(datasetId, version) });
  const dataset = query.data?.dataset;
  const current = query.data?.datasetVersion;
  const full = useQuery({ queryKey: ["datasetFull", dataset?.id], queryFn: () => fetchDatasetFull(dataset!.id), enabled: !!dataset });
  const permaname = dataset?.permanames[0] ?? dataset?.id ?? datasetId;
  useTitle(dataset && current ? `${dataset.name} v${current.version}` : "Dataset");

  useEffect(() => {
    if (!dataset || !current) return;
    const canonical = `/dataset/${encodeURIComponent(permaname)}/${current.version}${fileName ? `/${encodeURIComponent(fileName)}` : ""}`;
    if (datasetId !== permaname || version !== current.version) navigate(canonical, { replace: true });
    recordVisit(session.user.id, { kind: "dataset", id: dataset.id, name: dataset.name, path: `dataset/${permaname}/${current.version}` });
  }, [dataset, current, permaname, datasetId, version, fileName, navigate, session.user.id]);

  if (query.isPending) return <Loading what="the dataset" />;
  if (query.error || !dataset || !current) {
    return <ErrorMessage error={query.error} prefix={`Could not open dataset ${datasetId} (version ${version})`} onRetry={() => query.refetch()} />;
  }
  const latest = dataset.versions.reduce((max, v) => Math.max(max, Number(v.name)), 0);
  const aliases = (full.data?.permanames ?? []).filter((p) => p !== permaname);
  const versionId = `${permaname}.${current.version}`;

  return (
    <>
      {dataset.folders.length > 0 && (
        <nav aria-label="Breadcrumbs" className="breadcrumbs">
          <ol>
            <li>
              In{" "}
              {dataset.folders.map((folder, index) => (
                <span key={folder.id}>
                  {index > 0 && ", "}
                  <Link to={`/folder/${encodeURIComponent(folder.id)}`}>{folder.name}</Link>
                </span>
              ))}
            </li>
          </ol>
        </nav>
      )}
      <h1>
        {dataset.name} <span className={`badge ${current.state}`}>{current.state}</span>
      </h1>
      <dl className="facts">
        <dt>Permaname</dt>
        <dd>
          <code>{permaname}</code> <CopyButton text={permaname} what="the permaname" />
          {aliases.length > 0 && <span className="hint"> (also: {aliases.join(", ")})</span>}
        </dd>
        <dt>This version</dt>
        <dd>
          <code>{versionId}</code> <CopyButton text={versionId} what="the version's id" /> · created by {current.creator?.name ?? "unknown"} on{" "}
          {formatDateTime(current.creation_date)}
        </dd>
        <dt>Versions</dt>
        <dd>
          <ul className="versions" aria-label="Versions">
            {dataset.versions.map((v) => (
              <li key={v.id}>
                {v.name === current.version ? (
                  <span className="current" aria-current="page">
                    {v.name}
                    <span className="visually-hidden"> ({v.state})</span>
                  </span>
                ) : (
                  <Link className={`state-${v.state}`} to={`/dataset/${encodeURIComponent(permaname)}/${v.name}`} title={v.state}>
                    {v.name}
                    {v.state !== "approved" && <span className="visually-hidden"> ({v.state})</span>}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {current.state === "deprecated" && (
        <p className="warning">This version is deprecated{current.reason_state ? `: ${current.reason_state}` : "."}</p>
      )}
      {current.state === "deleted" && (
        <p className="error">This version is marked deleted{current.reason_state ? `: ${current.reason_state}` : "."}</p>
      )}
      {Number(current.version) < latest && (
        <p className="notice">
          This is not the latest version: see <Link to={`/dataset/${encodeURIComponent(permaname)}/${latest}`}>version {latest}</Link>.
        </p>
      )}
      <VersionActions dataset={dataset} version={current} onDone={setMessage} />
      <p role="status" className={message ? "success" : "visually-hidden"}>
        {message ?? ""}
      </p>
      <Markdown source={current.description} />
      {current.changes_description && (
        <section aria-labelledby="changes">
          <h2 id="changes">Changes in this version</h2>
          <Markdown source={current.changes_description} />
        </section>
      )}
      <h2>Files</h2>
      <FileTable files={current.datafiles} permaname={permaname} version={current.version} versionId={current.id} highlight={fileName} />
      <Snippets permaname={permaname} version={current.version} files={current.datafiles} />
      <ActivityLog datasetId={dataset.id} />
    </>
  );
}
