// Who is signed in and how. The server's cookie session (GET/POST/DELETE /api/session) is used
// when it has one; a server without those routes (404) is signed in to with a bearer token kept
// in this tab's sessionStorage.
import { ApiError, api, request, setAuth } from "../api/client";
import type { User } from "../api/types";

export type SignInVia = "cookie" | "token" | "server";

export interface Session {
  user: User;
  /** "embedded": this server signs people in; "proxy": a proxy in front of it does. */
  mode: string;
  via: SignInVia;
}

export interface SignedOut {
  /** Ways the server says one may sign in (e.g. "code", "token"). */
  methods: string[];
}

const kTokenKey = "taiga.token";

interface SessionBody {
  user?: User;
  mode?: string;
  /** How the server identified the caller: "cookie", "bearer", "proxy", "default", … */
  credential?: string;
  csrf?: string;
  csrf_token?: string;
  csrfToken?: string;
  csrf_header?: string;
  methods?: string[];
  signin_methods?: string[];
}

function csrfOf(body: SessionBody): { csrfToken?: string; csrfHeader?: string } {
  const csrfToken = body.csrf_token ?? body.csrfToken ?? body.csrf;
  return csrfToken ? { csrfToken, csrfHeader: body.csrf_header } : {};
}

function methodsOf(error: unknown): string[] {
  const body = (error as { body?: SessionBody } | undefined)?.body;
  return body?.methods ?? body?.signin_methods ?? ["token"];
}

/** Finds out who is signed in: a Session, or SignedOut when nobody is. Throws on other errors. */
export async function loadSession(): Promise<Session | SignedOut> {
  let body: SessionBody;
  try {
    body = await request<SessionBody>("GET", "session");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { methods: methodsOf(error) };
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
      return loadWithoutSessionRoutes();
    }
    throw error;
  }
  setAuth(csrfOf(body));
  const user = body.user?.home_folder_id ? body.user : await api.get<User>("user");
  const via: SignInVia = body.credential === undefined || body.credential === "cookie" ? "cookie" : "server";
  return { user, mode: body.mode ?? "embedded", via };
}

async function loadWithoutSessionRoutes(): Promise<Session | SignedOut> {
  const token = sessionStorage.getItem(kTokenKey) ?? undefined;
  setAuth(token ? { bearer: token } : {});
  try {
    const user = await api.get<User>("user");
    return { user, mode: "embedded", via: token ? "token" : "server" };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      sessionStorage.removeItem(kTokenKey);
      setAuth({});
      return { methods: ["token"] };
    }
    throw error;
  }
}

/** Signs in with a pasted API token; resolves to the new session, throws ApiError when refused. */
export async function signInWithToken(token: string): Promise<Session> {
  const trimmed = token.trim();
  try {
    await request("POST", "session", { body: { token: trimmed } });
  } catch (error) {
    if (!(error instanceof ApiError && (error.status === 404 || error.status === 405))) {
      if (error instanceof ApiError && error.status === 401) {
        throw new ApiError(401, "That token was not accepted: it is unknown, mistyped or revoked.");
      }
      throw error;
    }
    sessionStorage.setItem(kTokenKey, trimmed);
  }
  const session = await loadSession();
  if (!("user" in session)) {
    sessionStorage.removeItem(kTokenKey);
    throw new ApiError(401, "That token was not accepted: it is unknown, mistyped or revoked.");
  }
  return session;
}

/** Ends the session (the cookie, or the token kept in this tab). */
export async function signOut(session: Session): Promise<void> {
  sessionStorage.removeItem(kTokenKey);
  try {
    if (session.via === "cookie") await request("DELETE", "session");
  } finally {
    setAuth({});
  }
}
