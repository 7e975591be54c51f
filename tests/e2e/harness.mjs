// A small sequential test runner for the browser tests: each test gets the shared state and
// builds on what the ones before it did, so the first failure (recorded with a screenshot)
// ends the run and the rest count as skipped; the summary line is
// "N passed, N failed, N skipped in Ts" (what scripts/test counts).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function makeRunner(artifacts) {
  mkdirSync(artifacts, { recursive: true });
  const tests = [];
  return {
    test: (name, fn) => tests.push({ name, fn }),
    async run(state) {
      const started = Date.now();
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      for (const { name, fn } of tests) {
        if (failed > 0) {
          skipped += 1;
          console.log(`  skip  ${name}`);
          continue;
        }
        const t0 = Date.now();
        try {
          await fn(state);
          passed += 1;
          console.log(`  ok    ${name} (${Date.now() - t0} ms)`);
        } catch (error) {
          failed += 1;
          console.log(`  FAIL  ${name}\n        ${String(error?.stack ?? error).split("\n").slice(0, 6).join("\n        ")}`);
          const slug = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
          await state.page?.screenshot({ path: join(artifacts, `FAIL-${slug}.png`), fullPage: true }).catch(() => {});
        }
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const summary = `${passed} passed, ${failed} failed, ${skipped} skipped in ${seconds}s`;
      writeFileSync(join(artifacts, "summary.txt"), `${summary}\n`);
      console.log(summary);
      return failed;
    },
  };
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}
