import { screen } from "@testing-library/react";
import { afterEach, expect, test, vi } from "vitest";
import { AppRoutes } from "./App";
import { mockApi, problem } from "./test/mockApi";
import { renderPage } from "./test/render";

afterEach(() => vi.unstubAllGlobals());

test("the header links Home, Public and Trash, and / goes Home", async () => {
  mockApi({ "GET folder/home1": { id: "home1", name: "Home", type: "Folder", folder_type: "home", description: null, creation_date: "", creator: null, parents: [], entries: [], can_edit: true, can_view: true } });
  renderPage(<AppRoutes />, { route: "/" });
  expect(await screen.findByRole("heading", { name: "Home" })).toBeInTheDocument();
  const nav = screen.getByRole("navigation", { name: "Main" });
  expect(nav.querySelector('a[href="/folder/trash1"]')).toHaveTextContent("Trash");
  expect(nav.querySelector('a[href="/folder/public"]')).toHaveTextContent("Public");
  expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
});

test("an unknown address says so inside the app", async () => {
  renderPage(<AppRoutes />, { route: "/no/such/page" });
  expect(await screen.findByRole("heading", { name: "No such page" })).toBeInTheDocument();
});

test("Taiga 2's permaname.version links open the dataset", async () => {
  mockApi({ "GET dataset/gene-1a2b/3": problem(404, "no such version") });
  renderPage(<AppRoutes />, { route: "/dataset/gene-1a2b.3" });
  expect(await screen.findByRole("alert")).toHaveTextContent("Could not open dataset gene-1a2b (version 3): no such version");
});

test("a page that fails to render says so and offers a reload", async () => {
  mockApi({ "GET dataset/broken/1": { dataset: { id: "x" }, datasetVersion: { version: "1" } } });
  vi.spyOn(console, "error").mockImplementation(() => {});
  // React reports the render error on window too; it is expected here.
  const quiet = (event: ErrorEvent) => event.preventDefault();
  window.addEventListener("error", quiet);
  renderPage(<AppRoutes />, { route: "/dataset/broken/1" });
  expect(await screen.findByRole("alert")).toHaveTextContent("This page could not be shown");
  expect(screen.getByRole("button", { name: "Reload the page" })).toBeInTheDocument();
  expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
  window.removeEventListener("error", quiet);
});
