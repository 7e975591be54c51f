import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, test, vi } from "vitest";
import { mockApi, problem } from "../test/mockApi";
import { renderPage } from "../test/render";
import TokensPage from "./TokensPage";

afterEach(() => vi.unstubAllGlobals());

const kToken = { id: "t1", name: "laptop", creation_date: "2026-01-02T03:04:05+00:00", last_used: null, revoked: null };

test("lists tokens, creates one and shows its secret once with the ~/.taiga/token command", async () => {
  const tokens = [kToken];
  const { calls } = mockApi({
    "GET tokens": () => tokens,
    "POST tokens": (r: { body: unknown }) => {
      const t = { ...kToken, id: "t2", name: (r.body as { name: string }).name, token: "SECRET-1" };
      tokens.push(t);
      return t;
    },
  });
  renderPage(<TokensPage />);
  expect(await screen.findByRole("cell", { name: "laptop" })).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText("New token's name"), "cluster");
  await userEvent.click(screen.getByRole("button", { name: "Create token" }));
  expect(await screen.findByTestId("issued-token")).toHaveTextContent("SECRET-1");
  expect(screen.getByText(/~\/\.taiga\/token && chmod 600/)).toBeInTheDocument();
  expect(calls.find((c) => c.method === "POST")!.body).toEqual({ name: "cluster" });
  expect(await screen.findByRole("cell", { name: "cluster" })).toBeInTheDocument();
});

test("revoking asks first and reports a failure in words", async () => {
  vi.spyOn(window, "confirm").mockReturnValue(true);
  mockApi({ "GET tokens": [kToken], "POST tokens/t1/revoke": problem(404, "No active token t1") });
  renderPage(<TokensPage />);
  const row = (await screen.findByRole("cell", { name: "laptop" })).closest("tr")!;
  await userEvent.click(within(row).getByRole("button", { name: /Revoke/ }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Could not revoke the token: No active token t1");
});
