// Carries out an upload: a session and credentials, each file's bytes to S3 (or a reference to
// an existing file), its registration and processing (polled until the server says SUCCESS or
// FAILURE), then the new dataset or version. Progress goes to `update`, per row.
import { errorMessage, request } from "../api/client";
import type { FileRegistration, TaskStatus, UploadCredentials } from "../api/types";
import { objectKey, type Row } from "./uploadModel";
import type { PutObject } from "./s3Upload";

export type Target =
  | { kind: "dataset"; folderId: string; name: string; description: string }
  | { kind: "version"; datasetId: string; description: string; changes: string };

export interface Outcome {
  /** The new dataset's id (new datasets) or the new version's id (new versions). */
  id: string;
}

export interface RunOptions {
  rows: Row[];
  target: Target;
  update: (key: string, patch: Partial<Row>) => void;
  signal: AbortSignal;
  put: PutObject;
  pollInterval?: number;
  concurrency?: number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException("Cancelled", "AbortError"));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new DOMException("Cancelled", "AbortError"));
    });
  });
}

function checkAborted(signal: AbortSignal) {
  if (signal.aborted) throw new DOMException("Cancelled", "AbortError");
}

async function waitForTask(taskId: string, row: Row, options: RunOptions): Promise<void> {
  for (;;) {
    checkAborted(options.signal);
    const task = await request<TaskStatus>("GET", `task_status/${encodeURIComponent(taskId)}`, { signal: options.signal });
    if (task.state === "SUCCESS") return;
    if (task.state === "FAILURE") throw new Error(task.message || "The server could not process this file.");
    options.update(row.key, {
      message: task.message,
      sent: task.total > 0 ? task.current : undefined,
      total: task.total > 0 ? task.total : undefined,
    });
    await sleep(options.pollInterval ?? 1000, options.signal);
  }
}

async function sendRow(row: Row, index: number, sessionId: string, credentials: UploadCredentials, options: RunOptions) {
  const { update, signal } = options;
  const filename = row.name.trim();
  if (row.kind === "existing") {
    update(row.key, { phase: "registering", error: undefined, message: "Adding the existing file" });
    const body: FileRegistration = { filename, filetype: "virtual", existingTaigaId: row.taigaId!.trim() };
    await request("POST", `datafile/${encodeURIComponent(sessionId)}`, { body, signal });
    update(row.key, { phase: "done", message: "Existing file added" });
    return;
  }
  let key = row.uploadedKey;
  if (!key) {
    key = objectKey(credentials.prefix, sessionId, index, row.file!.name);
    update(row.key, { phase: "uploading", sent: 0, total: row.file!.size, error: undefined, message: undefined });
    await options.put({
      credentials,
      key,
      file: row.file!,
      signal,
      onProgress: (sent, total) => update(row.key, { sent, total }),
    });
    update(row.key, { uploadedKey: key });
  }
  update(row.key, { phase: "registering", message: "Registering the upload", sent: undefined, total: undefined, error: undefined });
  const body: FileRegistration = {
    filename,
    filetype: "s3",
    s3Upload: { bucket: credentials.bucket, key, format: row.format, encoding: row.encoding },
  };
  const taskId = await request<string>("POST", `datafile/${encodeURIComponent(sessionId)}`, { body, signal });
  update(row.key, { phase: "processing", message: "Waiting in the task queue" });
  await waitForTask(taskId, row, options);
  update(row.key, { phase: "done", message: "Processed", sent: undefined, total: undefined });
}

/** Runs the whole upload; resolves with the new dataset's or version's id, or throws in words. */
export async function runUpload(options: RunOptions): Promise<Outcome> {
  const { rows, target, update, signal } = options;
  const [sessionId, credentials] = await Promise.all([
    request<string>("GET", "upload_session", { signal }),
    rows.some((row) => row.kind === "upload" && !row.uploadedKey)
      ? request<UploadCredentials>("GET", "credentials_s3", { signal })
      : Promise.resolve({ prefix: "", bucket: "" } as UploadCredentials),
  ]);
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const index = next++;
      const row = rows[index]!;
      try {
        await sendRow(row, index, sessionId, credentials, options);
      } catch (error) {
        if (signal.aborted) {
          update(row.key, { phase: "cancelled", message: "Cancelled" });
          continue;
        }
        failed += 1;
        update(row.key, { phase: "failed", error: errorMessage(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 3, rows.length) }, worker));
  checkAborted(signal);
  if (failed > 0) {
    throw new Error(
      `${failed} file${failed === 1 ? "" : "s"} could not be added (see each file's message). Fix, replace or remove ${failed === 1 ? "it" : "them"} and start again: files already sent are not sent again.`,
    );
  }
  const id =
    target.kind === "dataset"
      ? await request<string>("POST", "dataset", {
          body: { sessionId, datasetName: target.name.trim(), currentFolderId: target.folderId, datasetDescription: target.description || null },
        })
      : await request<string>("POST", "datasetVersion", {
          body: { sessionId, datasetId: target.datasetId, newDescription: target.description || null, changesDescription: target.changes },
        });
  return { id };
}
