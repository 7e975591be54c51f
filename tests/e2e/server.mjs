// Starts a real `taiga serve` on a fresh data directory and a free loopback port, and reads what
// it prints on its first start: the admin's token and the one-time sign-in link.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Resolves to { base, token, signInUrl, log(), stop() } once the server answers /readyz;
 * `webDir`, if given, is served as the UI instead of the copy compiled into the binary.
 */
export async function startServer(binary, webDir) {
  const dataDir = mkdtempSync(join(tmpdir(), "taiga-e2e-"));
  const port = await freePort();
  const env = { ...process.env, ...(webDir ? { TAIGA_WEB_DIR: webDir } : {}) };
  const child = spawn(binary, ["serve", "--data-dir", dataDir, "--listen", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  // However this process ends (a failure, Ctrl-C, a closed pipe), the server goes with it.
  process.on("exit", () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const base = `http://127.0.0.1:${port}/taiga/`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`taiga serve exited (${child.exitCode}):\n${output}`);
    try {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (ready.ok && /signin\?code=/.test(output)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`taiga serve did not get ready in 20 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const signInUrl = /(http:\/\/\S+\/signin\?code=\S+)/.exec(output)?.[1];
  const token = readFileSync(join(dataDir, "admin-token"), "utf8").trim();
  return {
    base,
    token,
    signInUrl,
    dataDir,
    log: () => output,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
