import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, test, vi } from "vitest";
import { mockApi, problem } from "../test/mockApi";
import { renderPage } from "../test/render";
import { JumpBox, resolveJump } from "./JumpBox";

afterEach(() => vi.unstubAllGlobals());

const found = { dataset: { id: "ds1", permanames: ["gene-1a2b"] }, datasetVersion: { version: "3" } };

test("a permaname.version, a taiga id or a name each go to the right place", async () => {
  const { calls } = mockApi({
    "GET datasetVersion/id/find": (r: { query: URLSearchParams }) =>
      r.query.get("entry_submitted_by_user") === "gene-1a2b.3" ? "vid3" : problem(404, "No entry found"),
    "GET dataset/x/vid3": found,
  });
  expect(await resolveJump("gene-1a2b.3")).toBe("dataset/gene-1a2b/3");
  expect(await resolveJump(" gene-1a2b.3/counts ")).toBe("dataset/gene-1a2b/3/counts");
  expect(await resolveJump("some words")).toBe("search?q=some%20words");
  expect(calls.filter((c) => c.path === "datasetVersion/id/find").map((c) => c.query.get("entry_submitted_by_user"))).toEqual([
    "gene-1a2b.3",
    "gene-1a2b.3",
    "some words",
  ]);
});

test("the box navigates, and says in words when the server fails", async () => {
  mockApi({ "GET datasetVersion/id/find": problem(500, "database unavailable") });
  renderPage(<JumpBox />);
  await userEvent.type(screen.getByRole("searchbox"), "x{Enter}");
  expect(await screen.findByRole("alert")).toHaveTextContent("database unavailable");
});
