import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, test, vi } from "vitest";
import type { Folder, FolderEntry } from "../api/types";
import { mockApi, problem } from "../test/mockApi";
import { renderPage } from "../test/render";
import FolderPage from "./FolderPage";

afterEach(() => vi.unstubAllGlobals());

function entry(type: FolderEntry["type"], id: string, name: string, date = "2026-01-01T00:00:00+00:00"): FolderEntry {
  return { type, id, name, creation_date: date, creator: { id: "u1", name: "ada" } };
}

function folder(id: string, name: string, entries: FolderEntry[], extra: Partial<Folder> = {}): Folder {
  return {
    id, name, type: "Folder", folder_type: "folder", description: null, creation_date: "2026-01-01T00:00:00+00:00",
    creator: { id: "u1", name: "ada" }, parents: [], entries, can_edit: true, can_view: true, ...extra,
  };
}

const kHome = folder("home1", "Home", [entry("folder", "f1", "Projects")], { folder_type: "home" });
const kProjects = folder(
  "f1",
  "Projects",
  [entry("dataset", "d1", "beta", "2026-03-01T00:00:00+00:00"), entry("dataset", "d2", "Alpha", "2026-02-01T00:00:00+00:00"), entry("folder", "f2", "zeta")],
  { parents: [{ id: "home1", name: "Home" }], description: "Some **bold** text <script>alert(1)</script>" },
);

function renderFolder(id = "f1") {
  return renderPage(<FolderPage />, { route: `/folder/${id}`, path: "/folder/:folderId" });
}

function rowNames(): string[] {
  return within(screen.getByTestId("entry-rows")).getAllByRole("link").map((a) => a.textContent ?? "");
}

test("shows breadcrumbs, the sanitised description and the entries, folders first", async () => {
  mockApi({ "GET folder/f1": kProjects, "GET folder/home1": kHome });
  renderFolder();
  expect(await screen.findByRole("heading", { name: "Projects" })).toBeInTheDocument();
  const crumbs = screen.getByRole("navigation", { name: "Breadcrumbs" });
  expect(within(crumbs).getByRole("link", { name: "Home" })).toHaveAttribute("href", "/folder/home1");
  expect(screen.getByText("bold").tagName).toBe("STRONG");
  expect(document.querySelector("script")).toBeNull();
  expect(rowNames()).toEqual(["zeta", "Alpha", "beta"]);
  expect(screen.getByRole("link", { name: "Alpha" })).toHaveAttribute("href", "/dataset/d2");
});

test("columns sort both ways", async () => {
  mockApi({ "GET folder/f1": kProjects, "GET folder/home1": kHome });
  renderFolder();
  await screen.findByRole("heading", { name: "Projects" });
  await userEvent.click(screen.getByRole("button", { name: /Created/ }));
  expect(rowNames()).toEqual(["zeta", "Alpha", "beta"]);
  await userEvent.click(screen.getByRole("button", { name: /Created/ }));
  expect(rowNames()).toEqual(["beta", "Alpha", "zeta"]);
  expect(screen.getByRole("columnheader", { name: /Created/ })).toHaveAttribute("aria-sort", "descending");
});

test("selected entries move to a folder chosen in the picker", async () => {
  const { calls } = mockApi({
    "GET folder/f1": kProjects,
    "GET folder/home1": kHome,
    "GET folder/public": folder("public", "Public", [entry("folder", "pub-a", "Shared")], { creator: null }),
    "GET folder/pub-a": folder("pub-a", "Shared", []),
    "POST move": {},
  });
  renderFolder();
  await userEvent.click(await screen.findByRole("checkbox", { name: "Select Alpha" }));
  await userEvent.click(screen.getByRole("checkbox", { name: "Select beta" }));
  await userEvent.click(screen.getByRole("button", { name: "Move to…" }));
  const dialog = await screen.findByRole("dialog", { name: "Move 2 items to…" });
  await userEvent.click(within(dialog).getByRole("button", { name: "Public" }));
  await userEvent.click(await within(dialog).findByRole("button", { name: /Shared/ }));
  await userEvent.click(await within(dialog).findByRole("button", { name: "Move to “Shared”" }));
  expect(await screen.findByText("Moved 2 items to “Shared”.")).toBeInTheDocument();
  expect(calls.find((c) => c.method === "POST")!.body).toEqual({
    entryIds: expect.arrayContaining(["d1", "d2"]),
    currentFolderId: "f1",
    targetFolderId: "pub-a",
  });
});

