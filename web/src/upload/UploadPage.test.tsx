import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, test, vi } from "vitest";
import type { Dataset, DatasetVersion, Folder, TaskStatus } from "../api/types";
import { mockApi } from "../test/mockApi";
import { renderPage } from "../test/render";
import type { PutOptions } from "./s3Upload";
import UploadPage from "./UploadPage";

afterEach(() => vi.unstubAllGlobals());

const kFolder: Folder = {
  id: "f1", name: "Projects", type: "Folder", folder_type: "folder", description: null, creation_date: "2026-01-01T00:00:00+00:00",
  creator: null, parents: [], entries: [], can_edit: true, can_view: true,
};
const kCreds = { accessKeyId: "AK", secretAccessKey: "SK", sessionToken: "ST", expiration: "2030-01-01T00:00:00+00:00", bucket: "taiga", prefix: "upload/u1/", endpointUrl: "http://localhost/taiga/s3" };

function task(state: TaskStatus["state"], message = ""): TaskStatus {
  return { id: "t", state, message, current: state === "PROGRESS" ? 5 : 0, total: state === "FAILURE" ? -1 : 10, s3Key: "TODO" };
}

function fakePut(puts: PutOptions[]) {
  return async (options: PutOptions) => {
    puts.push(options);
    options.onProgress(options.file.size / 2, options.file.size);
    options.onProgress(options.file.size, options.file.size);
  };
}

const csv = () => new File(["name,age\nann,3\nbob,4\n"], "people.csv", { type: "text/csv" });
const matrix = () => new File([",a,b\nr1,1,2\nr2,3,4\n"], "counts.csv", { type: "text/csv" });

test("a new dataset: files are guessed, sent with progress, processed, and the dataset created", async () => {
  const puts: PutOptions[] = [];
  const polls: Record<string, number> = {};
  const { calls } = mockApi({
    "GET folder/f1": kFolder,
    "GET upload_session": "sid1",
    "GET credentials_s3": kCreds,
    "POST datafile/sid1": (r: { body: unknown }) => `task-${(r.body as { filename: string }).filename}`,
    "GET task_status/*": (r: { path: string }) => ((polls[r.path] = (polls[r.path] ?? 0) + 1) < 2 ? task("PROGRESS", "Running conversion") : task("SUCCESS")),
    "POST dataset": "ds-new",
  });
  renderPage(<UploadPage put={fakePut(puts)} />, { route: "/upload?folder=f1", path: "/upload" });
  await screen.findByRole("heading", { name: "New dataset in Projects" });
  await userEvent.upload(screen.getByLabelText("Choose files to upload"), [csv(), matrix()]);
  expect(await screen.findByDisplayValue("people")).toBeInTheDocument();
  expect(screen.getByLabelText("Format of people")).toHaveValue("TableCSV");
  expect(screen.getByLabelText("Format of counts")).toHaveValue("NumericMatrixCSV");
  expect(screen.getAllByText(/guessed:/)).toHaveLength(2);

  await userEvent.click(screen.getByRole("button", { name: "Upload and create the dataset" }));
  expect(screen.getByRole("alert")).toHaveTextContent("Give the dataset a name.");
  await userEvent.type(screen.getByLabelText("Dataset name"), "My data");
  await userEvent.click(screen.getByRole("button", { name: "Upload and create the dataset" }));
  expect(await screen.findByText("elsewhere", {}, { timeout: 4000 })).toBeInTheDocument();

  expect(puts.map((p) => p.key)).toEqual(["upload/u1/sid1/0-people.csv", "upload/u1/sid1/1-counts.csv"]);
  const registrations = calls.filter((c) => c.path === "datafile/sid1").map((c) => c.body);
  expect(registrations).toContainEqual({
    filename: "people", filetype: "s3", s3Upload: { bucket: "taiga", key: "upload/u1/sid1/0-people.csv", format: "TableCSV", encoding: "UTF-8" },
  });
  expect(calls.find((c) => c.path === "dataset")!.body).toEqual({ sessionId: "sid1", datasetName: "My data", currentFolderId: "f1", datasetDescription: null });
});

