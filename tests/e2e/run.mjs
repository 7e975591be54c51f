// Browser tests of the web UI against a real `taiga serve` (fresh data directory, loopback
// port), driven by playwright-core in Debian's Chromium. Screenshots of every page and the
// axe-core reports go to tests/e2e/artifacts/. Usage: node tests/e2e/run.mjs
//   TAIGA_BIN   the server binary (default build/taiga, or $BUILD_DIR/taiga)
//   CHROMIUM    the browser (default /usr/bin/chromium)
//   TAIGA_E2E_WEB_DIR  serve the UI from this directory (e.g. web/dist after `npm run build`)
//                      instead of the copy compiled into the binary
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { makeAxe } from "./a11y.mjs";
import { makeRunner } from "./harness.mjs";
import { defineTests } from "./scenarios.mjs";
import { startServer } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const require = createRequire(join(root, "web/package.json"));
const { chromium } = require("playwright-core");
const binary = resolve(root, process.env.TAIGA_BIN ?? join(process.env.BUILD_DIR ?? "build", "taiga"));
const artifacts = join(here, "artifacts");

const files = mkdtempSync(join(tmpdir(), "taiga-e2e-files-"));
process.on("exit", () => rmSync(files, { recursive: true, force: true }));
writeFileSync(join(files, "people.csv"), "name,age,score\nann,31,1.5\nbob,42,\ncy,7,2.25\n");
// A matrix of about 12 MB, so that its upload goes in several parts and shows its progress.
const columns = Array.from({ length: 600 }, (_, c) => `s${c}`);
const lines = [`,${columns.join(",")}`];
for (let r = 0; r < 3200; r += 1) {
  lines.push(`g${r},${columns.map((_, c) => (((r * 31 + c * 17) % 1000) / 100 - 5).toFixed(2)).join(",")}`);
}
writeFileSync(join(files, "expression.csv"), `${lines.join("\n")}\n`);

const webDir = process.env.TAIGA_E2E_WEB_DIR ? resolve(process.env.TAIGA_E2E_WEB_DIR) : undefined;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => process.exit(130));
const server = await startServer(binary, webDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = 1;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.base).origin });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const runner = makeRunner(artifacts);
  defineTests(runner.test, { audit: makeAxe(require, artifacts), artifacts, files });
  failed = await runner.run({ page, context, browser, server, pageErrors });
} finally {
  await browser.close();
  if (failed > 0) writeFileSync(join(artifacts, "server.log"), server.log());
  await server.stop();
}
process.exit(failed > 0 ? 1 : 0);
