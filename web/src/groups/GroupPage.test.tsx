import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, test, vi } from "vitest";
import { mockApi, problem } from "../test/mockApi";
import { renderPage } from "../test/render";
import GroupPage from "./GroupPage";
import GroupsPage from "./GroupsPage";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const kGroup = { id: 7, name: "Lab", num_users: 2, users: [{ id: "u1", name: "ada" }, { id: "u2", name: "bob" }] };

test("the groups page lists groups and creates one", async () => {
  const { calls } = mockApi({ "GET group/allJoined": [{ id: 7, name: "Lab", num_users: 2 }], "POST group/create": kGroup });
  renderPage(<GroupsPage />);
  expect(await screen.findByRole("link", { name: "Lab" })).toHaveAttribute("href", "/group/7");
  await userEvent.type(screen.getByLabelText("Name"), "Another");
  await userEvent.click(screen.getByRole("button", { name: "Create group" }));
  await vi.waitFor(() => expect(calls.find((c) => c.method === "POST")?.body).toEqual({ name: "Another" }));
});

test("a group's members can be added and removed; refusals are said", async () => {
  vi.spyOn(window, "confirm").mockReturnValue(true);
  const { calls } = mockApi({
    "GET group/7": kGroup,
    "GET user/all": [{ id: "u1", name: "ada" }, { id: "u2", name: "bob" }, { id: "u3", name: "cy" }],
    "POST group/7/add": { ...kGroup, num_users: 3, users: [...kGroup.users, { id: "u3", name: "cy" }] },
    "POST group/7/remove": problem(409, "The Admin group cannot lose its last member"),
  });
  renderPage(<GroupPage />, { route: "/group/7", path: "/group/:groupId" });
  expect(await screen.findByRole("heading", { name: "Lab" })).toBeInTheDocument();
  expect(screen.getByText("ada (you)")).toBeInTheDocument();
  await userEvent.selectOptions(await screen.findByLabelText("Person"), "u3");
  await userEvent.click(screen.getByRole("button", { name: "Add" }));
  expect(await screen.findByText("cy")).toBeInTheDocument();
  expect(calls.find((c) => c.path === "group/7/add")!.body).toEqual({ userIds: ["u3"] });
  await userEvent.click(screen.getByRole("button", { name: "Remove bob" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Could not remove the member: The Admin group cannot lose its last member");
});
