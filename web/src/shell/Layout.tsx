import { useState } from "react";
import { NavLink, Outlet } from "react-router";
import { errorMessage } from "../api/client";
import { useSession } from "../session/SessionGate";
import { JumpBox } from "./JumpBox";

/** The header (Home, Public, Trash, Recent, the jump box, Groups, Tokens, sign out) and the page. */
export function Layout() {
  const { session, signOut } = useSession();
  const [error, setError] = useState<string | null>(null);
  const user = session.user;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <nav aria-label="Main">
          <NavLink to="/" end className="brand">
            Taiga
          </NavLink>
          <NavLink to={`/folder/${user.home_folder_id}`}>Home</NavLink>
          <NavLink to="/folder/public">Public</NavLink>
          <NavLink to={`/folder/${user.trash_folder_id}`}>Trash</NavLink>
          <NavLink to="/recent">Recent</NavLink>
        </nav>
        <JumpBox />
        <nav aria-label="Account" className="account">
          <NavLink to="/groups">Groups</NavLink>
          <NavLink to="/tokens">Tokens</NavLink>
          <span className="who" title={user.email}>
            {user.name}
          </span>
          {session.credential === "cookie" && (
            <button
              type="button"
              className="link-button"
              onClick={() => signOut().catch((e: unknown) => setError(errorMessage(e)))}
            >
              Sign out
            </button>
          )}
        </nav>
      </header>
      {error && (
        <div className="error" role="alert">
          Could not sign out: {error}
        </div>
      )}
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
