import type { DataFile } from "../api/types";
import { CopyButton } from "../ui/CopyButton";
import { isRawOnly, pythonName, rName, taigaId } from "./datasetApi";

export function pythonSnippet(permaname: string, version: string, files: DataFile[]): string {
  const lines = ["from taigapy import create_taiga_client_v3", "", "tc = create_taiga_client_v3()"];
  for (const file of files) {
    const id = taigaId(permaname, version, file.name);
    lines.push(
      isRawOnly(file)
        ? `${pythonName(file.name)}_path = tc.download_to_cache("${id}")`
        : `${pythonName(file.name)} = tc.get("${id}")`,
    );
  }
  return lines.join("\n");
}

export function rSnippet(permaname: string, version: string, files: DataFile[]): string {
  const lines = ["library(taigr)"];
  for (const file of files) {
    const call = isRawOnly(file) ? "download.raw.from.taiga" : "load.from.taiga";
    lines.push(`${rName(file.name)} <- ${call}(data.name = "${permaname}", data.version = ${version}, data.file = "${file.name}")`);
  }
  return lines.join("\n");
}

/** How to load this version's files from Python (taigapy) and R (taigr), ready to copy. */
export function Snippets({ permaname, version, files }: { permaname: string; version: string; files: DataFile[] }) {
  const usable = files.filter((file) => file.datafile_type !== "gcs");
  if (usable.length === 0) return null;
  const python = pythonSnippet(permaname, version, usable);
  const r = rSnippet(permaname, version, usable);
  return (
    <section aria-labelledby="snippets">
      <h2 id="snippets">Use from code</h2>
      <div className="row">
        <h3>Python (taigapy)</h3>
        <CopyButton text={python} what="the Python code" />
      </div>
      <pre className="snippet" aria-label="Python code">{python}</pre>
      <div className="row">
        <h3>R (taigr)</h3>
        <CopyButton text={r} what="the R code" />
      </div>
      <pre className="snippet" aria-label="R code">{r}</pre>
    </section>
  );
}
