// Who is signed in and how: GET /api/session (the taiga_session cookie, set by the one-time
// sign-in link or by POST /api/session with a pasted API token), DELETE /api/session to sign out.
import { ApiError, api, request, setAuth } from "../api/client";
import type { components } from "../api/schema";
import type { User } from "../api/types";

type SessionBody = components["schemas"]["Session"];
type SignInRequired = components["schemas"]["SignInRequired"];

export interface Session {
  user: User;
  /** "embedded": this server signs people in; "proxy": a proxy in front of it does. */
  mode: string;
  /** How the server knew the caller; only a cookie session can sign out. */
  credential: SessionBody["credential"];
}

export interface SignedOut {
  /** Ways the server says one may sign in ("token", "code", "proxy"). */
  methods: string[];
}

function methodsOf(error: ApiError): string[] {
  const body = error.body as Partial<SignInRequired> | undefined;
  return body?.signin_methods ?? ["token", "code"];
}

/** Finds out who is signed in: a Session, or SignedOut when nobody is. Throws on other errors. */
export async function loadSession(): Promise<Session | SignedOut> {
  let body: SessionBody;
  try {
    body = await request<SessionBody>("GET", "session");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setAuth({});
      return { methods: methodsOf(error) };
    }
    throw error;
  }
  setAuth(body.csrf_token ? { csrfToken: body.csrf_token, csrfHeader: body.csrf_header ?? undefined } : {});
  const user = body.user?.home_folder_id ? body.user : await api.get<User>("user");
  return { user, mode: body.mode, credential: body.credential };
}

/** Signs in with a pasted API token; resolves to the new session, throws ApiError when refused. */
export async function signInWithToken(token: string): Promise<Session> {
  try {
    await request("POST", "session", { body: { token: token.trim() } });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw new ApiError(401, "That token was not accepted: it is unknown, mistyped or revoked.");
    }
    throw error;
  }
  const session = await loadSession();
  if (!("user" in session)) throw new ApiError(401, "The server did not keep the sign-in: are cookies blocked for this site?");
  return session;
}

/** Ends the cookie session. */
export async function signOut(): Promise<void> {
  try {
    await request("DELETE", "session");
  } finally {
    setAuth({});
  }
}
