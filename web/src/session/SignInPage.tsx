import { useEffect, useState, type FormEvent } from "react";
import { ErrorMessage } from "../ui/ErrorMessage";
import { signInWithToken, type Session } from "./session";

/** Sign in by pasting an API token, or follow the sign-in link the server printed. */
export function SignInPage({
  methods,
  notice,
  onSignedIn,
}: {
  methods: string[];
  notice?: string;
  onSignedIn: (session: Session) => void;
}) {
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    document.title = "Sign in - Taiga";
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!token.trim()) {
      setError(new Error("Paste an API token first."));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signInWithToken(token));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <main className="page narrow signin">
      <h1>Sign in to Taiga</h1>
      {notice && <p className="notice">{notice}</p>}
      {methods.includes("proxy") && (
        <p>This server expects its sign-in proxy to say who you are: reload the page, or go through the proxy's address.</p>
      )}
      {methods.includes("code") && (
        <section aria-labelledby="signin-link">
          <h2 id="signin-link">With the sign-in link</h2>
          <p>
            When <code>taiga serve</code> starts, it prints a one-time sign-in link (<code>taiga signin-url</code> prints a
            new one). Open that link in this browser and you are signed in; it works once and expires after a while.
          </p>
        </section>
      )}
      {methods.includes("token") && (
        <section aria-labelledby="signin-token">
          <h2 id="signin-token">With an API token</h2>
          <p>
            Paste one of your API tokens: the admin's is in <code>&lt;data-dir&gt;/admin-token</code>, and{" "}
            <code>taiga token create --user NAME --name browser</code> makes one for any user.
          </p>
          <form onSubmit={submit} className="stack">
            <label htmlFor="token">API token</label>
            <input
              id="token"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {busy ? "Signing in…" : "Sign in"}
              </button>
            </div>
            <ErrorMessage error={error} />
          </form>
        </section>
      )}
    </main>
  );
}
