import { screen } from "@testing-library/react";
import { afterEach, expect, test, vi } from "vitest";
import type { Folder } from "../api/types";
import { mockApi } from "../test/mockApi";
import { renderPage } from "../test/render";
import SearchPage from "./SearchPage";

afterEach(() => vi.unstubAllGlobals());

function folder(id: string, name: string, entries: Folder["entries"]): Folder {
  return { id, name, type: "Folder", folder_type: "folder", description: null, creation_date: "", creator: null, parents: [], entries, can_edit: true, can_view: true };
}

test("finds matching names below Home and shows where they are", async () => {
  mockApi({
    "GET folder/home1": folder("home1", "Home", [
      { type: "folder", id: "p", name: "Projects", creation_date: "2026-01-01T00:00:00+00:00", creator: null },
    ]),
    "GET folder/p": folder("p", "Projects", [
      { type: "dataset", id: "d1", name: "Gene effect", creation_date: "2026-01-01T00:00:00+00:00", creator: { id: "u1", name: "ada" } },
    ]),
  });
  renderPage(<SearchPage />, { route: "/search?q=gene", path: "/search" });
  expect(await screen.findByRole("link", { name: "Gene effect" })).toHaveAttribute("href", "/dataset/d1");
  expect(screen.getByRole("link", { name: "Projects" })).toHaveAttribute("href", "/folder/p");
  expect(await screen.findByText("1 found in 2 folders.")).toBeInTheDocument();
});
