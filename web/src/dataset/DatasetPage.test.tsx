import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { DataFile, Dataset, DatasetVersion } from "../api/types";
import { mockApi, problem, reply } from "../test/mockApi";
import { renderPage } from "../test/render";
import DatasetPage from "./DatasetPage";

const kDataset: Dataset = {
  id: "ds1",
  name: "Gene effect",
  permanames: ["gene-effect-1a2b"],
  description: "",
  versions: [
    { id: "v1", name: "1", state: "approved" },
    { id: "v2", name: "2", state: "deprecated" },
    { id: "v3", name: "3", state: "approved" },
  ],
  folders: [{ id: "home1", name: "Home" }],
  can_edit: true,
  can_view: true,
  subscription_id: null,
};

function file(name: string, type: DataFile["type"], formats: DataFile["allowed_conversion_type"], extra: Partial<DataFile> = {}): DataFile {
  return {
    datafile_type: "s3", id: `id-${name}`, name, custom_metadata: null, figshare_linked: false,
    allowed_conversion_type: formats, type, short_summary: type === "Raw" ? "14 Bytes" : "3x2 matrix, 0 NAs", ...extra,
  };
}

const kVersion: DatasetVersion = {
  id: "v2", name: "2", version: "2", dataset_id: "ds1", creation_date: "2026-02-01T10:00:00+00:00",
  creator: { id: "u1", name: "ada" }, description: "The **effect** of genes", changes_description: "Fixed a column",
  state: "deprecated", reason_state: "wrong units", folders: [], can_edit: true, can_view: true, figshare: null,
  datafiles: [
    file("matrix", "HDF5", ["raw_test", "csv", "gct", "hdf5", "tsv"]),
    file("notes.txt", "Raw", ["raw"]),
    file("alias", "HDF5", ["csv"], { datafile_type: "virtual", underlying_file_id: "other-9f9f.1/m" }),
  ],
};

const kRoutes = {
  "GET dataset/gene-effect-1a2b/2": { dataset: kDataset, datasetVersion: kVersion },
  "POST datasets": [{ ...kDataset, permaname: "gene-effect-1a2b", permanames: ["old-name-0000", "gene-effect-1a2b"], versions: [] }],
  "GET dataset/ds1/activityLog": [
    { id: "a1", type: "created", timestamp: "2026-01-01T00:00:00+00:00", user_name: "ada", comments: null, dataset_name: "Gene effect" },
    { id: "a2", type: "added_version", timestamp: "2026-02-01T00:00:00+00:00", user_name: "ada", comments: "Added:\n- matrix", dataset_version: 2 },
  ],
};

let clicked: string[] = [];
beforeEach(() => {
  clicked = [];
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this.href);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function renderDataset(route = "/dataset/gene-effect-1a2b/2") {
  return renderPage(<DatasetPage />, { route, path: "/dataset/:datasetId/:version?/:fileName?" });
}

test("shows names, versions with their states, the deprecation, descriptions, files, snippets and history", async () => {
  mockApi(kRoutes);
  renderDataset();
  expect(await screen.findByRole("heading", { name: /Gene effect/ })).toBeInTheDocument();
  expect(await screen.findByText("(also: old-name-0000)")).toBeInTheDocument();
  const versions = screen.getByRole("list", { name: "Versions" });
  expect(within(versions).getByRole("link", { name: "3" })).toHaveAttribute("href", "/dataset/gene-effect-1a2b/3");
  expect(within(versions).getByText("2")).toHaveAttribute("aria-current", "page");
  expect(screen.getByText("This version is deprecated: wrong units")).toBeInTheDocument();
  expect(screen.getByText(/This is not the latest version/)).toBeInTheDocument();
  expect(screen.getByText("effect").tagName).toBe("STRONG");
  expect(screen.getByText("Fixed a column")).toBeInTheDocument();
  const row = screen.getByRole("rowheader", { name: /^matrix/ }).closest("tr")!;
  expect(within(row).getByText("Matrix")).toBeInTheDocument();
  expect(within(row).getByText("gene-effect-1a2b.2/matrix")).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "other-9f9f.1/m" })).toHaveAttribute("href", "/dataset/other-9f9f/1/m");
  expect(screen.getByLabelText("Python code")).toHaveTextContent('matrix = tc.get("gene-effect-1a2b.2/matrix")');
  expect(screen.getByLabelText("Python code")).toHaveTextContent('notes_txt_path = tc.download_to_cache("gene-effect-1a2b.2/notes.txt")');
  expect(screen.getByLabelText("R code")).toHaveTextContent('notes.txt <- download.raw.from.taiga(data.name = "gene-effect-1a2b", data.version = 2');
  expect(await screen.findByText("Added version 2")).toBeInTheDocument();
});

