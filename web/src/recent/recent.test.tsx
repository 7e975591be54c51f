import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import { renderPage } from "../test/render";
import { listRecent, recordVisit } from "./recent";
import RecentPage from "./RecentPage";

test("visits are kept per user, newest first, once each", () => {
  recordVisit("u1", { kind: "folder", id: "a", name: "A", path: "folder/a" }, new Date("2026-01-01"));
  recordVisit("u1", { kind: "dataset", id: "b", name: "B", path: "dataset/b/1" }, new Date("2026-01-02"));
  recordVisit("u1", { kind: "folder", id: "a", name: "A2", path: "folder/a" }, new Date("2026-01-03"));
  recordVisit("u2", { kind: "folder", id: "z", name: "Z", path: "folder/z" });
  expect(listRecent("u1").map((i) => i.name)).toEqual(["A2", "B"]);
  expect(listRecent("u2")).toHaveLength(1);
});

test("the page lists them, says when there are none, and clears them", async () => {
  renderPage(<RecentPage />);
  expect(screen.getByText(/Nothing yet/)).toBeInTheDocument();
});

test("the page links each item", async () => {
  recordVisit("u1", { kind: "dataset", id: "b", name: "Beta", path: "dataset/beta-1a2b/2" });
  renderPage(<RecentPage />);
  expect(screen.getByRole("link", { name: "Beta" })).toHaveAttribute("href", "/dataset/beta-1a2b/2");
  await userEvent.click(screen.getByRole("button", { name: "Clear the list" }));
  expect(screen.getByText(/Nothing yet/)).toBeInTheDocument();
  expect(listRecent("u1")).toEqual([]);
});
