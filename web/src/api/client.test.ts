import { afterEach, describe, expect, test, vi } from "vitest";
import { mockApi, problem, reply } from "../test/mockApi";
import { ApiError, api, apiUrl, errorMessage, onUnauthorized, setAuth } from "./client";

afterEach(() => {
  setAuth({});
  vi.unstubAllGlobals();
});

describe("api client", () => {
  test("URLs are relative to the document's base", () => {
    expect(apiUrl("folder/public", { a: 1, b: undefined })).toBe(new URL("api/folder/public?a=1", document.baseURI).toString());
  });

  test("a problem's detail becomes the error message, with the status", async () => {
    mockApi({ "GET folder/nope": problem(404, "No folder nope (folderId)") });
    const error = await api.get("folder/nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect(errorMessage(error)).toBe("No folder nope (folderId)");
  });

  test("a 500 without a JSON body is still said in words, with the request id", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("<html>oops</html>", { status: 500, headers: { "X-Request-Id": "r-9" } })),
    );
    const error = await api.get("user").catch((e: unknown) => e);
    expect(errorMessage(error)).toBe("The server answered 500. (request id r-9)");
  });

  test("a network failure says the server could not be reached", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    const error = await api.get("user").catch((e: unknown) => e);
    expect(errorMessage(error)).toMatch(/Could not reach the Taiga server/);
  });

  test("writes carry the CSRF header when signed in with the cookie; reads do not", async () => {
    const { calls } = mockApi({ "POST folder/create": { id: "f", name: "x" }, "GET user": {} });
    setAuth({ csrfToken: "csrf-1" });
    await api.post("folder/create", { name: "x", parentId: "p" });
    await api.get("user");
    expect(calls[0]!.headers["X-Taiga-CSRF"]).toBe("csrf-1");
    expect(calls[0]!.headers["Content-Type"]).toBe("application/json");
    expect(calls[0]!.body).toEqual({ name: "x", parentId: "p" });
    expect(calls[1]!.headers["X-Taiga-CSRF"]).toBeUndefined();
  });

  test("401 tells the listeners", async () => {
    mockApi({ "GET user": reply(401, { detail: "unknown token" }) });
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    await api.get("user").catch(() => {});
    stop();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
