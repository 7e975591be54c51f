import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, test, vi } from "vitest";
import type { Grant } from "../api/types";
import { mockApi, problem } from "../test/mockApi";
import { renderPage } from "../test/render";
import { EditorsDialog } from "./EditorsDialog";

afterEach(() => vi.unstubAllGlobals());

const kGrant: Grant = { id: "g1", entry_id: "f1", role: "editor", creation_date: "2026-01-01T00:00:00+00:00", user: { id: "u2", name: "bob" }, group: null };

test("lists editors, adds a group and removes a person; refusals are said", async () => {
  const grants: Grant[] = [kGrant];
  const { calls } = mockApi({
    "GET entry/f1/grants": () => grants,
    "GET user/all": [{ id: "u2", name: "bob" }, { id: "u3", name: "cy" }],
    "GET group/allJoined": [{ id: 7, name: "Lab", num_users: 2 }],
    "POST entry/f1/grants": () => {
      const g: Grant = { ...kGrant, id: "g2", user: null, group: { id: 7, name: "Lab" } };
      grants.push(g);
      return g;
    },
    "POST entry/f1/grants/g1/remove": problem(403, "You may not edit this folder"),
  });
  renderPage(<EditorsDialog entryId="f1" entryName="Projects" canEdit onClose={() => {}} />);
  const list = await screen.findByRole("list", { name: "Editors" });
  expect(within(list).getByText("bob")).toBeInTheDocument();
  await screen.findByRole("option", { name: "Lab" });
  await userEvent.selectOptions(screen.getByLabelText("Add an editor"), "group:7");
  await userEvent.click(screen.getByRole("button", { name: "Add" }));
  expect(await screen.findByText("group Lab")).toBeInTheDocument();
  expect(calls.find((c) => c.method === "POST" && c.path === "entry/f1/grants")!.body).toEqual({ groupId: 7 });
  await userEvent.click(screen.getByRole("button", { name: "Remove bob" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Could not remove the editor: You may not edit this folder");
});

test("without the right to edit, the editors are only listed", async () => {
  mockApi({ "GET entry/f1/grants": [kGrant] });
  renderPage(<EditorsDialog entryId="f1" entryName="Projects" canEdit={false} onClose={() => {}} />);
  expect(await screen.findByText("bob")).toBeInTheDocument();
  expect(screen.queryByLabelText("Add an editor")).toBeNull();
  expect(screen.queryByRole("button", { name: "Remove bob" })).toBeNull();
});
