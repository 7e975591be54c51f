import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, test, vi } from "vitest";
import { getAuth, setAuth } from "../api/client";
import { mockApi, problem, reply } from "../test/mockApi";
import { kUser } from "../test/render";
import { SessionGate, useSession } from "./SessionGate";

afterEach(() => {
  setAuth({});
  vi.unstubAllGlobals();
});

function Who() {
  const { session } = useSession();
  return <p>signed in as {session.user.name} via {session.credential}</p>;
}

function renderGate() {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionGate>
        <Who />
      </SessionGate>
    </QueryClientProvider>,
  );
}

test("a cookie session signs in at once and keeps the CSRF token for writes", async () => {
  mockApi({ "GET session": { user: kUser, mode: "embedded", credential: "cookie", csrf_token: "c1", csrf_header: "X-Taiga-CSRF" } });
  renderGate();
  expect(await screen.findByText("signed in as ada via cookie")).toBeInTheDocument();
  expect(getAuth().csrfToken).toBe("c1");
});

test("without a session the sign-in page explains the link and takes a token", async () => {
  let signedIn = false;
  const { calls } = mockApi({
    "GET session": () => (signedIn ? { user: kUser, mode: "embedded", credential: "cookie", csrf_token: "c2" } : reply(401, { signin_methods: ["token", "code"] })),
    "POST session": (request: { body: unknown }) => {
      signedIn = (request.body as { token: string }).token === "good";
      return signedIn ? { user: kUser } : problem(401, "bad token");
    },
  });
  renderGate();
  expect(await screen.findByRole("heading", { name: "Sign in to Taiga" })).toBeInTheDocument();
  expect(screen.getByText(/taiga signin-url/)).toBeInTheDocument();

  await userEvent.type(screen.getByLabelText("API token"), "wrong");
  await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByRole("alert")).toHaveTextContent(/not accepted/);

  await userEvent.clear(screen.getByLabelText("API token"));
  await userEvent.type(screen.getByLabelText("API token"), " good ");
  await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByText("signed in as ada via cookie")).toBeInTheDocument();
  expect(calls.find((c) => c.method === "POST")!.body).toEqual({ token: "wrong" });
  expect(calls.filter((c) => c.method === "POST")[1]!.body).toEqual({ token: "good" });
});

test("a server that cannot be reached is said so, with a retry", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("down"))));
  renderGate();
  expect(await screen.findByRole("alert")).toHaveTextContent(/Could not reach the Taiga server/);
  expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
});
