// Keeps src/api/schema.d.ts equal to what openapi-typescript makes of doc/openapi.yaml.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";

const web = resolve(__dirname, "../..");

test("schema.d.ts is generated from the current doc/openapi.yaml (else: cd web && npm run gen:api)", () => {
  const out = join(mkdtempSync(join(tmpdir(), "taiga-gen-")), "schema.d.ts");
  execFileSync(
    join(web, "node_modules/.bin/openapi-typescript"),
    [join(web, "../doc/openapi.yaml"), "-o", out],
    { stdio: "pipe" },
  );
  const fresh = readFileSync(out, "utf8");
  const committed = readFileSync(join(web, "src/api/schema.d.ts"), "utf8");
  expect(committed === fresh, "web/src/api/schema.d.ts is stale: run `cd web && npm run gen:api`").toBe(true);
}, 60_000);
