// Renders a component as the app would: a query client, a router at `route`, a signed-in user.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes } from "react-router";
import type { User } from "../api/types";
import { SessionProvider } from "../session/SessionGate";
import type { Session } from "../session/session";

export const kUser: User = {
  id: "u1",
  name: "ada",
  email: "ada@example.org",
  home_folder_id: "home1",
  trash_folder_id: "trash1",
  token: null,
  figshare_account_linked: false,
};

export function renderPage(
  element: ReactElement,
  { route = "/", path = "*", session }: { route?: string; path?: string; session?: Partial<Session> } = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const value = {
    session: { user: kUser, mode: "embedded", credential: "cookie" as const, ...session },
    signOut: async () => {},
  };
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[route]}>
        <SessionProvider value={value}>
          <Routes>
            <Route path={path} element={element} />
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
        </SessionProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
