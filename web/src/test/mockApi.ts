// A fake Taiga API for component tests: fetch is replaced by a table of routes
// ("METHOD path" → a value, a reply(status, body), or a function of the request).
import { vi } from "vitest";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

export interface Reply {
  __reply: true;
  status: number;
  body: unknown;
}

export function reply(status: number, body?: unknown): Reply {
  return { __reply: true, status, body };
}

export function problem(status: number, detail: string): Reply {
  return reply(status, { type: "about:blank", title: "Error", detail, status, request_id: "req-1" });
}

type Route = unknown | ((request: FakeRequest) => unknown);

export function mockApi(routes: Record<string, Route>) {
  const calls: FakeRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const path = url.pathname.replace(/^.*?\/api\//, "");
    const method = init?.method ?? "GET";
    const headers = Object.fromEntries(Object.entries((init?.headers as Record<string, string>) ?? {}));
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    const request: FakeRequest = { method, path: decodeURIComponent(path), query: url.searchParams, body, headers };
    calls.push(request);
    const key = `${method} ${request.path}`;
    let route: Route | undefined = routes[key];
    if (route === undefined) {
      const pattern = Object.keys(routes).find(
        (candidate) => candidate.includes("*") && new RegExp(`^${candidate.split("*").map(escape).join(".*")}$`).test(key),
      );
      route = pattern === undefined ? undefined : routes[pattern];
    }
    if (route === undefined) return json(404, { detail: `no fake route for ${key}`, status: 404 });
    const value = typeof route === "function" ? await (route as (r: FakeRequest) => unknown)(request) : route;
    if (value && typeof value === "object" && (value as Reply).__reply) {
      const r = value as Reply;
      return json(r.status, r.body);
    }
    return json(200, value);
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock };
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? "" : JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}