test("copies a file's taiga id", async () => {
  mockApi(kRoutes);
  const writeText = vi.fn(async () => {});
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  renderDataset();
  await userEvent.click(await screen.findByRole("button", { name: "Copy the taiga id of matrix" }));
  expect(writeText).toHaveBeenCalledWith("gene-effect-1a2b.2/matrix");
  expect(await screen.findByText("Copied")).toBeInTheDocument();
});

test("downloading as CSV shows the conversion's progress, then downloads the signed URL", async () => {
  let polls = 0;
  const { calls } = mockApi({
    ...kRoutes,
    "GET datafile": () => (++polls < 2 ? reply(202, { status: "Running conversion", current: 1, total: 4 }) : { status: "Completed successfully", urls: ["http://localhost/taiga/blob/signed"] }),
  });
  renderDataset();
  await userEvent.click(await screen.findByRole("button", { name: "Download matrix" }));
  await userEvent.click(screen.getByRole("menuitem", { name: "CSV" }));
  expect(await screen.findByText(/CSV: Running conversion/)).toBeInTheDocument();
  expect(await screen.findByText("CSV download started.", {}, { timeout: 3000 })).toBeInTheDocument();
  expect(clicked).toEqual(["http://localhost/taiga/blob/signed"]);
  const asked = calls.find((c) => c.path === "datafile")!;
  expect(Object.fromEntries(asked.query)).toEqual({ dataset_version_id: "v2", datafile_name: "matrix", format: "csv" });
});

