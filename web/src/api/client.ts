// The one way the UI talks to the Taiga API: relative URLs under {prefix}/api/ (resolved against
// document.baseURI), JSON in and out, errors turned into ApiError with a message a person can
// read. The session cookie goes along by itself; writes carry its CSRF header.

export interface Problem {
  type?: string;
  title?: string | null;
  detail?: string;
  status?: number;
  request_id?: string;
}

/** An API call that failed; `message` is meant to be shown to people as it is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly requestId?: string,
    /** The parsed error body, when it was JSON. */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface AuthState {
  /** Sent as `csrfHeader` on every write when signed in with the session cookie. */
  csrfToken?: string;
  csrfHeader?: string;
}

let auth: AuthState = {};
const unauthorizedListeners = new Set<() => void>();

export function setAuth(next: AuthState): void {
  auth = { ...next };
}

export function getAuth(): AuthState {
  return auth;
}

/** Calls `listener` whenever an API call answers 401; returns the unsubscribe function. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** The app's own base path, e.g. "/taiga/" (from <base href>, which the server sets). */
export function appBase(): string {
  const path = new URL(document.baseURI).pathname;
  return path.endsWith("/") ? path : `${path}/`;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** The absolute URL of an API path such as "folder/public" (no leading "api/"). */
export function apiUrl(path: string, query?: Query): string {
  const url = new URL(`api/${path.replace(/^\/+/, "")}`, document.baseURI);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

export interface RawResponse<T> {
  status: number;
  data: T;
}

const kWriteMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Makes the call and returns status and parsed body for any 2xx; throws ApiError otherwise. */
export async function requestRaw<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<RawResponse<T>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (kWriteMethods.has(method) && auth.csrfToken) {
    headers[auth.csrfHeader ?? "X-Taiga-CSRF"] = auth.csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(
      0,
      "Could not reach the Taiga server. Check your connection (and that the server is running), then try again.",
    );
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (response.ok) return { status: response.status, data: parsed as T };
  if (response.status === 401) unauthorizedListeners.forEach((listener) => listener());
  throw errorFrom(response, parsed);
}

/** Makes the call and returns the parsed body; throws ApiError for anything but 2xx. */
export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  return (await requestRaw<T>(method, path, options)).data;
}

function errorFrom(response: Response, body: unknown): ApiError {
  const problem = (typeof body === "object" && body !== null ? body : {}) as Problem;
  const requestId = problem.request_id ?? response.headers.get("X-Request-Id") ?? undefined;
  const detail = typeof problem.detail === "string" && problem.detail !== "" ? problem.detail : "";
  return new ApiError(response.status, detail || fallbackMessage(response), requestId, body);
}

function fallbackMessage(response: Response): string {
  switch (response.status) {
    case 401:
      return "You are not signed in, or your sign-in has expired. Sign in again.";
    case 403:
      return "You are not allowed to do this.";
    case 404:
      return "Not found: it may have been moved or deleted.";
    case 413:
      return "The request is too large for the server.";
    case 503:
      return "The server is busy or a service it needs is down. Try again in a moment.";
    default:
      return `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`;
  }
}

/** A message for any thrown value, for showing in the page. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.requestId && error.status >= 500
      ? `${error.message} (request id ${error.requestId})`
      : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, { body }),
  del: <T>(path: string) => request<T>("DELETE", path),
};
