// Runs axe-core in the page: critical violations fail the test; all violations are written to
// artifacts/a11y-<page>.json for reading.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function makeAxe(require, artifacts) {
  const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  return async function audit(page, name) {
    await page.evaluate(source);
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
    });
    writeFileSync(join(artifacts, `a11y-${name}.json`), JSON.stringify(result, null, 2));
    const critical = result.filter((v) => v.impact === "critical");
    const serious = result.filter((v) => v.impact === "serious");
    if (serious.length > 0) console.log(`        a11y ${name}: serious: ${serious.map((v) => `${v.id} (${v.nodes.join(", ")})`).join("; ")}`);
    if (critical.length > 0) {
      throw new Error(`critical accessibility violations on ${name}: ${critical.map((v) => `${v.id}: ${v.help} at ${v.nodes.join(", ")}`).join("; ")}`);
    }
  };
}
