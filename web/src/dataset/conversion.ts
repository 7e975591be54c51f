// Downloading a file in a format: GET /api/datafile answers with signed `urls` when the file is
// ready in that format; while a conversion runs it answers 202 (or 200 without urls) with its
// progress, and is asked again until the urls come or it fails.
import { ApiError, requestRaw } from "../api/client";
import type { TaskStatus } from "../api/types";

/** The server tried and failed to convert; asking again with `force` starts it over. */
export class ConversionFailed extends Error {}

export interface ConversionProgress {
  /** What the server says it is doing, e.g. "Running conversion". */
  status: string;
  current?: number;
  total?: number;
}

interface DatafileAnswer {
  urls?: string[];
  task_id?: string;
  status?: string;
  message?: string;
  current?: number;
  total?: number;
  state?: string;
  progress?: { current?: number; total?: number; message?: string };
}

export interface FetchUrlOptions {
  versionId: string;
  fileName: string;
  format: string;
  onProgress?: (progress: ConversionProgress) => void;
  signal?: AbortSignal;
  /** Milliseconds between polls (default 1000). */
  interval?: number;
  /** Gives up after this many polls (default 3600: an hour at 1 s). */
  maxPolls?: number;
  /** Starts the conversion again even if it failed before (Taiga's `force=Y`). */
  force?: boolean;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new DOMException("Cancelled", "AbortError"));
    });
  });
}

function progressOf(body: DatafileAnswer | string | undefined): ConversionProgress {
  if (typeof body === "string") return { status: "Waiting for the conversion to start" };
  const status = body?.progress?.message ?? body?.message ?? body?.status ?? "Converting";
  return { status, current: body?.progress?.current ?? body?.current, total: body?.progress?.total ?? body?.total };
}

/** Resolves to the signed download URL once the server has the file in `format`. */
/** The conversion task's own progress (current of total), when the server names the task. */
async function taskProgress(taskId: string, signal?: AbortSignal): Promise<ConversionProgress | null> {
  try {
    const task = (await requestRaw<TaskStatus>("GET", `task_status/${encodeURIComponent(taskId)}`, { signal })).data;
    if (task.state !== "PROGRESS" && task.state !== "STARTED") return null;
    return { status: task.message, current: task.current, total: task.total > 0 ? task.total : undefined };
  } catch {
    return null; // the datafile answer alone is enough to go on
  }
}

export async function fetchDownloadUrl(options: FetchUrlOptions): Promise<string> {
  const { versionId, fileName, format, onProgress, signal, interval = 1000, maxPolls = 3600 } = options;
  for (let poll = 0; poll < maxPolls; poll += 1) {
    if (signal?.aborted) throw new DOMException("Cancelled", "AbortError");
    let answer: { status: number; data: DatafileAnswer | string };
    try {
      answer = await requestRaw<DatafileAnswer | string>("GET", "datafile", {
        query: { dataset_version_id: versionId, datafile_name: fileName, format, force: options.force && poll === 0 ? "Y" : undefined },
        signal,
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        throw new ConversionFailed(`The conversion to ${formatLabel(format)} failed: ${error.message}`);
      }
      throw error;
    }
    const { data } = answer;
    if (typeof data === "object" && data?.urls && data.urls.length > 0) return data.urls[0]!;
    if (typeof data === "object" && (data?.state === "FAILURE" || data?.status === "Failed")) {
      throw new ConversionFailed(`The conversion to ${formatLabel(format)} failed: ${data.message ?? data.status ?? "no reason given"}`);
    }
    const fromTask = typeof data === "object" && data?.task_id ? await taskProgress(data.task_id, signal) : null;
    onProgress?.(fromTask ?? progressOf(data));
    await sleep(interval, signal);
  }
  throw new ApiError(0, `The conversion to ${format} is taking too long; try again later.`);
}

/** Makes the browser download `url` (a signed URL that names the file) without leaving the page. */
export function startDownload(url: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.rel = "noopener";
  link.download = "";
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** What each download format is called on the page. */
export function formatLabel(format: string): string {
  switch (format) {
    case "raw":
      return "Original file";
    case "raw_test":
      return "Original upload (as uploaded)";
    case "csv":
      return "CSV";
    case "tsv":
      return "TSV";
    case "gct":
      return "GCT";
    case "hdf5":
      return "HDF5";
    case "parquet":
      return "Parquet";
    case "columnar":
      return "Columnar (Taiga's table format)";
    default:
      return format;
  }
}