test("a failed download says why and offers a retry", async () => {
  mockApi({ ...kRoutes, "GET datafile": problem(400, "tsv is not offered for this file") });
  renderDataset();
  await userEvent.click(await screen.findByRole("button", { name: "Download matrix" }));
  await userEvent.click(screen.getByRole("menuitem", { name: "TSV" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Could not download as TSV: tsv is not offered for this file");
  expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
});

test("a failed conversion says why; Try again asks with force=Y; a task's progress is shown", async () => {
  let calls409 = 0;
  const { calls } = mockApi({
    ...kRoutes,
    "GET datafile": (r: { query: URLSearchParams }) => {
      if (r.query.get("force") !== "Y" && calls409++ === 0) return problem(409, "On line 2: not a number");
      return calls.filter((c) => c.path === "datafile").length < 3
        ? reply(202, { status: "Running conversion", task_id: "t-1" })
        : { status: "Completed successfully", urls: ["http://localhost/taiga/blob/x"] };
    },
    "GET task_status/t-1": { id: "t-1", state: "PROGRESS", message: "Conversion in progress, line 40", current: 40, total: 100, s3Key: "TODO" },
  });
  renderDataset();
  await userEvent.click(await screen.findByRole("button", { name: "Download matrix" }));
  await userEvent.click(screen.getByRole("menuitem", { name: "GCT" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("The conversion to GCT failed: On line 2: not a number");
  await userEvent.click(screen.getByRole("button", { name: "Try again" }));
  expect(await screen.findByText(/GCT: Conversion in progress, line 40/)).toBeInTheDocument();
  expect(screen.getByRole("progressbar", { name: "Conversion progress" })).toHaveAttribute("value", "40");
  expect(await screen.findByText("GCT download started.", {}, { timeout: 4000 })).toBeInTheDocument();
  expect(calls.filter((c) => c.path === "datafile").map((c) => c.query.get("force"))).toEqual([null, "Y", null]);
});

test("de-deprecating and deleting with a reason call the version's routes", async () => {
  const { calls } = mockApi({ ...kRoutes, "POST datasetVersion/v2/de-deprecate": {}, "POST datasetVersion/v2/delete": {} });
  renderDataset();
  await userEvent.click(await screen.findByRole("button", { name: "De-deprecate version 2" }));
  expect(await screen.findByText("Version 2 is approved again.")).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Delete version 2" }));
  await userEvent.type(screen.getByLabelText("Reason (optional)"), "duplicate");
  await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
  expect(await screen.findByText("Version 2 is marked deleted.")).toBeInTheDocument();
  expect(calls.find((c) => c.path === "datasetVersion/v2/delete")!.body).toEqual({ reason: "duplicate" });
});

test("deprecating needs a reason", async () => {
  const approved = { ...kVersion, state: "approved" as const, reason_state: "" };
  const { calls } = mockApi({ ...kRoutes, "GET dataset/gene-effect-1a2b/2": { dataset: kDataset, datasetVersion: approved }, "POST datasetVersion/v2/deprecate": {} });
  renderDataset();
  await userEvent.click(await screen.findByRole("button", { name: "Deprecate version 2" }));
  const dialog = screen.getByRole("dialog");
  expect(within(dialog).getByRole("button", { name: "Deprecate" })).toBeDisabled();
  await userEvent.type(within(dialog).getByLabelText("Reason (required)"), "superseded");
  await userEvent.click(within(dialog).getByRole("button", { name: "Deprecate" }));
  expect(await screen.findByText("Version 2 is deprecated.")).toBeInTheDocument();
  expect(calls.find((c) => c.path === "datasetVersion/v2/deprecate")!.body).toEqual({ deprecationReason: "superseded" });
});

test("a matrix preview shows the counts, the values and a heatmap; a missing preview is said so", async () => {
  mockApi({
    ...kRoutes,
    "GET datafile-preview/id-matrix": { num_rows: 3, num_columns: 2, top_left_preview: { column_names: ["a", "b"], row_names: ["r1", "r2", "r3"], data: [[1, -2], [null, 4], [0.5, 0]] } },
    "GET datafile-preview/id-alias": problem(404, "no preview"),
  });
  renderDataset();
  await userEvent.click(await screen.findByRole("button", { name: "Show preview of matrix" }));
  expect(await screen.findByText("3 rows × 2 columns")).toBeInTheDocument();
  const region = screen.getByRole("region", { name: "Preview of matrix" });
  expect(within(region).getByRole("rowheader", { name: "r2" })).toBeInTheDocument();
  expect(within(region).getByText("NA")).toBeInTheDocument();
  expect(screen.getByRole("img", { name: /heatmap of 3 rows by 2 columns, values from -2 to 4/ })).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Show preview of alias" }));
  expect(await screen.findByText("No preview is available for this file.")).toBeInTheDocument();
});

test("an unknown dataset is said so", async () => {
  mockApi({ "GET dataset/nope/latest": problem(404, "No dataset nope") });
  renderDataset("/dataset/nope");
  expect(await screen.findByRole("alert")).toHaveTextContent("Could not open dataset nope (version latest): No dataset nope");
});

test("the dataset is linked into a folder chosen in the picker", async () => {
  const home = {
    id: "home1", name: "Home", type: "Folder", folder_type: "home", description: null, creation_date: "2026-01-01T00:00:00+00:00",
    creator: null, parents: [], can_edit: true, can_view: true,
    entries: [{ type: "folder", id: "f9", name: "Shared", creation_date: "2026-01-01T00:00:00+00:00", creator: null }],
  };
  const { calls } = mockApi({ ...kRoutes, "GET folder/home1": home, "GET folder/f9": { ...home, id: "f9", name: "Shared", folder_type: "folder", entries: [] }, "POST copy": {} });
  renderDataset();
  await userEvent.click(await screen.findByRole("button", { name: "Link into a folder…" }));
  const dialog = screen.getByRole("dialog");
  expect(within(dialog).getByText(/the folder the items are in already/)).toBeInTheDocument();
  await userEvent.click(await within(dialog).findByRole("button", { name: /Shared/ }));
  await userEvent.click(await within(dialog).findByRole("button", { name: "Link into “Shared”" }));
  expect(await screen.findByText("“Gene effect” is now also in “Shared”.")).toBeInTheDocument();
  expect(calls.find((c) => c.path === "copy")!.body).toEqual({ entryIds: ["ds1"], folderId: "f9" });
});

test("the download menu works from the keyboard and closes when focus leaves it", async () => {
  mockApi(kRoutes);
  renderDataset();
  const button = await screen.findByRole("button", { name: "Download matrix" });
  button.focus();
  await userEvent.keyboard("{Enter}");
  const menu = screen.getByRole("menu", { name: "Formats of matrix" });
  expect(within(menu).getAllByRole("menuitem")[0]).toHaveFocus();
  await userEvent.keyboard("{ArrowDown}");
  expect(within(menu).getByRole("menuitem", { name: "CSV" })).toHaveFocus();
  await userEvent.keyboard("{Escape}");
  expect(screen.queryByRole("menu")).toBeNull();
  expect(button).toHaveFocus();
  await userEvent.click(button);
  expect(screen.getByRole("menu")).toBeInTheDocument();
  await userEvent.click(screen.getByRole("heading", { name: "Files" }));
  expect(screen.queryByRole("menu")).toBeNull();
});
