import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { onUnauthorized } from "../api/client";
import { ErrorMessage, Loading } from "../ui/ErrorMessage";
import { loadSession, signOut as endSession, type Session } from "./session";
import { SignInPage } from "./SignInPage";

interface SessionValue {
  session: Session;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Provides a session without signing in (for tests and stories). */
export function SessionProvider({ value, children }: { value: SessionValue; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The signed-in session; only inside <SessionGate>. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionGate");
  return value;
}

type State =
  | { kind: "loading" }
  | { kind: "in"; session: Session }
  | { kind: "out"; methods: string[]; notice?: string }
  | { kind: "error"; error: unknown };

/** Renders its children for a signed-in user, the sign-in page otherwise. */
export function SessionGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ kind: "loading" });
  const queryClient = useQueryClient();

  const load = useCallback(() => {
    setState({ kind: "loading" });
    loadSession().then(
      (result) =>
        setState("user" in result ? { kind: "in", session: result } : { kind: "out", methods: result.methods }),
      (error: unknown) => setState({ kind: "error", error }),
    );
  }, []);

  useEffect(load, [load]);

  useEffect(
    () =>
      onUnauthorized(() =>
        setState((current) =>
          current.kind === "in"
            ? { kind: "out", methods: ["token", "code"], notice: "Your session has ended. Sign in again to go on." }
            : current,
        ),
      ),
    [],
  );

  const signOut = useCallback(async () => {
    if (state.kind !== "in") return;
    try {
      await endSession();
    } finally {
      queryClient.clear();
      setState({ kind: "out", methods: ["token", "code"], notice: "You are signed out." });
    }
  }, [state, queryClient]);

  switch (state.kind) {
    case "loading":
      return <Loading what="Taiga" />;
    case "error":
      return (
        <main className="page narrow">
          <h1>Taiga</h1>
          <ErrorMessage error={state.error} prefix="Could not start" onRetry={load} />
        </main>
      );
    case "out":
      return (
        <SignInPage
          methods={state.methods}
          notice={state.notice}
          onSignedIn={(session) => {
            queryClient.clear();
            setState({ kind: "in", session });
          }}
        />
      );
    case "in":
      return <SessionContext.Provider value={{ session: state.session, signOut }}>{children}</SessionContext.Provider>;
  }
}
