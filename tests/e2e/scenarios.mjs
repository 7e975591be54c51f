// The user journeys, in order; later ones use what earlier ones made (state.*).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { check } from "./harness.mjs";

const kLong = { timeout: 60_000 };

function parseCsv(text) {
  return text.replace(/\r\n/g, "\n").trimEnd().split("\n").map((line) => line.split(","));
}

export function defineTests(test, { audit, artifacts, files }) {
  const shot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  test("the sign-in page explains the link and refuses a wrong token", async ({ page, server }) => {
    await page.goto(server.base);
    await page.getByRole("heading", { name: "Sign in to Taiga" }).waitFor();
    await page.getByLabel("API token", { exact: true }).fill("not-a-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "not accepted" }).waitFor();
    await shot(page, "01-signin");
    await audit(page, "signin");
  });

  test("the one-time link signs in and lands in Home", async ({ page, server }) => {
    check(server.signInUrl, "taiga serve printed no sign-in link");
    await page.goto(server.signInUrl);
    await page.getByRole("heading", { name: "Home" }).waitFor();
    check(new URL(page.url()).pathname.startsWith("/taiga/folder/"), `landed on ${page.url()}`);
    const cookies = await page.context().cookies();
    check(cookies.some((c) => c.httpOnly && c.sameSite === "Strict"), "no HttpOnly SameSite=Strict session cookie");
    await shot(page, "02-home");
    await audit(page, "home");
  });

  test("a folder is created and opened", async (state) => {
    const { page } = state;
    state.folderName = `Results ${Date.now()}`;
    await page.getByRole("button", { name: "New folder" }).click();
    const dialog = page.getByRole("dialog", { name: "New folder" });
    await dialog.getByLabel("Name").fill(state.folderName);
    await dialog.getByRole("button", { name: "Create" }).click();
    await page.getByText(`Created the folder “${state.folderName}”.`).waitFor();
    await page.getByRole("link", { name: state.folderName }).click();
    await page.getByRole("heading", { name: state.folderName }).waitFor();
    await shot(page, "03-folder");
    await audit(page, "folder");
    await page.getByRole("button", { name: "Editors…" }).click();
    const editors = page.getByRole("dialog", { name: `Editors of “${state.folderName}”` });
    await editors.getByText("No editors besides the creator and Admin members.").waitFor();
    await editors.getByLabel("Add an editor").selectOption({ label: "Admin" });
    await editors.getByRole("button", { name: "Add" }).click();
    await editors.getByText("group Admin").waitFor();
    await audit(page, "editors");
    await page.keyboard.press("Escape");
    await editors.waitFor({ state: "detached" });
  });

  test("a CSV table and a 12 MB matrix upload with progress, convert, and make a dataset", async (state) => {
    const { page } = state;
    await page.getByRole("button", { name: "Upload dataset" }).click();
    await page.getByRole("heading", { name: `New dataset in ${state.folderName}` }).waitFor();
    await page.getByLabel("Choose files to upload").setInputFiles([join(files, "people.csv"), join(files, "expression.csv")]);
    await page.getByLabel("Format of people").waitFor();
    check((await page.getByLabel("Format of people").inputValue()) === "TableCSV", "people.csv not guessed a table");
    check((await page.getByLabel("Format of expression").inputValue()) === "NumericMatrixCSV", "expression.csv not guessed a matrix");
    await page.getByLabel("Dataset name").fill("Expression study");
    await page.getByLabel("Description (Markdown)").fill("Counts from the **pilot**.");
    await shot(page, "04-upload");
    await audit(page, "upload");
    // Note every progress bar and status the rows show on the way.
    await page.evaluate(() => {
      window.__seen = new Set();
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll("progress[aria-label]")) window.__seen.add(bar.getAttribute("aria-label").split(" of ")[0]);
        for (const line of document.querySelectorAll(".status-line")) window.__seen.add(line.textContent.trim().slice(0, 40));
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.getByRole("button", { name: "Upload and create the dataset" }).click();
    await page.getByRole("heading", { name: /Expression study/ }).waitFor(kLong);
    const seen = await page.evaluate(() => [...window.__seen]);
    check(seen.includes("Upload"), `no upload progress bar was shown (saw: ${seen.join(" | ")})`);
    check(seen.some((s) => s.startsWith("✓")), `no file was shown processed (saw: ${seen.join(" | ")})`);
    state.permaname = (await page.locator("dl.facts code").first().textContent()).trim();
    check(/^expression-study-[0-9a-f]{4}$/.test(state.permaname), `permaname ${state.permaname}`);
    await page.getByText("3 rows, 3 columns").waitFor();
    await page.getByText("3200x600 matrix").waitFor();
    await shot(page, "05-dataset");
    await audit(page, "dataset");
  });

  test("previews show the table with its column types and the matrix with a heatmap", async ({ page }) => {
    await page.getByRole("button", { name: "Show preview of people" }).click();
    const table = page.getByRole("region", { name: "Preview of people" });
    await table.getByText("ann").waitFor();
    await page.getByText("3 rows × 3 columns").waitFor();
    await page.getByRole("button", { name: "Hide preview of people" }).click();
    await page.getByRole("button", { name: "Show preview of expression" }).click();
    await page.getByText("3,200 rows × 600 columns").waitFor();
    await page.getByRole("img", { name: /heatmap of 50 rows by 50 columns/ }).waitFor();
    await shot(page, "06-preview");
    await audit(page, "preview");
  });

  test("the table downloads as CSV after its conversion", async ({ page }) => {
    await page.getByRole("button", { name: "Download people" }).click();
    const download = page.waitForEvent("download", kLong);
    await page.getByRole("menuitem", { name: "CSV" }).click();
    const file = await download;
    const rows = parseCsv(readFileSync(await file.path(), "utf8"));
    check(rows[0].join() === "name,age,score", `header ${rows[0]}`);
    check(rows.length === 4 && rows[1][0] === "ann" && Number(rows[1][2]) === 1.5 && rows[2][2] === "", `rows ${JSON.stringify(rows)}`);
    check(/\.csv$/.test(file.suggestedFilename()), `named ${file.suggestedFilename()}`);
    await page.getByText("CSV download started.").waitFor();
  });

  test("the matrix downloads as CSV with the same values", async ({ page }) => {
    await page.getByRole("button", { name: "Download expression" }).click();
    const download = page.waitForEvent("download", kLong);
    await page.getByRole("menuitem", { name: "CSV" }).click();
    const rows = parseCsv(readFileSync(await (await download).path(), "utf8"));
    const original = parseCsv(readFileSync(join(files, "expression.csv"), "utf8"));
    check(rows.length === original.length && rows[0].length === original[0].length, `shape ${rows.length}x${rows[0].length}`);
    check(rows[1][0] === "g0" && Number(rows[1][1]) === Number(original[1][1]) && Number(rows[3200][600]) === Number(original[3200][600]), "values differ");
  });

  test("the download menu works from the keyboard alone", async ({ page }) => {
    await page.getByRole("button", { name: "Download people" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("menu", { name: "Formats of people" }).waitFor();
    const download = page.waitForEvent("download", kLong);
    // raw_test (the upload as it was), csv, tsv: two steps down is TSV.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    const rows = readFileSync(await (await download).path(), "utf8").replace(/\r\n/g, "\n").split("\n");
    check(rows[0] === "name\tage\tscore", `TSV header ${JSON.stringify(rows[0])}`);
  });

  test("the taiga id of a file is copied", async (state) => {
    const { page } = state;
    await page.getByRole("button", { name: "Copy the taiga id of expression" }).click();
    await page.getByText("Copied").first().waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    check(copied === `${state.permaname}.1/expression`, `copied ${copied}`);
  });

  test("a new version keeps the matrix and drops the table", async (state) => {
    const { page } = state;
    await page.getByRole("link", { name: "New version" }).click();
    await page.getByRole("heading", { name: "New version of Expression study" }).waitFor();
    await page.getByText(`${state.permaname}.1/people`).waitFor();
    await page.getByRole("button", { name: "Remove people" }).click();
    await page.getByLabel("What changed in this version").fill("Dropped the people table.");
    await shot(page, "07-new-version");
    await page.getByRole("button", { name: "Upload and create the version" }).click();
    await page.waitForURL(new RegExp(`/dataset/${state.permaname}/2$`), kLong);
    await page.getByText("Dropped the people table.", { exact: true }).waitFor();
    check((await page.getByRole("rowheader").count()) === 1, "version 2 does not have exactly one file");
    await page.getByRole("link", { name: `${state.permaname}.1/expression` }).waitFor();
    await shot(page, "08-version-2");
  });

  test("version 1 is deprecated with a reason", async (state) => {
    const { page } = state;
    await page.getByRole("list", { name: "Versions" }).getByRole("link", { name: "1" }).click();
    await page.getByRole("button", { name: "Deprecate version 1" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Reason (required)").fill("Superseded by version 2");
    await dialog.getByRole("button", { name: "Deprecate" }).click();
    await page.getByText("This version is deprecated: Superseded by version 2").waitFor();
    await page.getByText("Version 1 is deprecated.").waitFor();
    await shot(page, "09-deprecated");
  });

  test("search, recently viewed, tokens and groups pages work", async (state) => {
    const { page } = state;
    await page.getByRole("searchbox").fill("expression");
    await page.getByRole("searchbox").press("Enter");
    await page.getByRole("link", { name: "Expression study" }).first().waitFor();
    await shot(page, "10-search");
    await audit(page, "search");
    await page.getByRole("link", { name: "Recent" }).click();
    await page.getByRole("link", { name: "Expression study" }).waitFor();
    await audit(page, "recent");
    await page.getByRole("link", { name: "Tokens" }).click();
    await page.getByLabel("New token's name").fill("laptop");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByTestId("issued-token").waitFor();
    await shot(page, "11-tokens");
    await audit(page, "tokens");
    await page.getByRole("link", { name: "Groups" }).click();
    await page.getByRole("heading", { name: "Your groups" }).waitFor();
    await audit(page, "groups");
  });

  test("the jump box goes to a dataset by permaname.version", async (state) => {
    const { page } = state;
    await page.getByRole("searchbox").fill(`${state.permaname}.2`);
    await page.getByRole("searchbox").press("Enter");
    await page.waitForURL(new RegExp(`/dataset/${state.permaname}/2$`));
  });

  test("the dataset goes to the Trash and the folder reports it", async (state) => {
    const { page } = state;
    await page.getByRole("link", { name: state.folderName }).click();
    await page.getByRole("checkbox", { name: "Select Expression study" }).check();
    await page.getByRole("button", { name: "Move to Trash" }).click();
    await page.getByText("Moved “Expression study” to the Trash.").waitFor();
    await page.getByRole("link", { name: "Trash" }).click();
    await page.getByRole("link", { name: "Expression study" }).waitFor();
    await shot(page, "12-trash");
    await audit(page, "trash");
  });

  test("a folder of 5,000 entries opens fast, keeps few rows in the page and scrolls smoothly", async (state) => {
    const { page, server } = state;
    const headers = { Authorization: `Bearer ${server.token}`, "Content-Type": "application/json" };
    const post = (path, body) =>
      fetch(new URL(`api/${path}`, server.base), { method: "POST", headers, body: JSON.stringify(body) }).then((r) => {
        if (!r.ok) throw new Error(`${path}: ${r.status}`);
        return r.json();
      });
    const big = await post("folder/create", { name: "Five thousand", parentId: "public" });
    let next = 0;
    const worker = async () => {
      while (next < 5000) {
        const i = next++;
        await post("folder/create", { name: `entry ${String(i).padStart(4, "0")}`, parentId: big.id });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const started = Date.now();
    await page.goto(new URL(`folder/${big.id}`, server.base).toString());
    await page.getByRole("link", { name: "entry 0000" }).waitFor();
    const openMs = Date.now() - started;
    const rows = await page.getByTestId("entry-rows").getByRole("row").count();
    check(rows < 120, `${rows} rows in the page for 5,000 entries`);
    // Scroll through the whole list, a step per frame, and time the frames.
    const frames = await page.evaluate(async () => {
      const box = document.querySelector(".vtable-body");
      const times = [];
      let last = performance.now();
      for (let top = 0; top < box.scrollHeight; top += 600) {
        box.scrollTop = top;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      times.sort((a, b) => a - b);
      return { count: times.length, p95: times[Math.floor(times.length * 0.95)] };
    });
    await page.getByRole("link", { name: "entry 4999" }).waitFor();
    console.log(`        5,000 entries: opened in ${openMs} ms, ${rows} rows in the DOM, ${frames.count} scroll steps, p95 frame ${frames.p95.toFixed(1)} ms`);
    check(frames.p95 < 100, `scrolling took ${frames.p95.toFixed(1)} ms per frame (p95)`);
    await shot(page, "13-five-thousand");
    await page.getByRole("link", { name: "Home" }).click();
  });

  test("signing out returns to the sign-in page", async ({ page, pageErrors }) => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Taiga" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Sign in to Taiga" }).waitFor();
    check(pageErrors.length === 0, `errors in the page: ${pageErrors.join("; ")}`);
  });
}