test("a refused move says why and the dialog stays open", async () => {
  mockApi({ "GET folder/f1": kProjects, "GET folder/home1": kHome, "POST move": problem(403, "You may not edit Home") });
  renderFolder();
  await userEvent.click(await screen.findByRole("checkbox", { name: "Select Alpha" }));
  await userEvent.click(screen.getByRole("button", { name: "Move to…" }));
  const dialog = await screen.findByRole("dialog");
  await userEvent.click(await within(dialog).findByRole("button", { name: "Move to “Home”" }));
  expect(await within(dialog).findByRole("alert")).toHaveTextContent("You may not edit Home");
});

test("trash and new folder call the API and report what they did", async () => {
  const { calls } = mockApi({
    "GET folder/f1": kProjects,
    "GET folder/home1": kHome,
    "POST move": {},
    "POST folder/create": { id: "new", name: "Results" },
  });
  renderFolder();
  await userEvent.click(await screen.findByRole("checkbox", { name: "Select zeta" }));
  await userEvent.click(screen.getByRole("button", { name: "Move to Trash" }));
  expect(await screen.findByText("Moved “zeta” to the Trash.")).toBeInTheDocument();
  expect(calls.find((c) => c.path === "move")!.body).toEqual({ entryIds: ["f2"], currentFolderId: "f1", targetFolderId: null });

  await userEvent.click(screen.getByRole("button", { name: "New folder" }));
  await userEvent.click(screen.getByRole("button", { name: "Create" }));
  expect(screen.getByText("A name is needed.")).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText("Name"), "Results");
  await userEvent.click(screen.getByRole("button", { name: "Create" }));
  expect(await screen.findByText("Created the folder “Results”.")).toBeInTheDocument();
  expect(calls.find((c) => c.path === "folder/create")!.body).toEqual({ name: "Results", parentId: "f1", description: null });
});

test("a folder of 5,000 entries puts only the visible rows in the page", async () => {
  const many = Array.from({ length: 5000 }, (_, i) => entry("dataset", `d${i}`, `data ${String(i).padStart(4, "0")}`));
  mockApi({ "GET folder/big": folder("big", "Big", many), "GET folder/home1": kHome });
  renderFolder("big");
  await screen.findByRole("heading", { name: "Big" });
  const rendered = within(screen.getByTestId("entry-rows")).getAllByRole("row").length;
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(100);
  expect(screen.getByRole("table")).toHaveAttribute("aria-rowcount", "5001");
});

test("a folder that cannot be loaded says so and offers a retry", async () => {
  mockApi({ "GET folder/gone": problem(404, "No folder gone (folderId)") });
  renderFolder("gone");
  expect(await screen.findByRole("alert")).toHaveTextContent("Could not open this folder: No folder gone (folderId)");
  await waitFor(() => expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument());
});

test("emptying the Trash deletes its datasets and names those the server kept", async () => {
  vi.spyOn(window, "confirm").mockReturnValue(true);
  const trash = folder("trash1", "Trash", [entry("dataset", "d1", "old"), entry("dataset", "d2", "shared")], {
    folder_type: "trash",
  });
  const { calls } = mockApi({
    "GET folder/trash1": trash,
    "GET folder/home1": kHome,
    "DELETE dataset/d1": {},
    "DELETE dataset/d2": problem(409, "Datasets use its files: other"),
  });
  renderFolder("trash1");
  await userEvent.click(await screen.findByRole("button", { name: "Empty trash" }));
  await userEvent.click(screen.getByRole("button", { name: "Delete for good" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Deleted 1; not deleted: shared: Datasets use its files: other");
  expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual(["dataset/d1", "dataset/d2"]);
  expect(screen.queryByRole("button", { name: "Move to Trash" })).toBeNull();
});

test("selected datasets in the Trash are deleted for good after asking", async () => {
  const trash = folder("trash1", "Trash", [entry("dataset", "d1", "old"), entry("dataset", "d2", "keep me")], { folder_type: "trash" });
  const { calls } = mockApi({ "GET folder/trash1": trash, "GET folder/home1": kHome, "DELETE dataset/d1": {} });
  renderFolder("trash1");
  expect(await screen.findByRole("button", { name: "Delete for good…" })).toBeDisabled();
  await userEvent.click(screen.getByRole("checkbox", { name: "Select old" }));
  await userEvent.click(screen.getByRole("button", { name: "Delete for good…" }));
  const dialog = screen.getByRole("dialog", { name: "Delete “old” for good?" });
  await userEvent.click(within(dialog).getByRole("button", { name: "Delete for good" }));
  expect(await screen.findByText("Deleted 1 dataset for good.")).toBeInTheDocument();
  expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual(["dataset/d1"]);
});