test("a file the server cannot process shows the server's error; a retry does not send the bytes again", async () => {
  const puts: PutOptions[] = [];
  let attempt = 0;
  const { calls } = mockApi({
    "GET folder/f1": kFolder,
    "GET upload_session": () => `sid${++attempt}`,
    "GET credentials_s3": kCreds,
    "POST datafile/*": "task-1",
    "GET task_status/task-1": () => (attempt === 1 ? task("FAILURE", "On line 3: expected 2 columns, found 3") : task("SUCCESS")),
    "POST dataset": "ds-new",
  });
  renderPage(<UploadPage put={fakePut(puts)} />, { route: "/upload?folder=f1", path: "/upload" });
  await userEvent.upload(await screen.findByLabelText("Choose files to upload"), [csv()]);
  await userEvent.type(screen.getByLabelText("Dataset name"), "My data");
  await userEvent.click(screen.getByRole("button", { name: "Upload and create the dataset" }));
  expect(await screen.findByText("✗ On line 3: expected 2 columns, found 3", {}, { timeout: 3000 })).toBeInTheDocument();
  expect(screen.getByRole("alert")).toHaveTextContent(/1 file could not be added/);
  expect(calls.some((c) => c.path === "dataset")).toBe(false);

  await userEvent.selectOptions(screen.getByLabelText("Format of people"), "Raw");
  await userEvent.click(screen.getByRole("button", { name: "Upload and create the dataset" }));
  expect(await screen.findByText("elsewhere", {}, { timeout: 3000 })).toBeInTheDocument();
  expect(puts).toHaveLength(1);
  const last = calls.filter((c) => c.path === "datafile/sid2").at(-1)!.body as { s3Upload: { format: string; key: string } };
  expect(last.s3Upload).toMatchObject({ format: "Raw", key: "upload/u1/sid1/0-people.csv" });
});

const kDataset: Dataset = {
  id: "ds1", name: "Gene effect", permanames: ["gene-effect-1a2b"], description: "",
  versions: [{ id: "v1", name: "1", state: "approved" }, { id: "v2", name: "2", state: "deprecated" }, { id: "v3", name: "3", state: "approved" }],
  folders: [], can_edit: true, can_view: true, subscription_id: null,
};
const kVersion2: DatasetVersion = {
  id: "v2", name: "2", version: "2", dataset_id: "ds1", creation_date: "2026-01-01T00:00:00+00:00", creator: null,
  description: "old description", changes_description: null, state: "deprecated", reason_state: "bad", folders: [],
  can_edit: true, can_view: true, figshare: null,
  datafiles: ["a", "b", "c"].map((n) => ({ datafile_type: "s3", id: n, name: n, custom_metadata: null, figshare_linked: false, allowed_conversion_type: ["raw"], type: "Raw" })),
};

