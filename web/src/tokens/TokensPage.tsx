import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { IssuedToken, Token } from "../api/types";
import { CopyButton } from "../ui/CopyButton";
import { ErrorMessage, Loading } from "../ui/ErrorMessage";
import { formatDateTime } from "../ui/format";
import { useTitle } from "../ui/useTitle";

function tokenFileCommand(secret: string): string {
  return `mkdir -p ~/.taiga && printf '%s' '${secret}' > ~/.taiga/token && chmod 600 ~/.taiga/token`;
}

/** The caller's API tokens: create (the secret is shown once), copy, revoke. */
export default function TokensPage() {
  useTitle("API tokens");
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ["tokens"], queryFn: () => api.get<Token[]>("tokens") });
  const [name, setName] = useState("");
  const [issued, setIssued] = useState<IssuedToken | null>(null);

  const create = useMutation({
    mutationFn: (tokenName: string) => api.post<IssuedToken>("tokens", { name: tokenName }),
    onSuccess: (token) => {
      setIssued(token);
      setName("");
      void queryClient.invalidateQueries({ queryKey: ["tokens"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.post(`tokens/${encodeURIComponent(id)}/revoke`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["tokens"] }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate(name.trim());
  }

  return (
    <>
      <h1>API tokens</h1>
      <p>
        Tokens let programs act as you: <code>taigapy</code> and <code>taigr</code> read one from{" "}
        <code>~/.taiga/token</code>, and any client can send it as <code>Authorization: Bearer &lt;token&gt;</code>. Make one per
        machine or program, so that you can revoke it alone.
      </p>

      <form className="row" onSubmit={submit}>
        <label htmlFor="token-name">New token's name</label>
        <input
          id="token-name"
          value={name}
          maxLength={100}
          placeholder="e.g. laptop"
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
          Create token
        </button>
      </form>
      <ErrorMessage error={create.error} prefix="Could not create the token" />

      {issued && (
        <section className="callout" aria-labelledby="issued-title">
          <h2 id="issued-title">Your new token “{issued.name}”</h2>
          <p>Copy it now: it is shown only this once (the server keeps only its hash).</p>
          <div className="row">
            <code className="secret" data-testid="issued-token">
              {issued.token}
            </code>
            <CopyButton text={issued.token} what="the token" />
          </div>
          <p>To use it with taigapy on this machine, run:</p>
          <pre className="snippet">{tokenFileCommand(issued.token)}</pre>
          <CopyButton text={tokenFileCommand(issued.token)} what="the command" />
          <p>
            <button type="button" className="link-button" onClick={() => setIssued(null)}>
              I have saved it; hide it
            </button>
          </p>
        </section>
      )}

      <h2>Your tokens</h2>
      {tokens.isPending && <Loading what="your tokens" />}
      <ErrorMessage error={tokens.error} prefix="Could not load your tokens" onRetry={() => tokens.refetch()} />
      <ErrorMessage error={revoke.error} prefix="Could not revoke the token" />
      {tokens.data && tokens.data.length === 0 && <p>You have no tokens yet.</p>}
      {tokens.data && tokens.data.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((token) => (
              <tr key={token.id} className={token.revoked ? "muted" : undefined}>
                <td>{token.name}</td>
                <td>{formatDateTime(token.creation_date)}</td>
                <td>{token.last_used ? formatDateTime(token.last_used) : "never"}</td>
                <td>{token.revoked ? `revoked ${formatDateTime(token.revoked)}` : "active"}</td>
                <td>
                  {!token.revoked && (
                    <button
                      type="button"
                      className="small danger"
                      aria-label={`Revoke ${token.name}`}
                      disabled={revoke.isPending}
                      onClick={() => {
                        if (window.confirm(`Revoke the token “${token.name}”? Programs using it stop working.`)) {
                          revoke.mutate(token.id);
                        }
                      }}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
