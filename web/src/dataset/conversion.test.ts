import { afterEach, expect, test, vi } from "vitest";
import { mockApi, reply } from "../test/mockApi";
import { fetchDownloadUrl, formatLabel } from "./conversion";

afterEach(() => vi.unstubAllGlobals());

test("polls while the server answers 202, reporting each status, until the URL comes", async () => {
  let n = 0;
  mockApi({ "GET datafile": () => (++n < 3 ? reply(202, { status: n === 1 ? "Conversion pending" : "Running conversion" }) : { urls: ["u"] }) });
  const seen: string[] = [];
  const url = await fetchDownloadUrl({ versionId: "v", fileName: "f", format: "csv", interval: 1, onProgress: (p) => seen.push(p.status) });
  expect(url).toBe("u");
  expect(seen).toEqual(["Conversion pending", "Running conversion"]);
});

test("Cancel stops the polling", async () => {
  mockApi({ "GET datafile": reply(202, { status: "Running conversion" }) });
  const controller = new AbortController();
  const pending = fetchDownloadUrl({ versionId: "v", fileName: "f", format: "csv", interval: 50, signal: controller.signal });
  setTimeout(() => controller.abort(), 10);
  await expect(pending).rejects.toMatchObject({ name: "AbortError" });
});

test("raw_test is called what it is", () => {
  expect(formatLabel("raw_test")).toBe("Original upload (as uploaded)");
});