test("a new version starts from the base version's files: keep, remove, replace; warns about the base", async () => {
  const puts: PutOptions[] = [];
  const { calls } = mockApi({
    "GET dataset/ds1/2": { dataset: kDataset, datasetVersion: kVersion2 },
    "GET upload_session": "sid9",
    "GET credentials_s3": kCreds,
    "POST datafile/sid9": (r: { body: { filetype: string } }) => (r.body.filetype === "virtual" ? "done" : "task-b"),
    "GET task_status/task-b": task("SUCCESS"),
    "POST datasetVersion": "v4",
  });
  renderPage(<UploadPage put={fakePut(puts)} />, { route: "/upload?dataset=ds1&from=2", path: "/upload" });
  expect(await screen.findByText(/Version 2 is deprecated/)).toBeInTheDocument();
  expect(screen.getByText(/the latest is 3/)).toBeInTheDocument();
  expect(screen.getByLabelText("Description (Markdown)")).toHaveValue("old description");
  expect(screen.getByText("gene-effect-1a2b.2/a")).toBeInTheDocument();

  await userEvent.click(screen.getByRole("button", { name: "Remove c" }));
  await userEvent.upload(screen.getByLabelText("Replace b with a new file"), new File(["new bytes"], "b-new.bin"));
  await screen.findByText("b-new.bin");
  await userEvent.click(screen.getByRole("button", { name: "Upload and create the version" }));
  expect(screen.getByRole("alert")).toHaveTextContent("Say what changed in this version.");
  await userEvent.type(screen.getByLabelText("What changed in this version"), "new b, no c");
  await userEvent.click(screen.getByRole("button", { name: "Upload and create the version" }));
  expect(await screen.findByText("elsewhere", {}, { timeout: 3000 })).toBeInTheDocument();

  const registrations = calls.filter((c) => c.path === "datafile/sid9").map((c) => c.body as { filename: string; filetype: string });
  expect(registrations.map((r) => `${r.filename}:${r.filetype}`).sort()).toEqual(["a:virtual", "b:s3"]);
  expect(registrations.find((r) => r.filetype === "virtual")).toEqual({ filename: "a", filetype: "virtual", existingTaigaId: "gene-effect-1a2b.2/a" });
  expect(calls.find((c) => c.path === "datasetVersion")!.body).toEqual({
    sessionId: "sid9", datasetId: "ds1", newDescription: "old description", changesDescription: "new b, no c",
  });
});

test("duplicate names and bad taiga ids are caught before anything is sent", async () => {
  const { calls } = mockApi({ "GET folder/f1": kFolder });
  renderPage(<UploadPage put={fakePut([])} />, { route: "/upload?folder=f1", path: "/upload" });
  await userEvent.upload(await screen.findByLabelText("Choose files to upload"), [csv(), new File(["x,y\n1,2\n"], "people.tsv")]);
  await userEvent.type(screen.getByLabelText("Add a file already in Taiga, by taiga id"), "not-an-id");
  await userEvent.click(screen.getByRole("button", { name: "Add" }));
  await userEvent.type(screen.getByLabelText("Dataset name"), "x");
  await userEvent.click(screen.getByRole("button", { name: "Upload and create the dataset" }));
  const alert = screen.getByRole("alert");
  expect(alert).toHaveTextContent("Two files have the same name: people");
  expect(alert).toHaveTextContent("“not-an-id” is not a taiga id");
  expect(calls.filter((c) => c.path !== "folder/f1")).toHaveLength(0);
});

test("Cancel stops the uploads and leaves the form usable", async () => {
  mockApi({ "GET folder/f1": kFolder, "GET upload_session": "sid1", "GET credentials_s3": kCreds });
  const put = (options: PutOptions) =>
    new Promise<void>((_, reject) => options.signal.addEventListener("abort", () => reject(new DOMException("x", "AbortError"))));
  renderPage(<UploadPage put={put} />, { route: "/upload?folder=f1", path: "/upload" });
  await userEvent.upload(await screen.findByLabelText("Choose files to upload"), [csv()]);
  await userEvent.type(screen.getByLabelText("Dataset name"), "x");
  await userEvent.click(screen.getByRole("button", { name: "Upload and create the dataset" }));
  await userEvent.click(await screen.findByRole("button", { name: "Cancel" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Cancelled. Nothing was created");
  await waitFor(() => expect(screen.getByRole("button", { name: "Upload and create the dataset" })).toBeEnabled());
  expect(within(screen.getByRole("table")).getByText("Cancelled")).toBeInTheDocument();
});

test("a folder the user may not edit says so before any upload", async () => {
  mockApi({ "GET folder/f1": { ...kFolder, can_edit: false } });
  renderPage(<UploadPage put={fakePut([])} />, { route: "/upload?folder=f1", path: "/upload" });
  expect(await screen.findByRole("alert")).toHaveTextContent("You may not add datasets to “Projects”");
  expect(screen.queryByLabelText("Choose files to upload")).toBeNull();
});
