// Fails when the JavaScript a first page load needs (the entry script of dist/index.html and
// the chunks it preloads) is over the budget, gzipped. Lazy routes are not counted.
// Usage: node scripts/check-bundle.mjs [budget-kB]   (default 300)
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const budgetKb = Number(process.argv[2] ?? 300);
const html = readFileSync(join(dist, "index.html"), "utf8");
const initial = new Set();
for (const match of html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="\.?\/?([^"]+\.js)"/g)) {
  initial.add(match[1]);
}
if (initial.size === 0) {
  console.error("check-bundle: no script found in dist/index.html");
  process.exit(1);
}
const kb = (bytes) => (bytes / 1024).toFixed(1);
let total = 0;
for (const file of initial) {
  const gz = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += gz;
  console.log(`  first load  ${kb(gz).padStart(7)} kB gz  ${file}`);
}
let lazy = 0;
for (const file of readdirSync(join(dist, "assets"))) {
  if (file.endsWith(".js") && !initial.has(`assets/${file}`)) {
    lazy += gzipSync(readFileSync(join(dist, "assets", file)), { level: 9 }).length;
  }
}
console.log(`first-load JavaScript: ${kb(total)} kB gzipped (budget ${budgetKb} kB); lazy chunks: ${kb(lazy)} kB`);
if (total > budgetKb * 1024) {
  console.error(`check-bundle: over budget by ${kb(total - budgetKb * 1024)} kB`);
  process.exit(1);
}
