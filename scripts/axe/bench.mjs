// The workbench under `trinvis serve`, in the system's headless Chromium: every form of a
// family and the staff plan as served pass axe-core (as axe.mjs: WCAG 2.0/2.1 A and AA, 2.2
// AA, best practice; light and dark, 1280 and 320 px); then forms are filled in and sent as
// staff would, by keyboard, and the files and pages checked: a refused value (its message at
// the field and in the summary, nothing written), a save (the file changed in exactly its
// lines, the plan shown again with it), and undo (the file back byte for byte).
//
//   node scripts/axe/bench.mjs TRINVIS_BINARY SITE_DIR [CHROMIUM]
//
// SITE_DIR is a copy of the example: its files are edited.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [bin, site, chromium = "/usr/bin/chromium"] = process.argv.slice(2);
if (!bin || !site) {
  console.error("usage: node bench.mjs TRINVIS_BINARY SITE_DIR [CHROMIUM]");
  process.exit(2);
}
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
let failures = 0;
const fail = (msg) => {
  failures += 1;
  console.log(`FEJL: ${msg}`);
};

const serve = spawn(bin, ["serve", "--root", site, "--port", "0", "--dato", "2026-12-05"], {
  stdio: ["ignore", "ignore", "pipe"],
});
const link = await new Promise((resolve, reject) => {
  let seen = "";
  const timer = setTimeout(() => reject(new Error("serve printed no link")), 60000);
  serve.stderr.on("data", (d) => {
    seen += d.toString();
    const m = seen.match(/(http:\/\/127\.0\.0\.1:\d+\/\?adgang=[0-9a-f]+)/);
    if (m && seen.includes("start →")) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
});
const base = new URL(link).origin;
const plan = join(site, "content/familier/holm/plan.md");
const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ["--no-sandbox"] });
let runs = 0;
try {
  const page = await browser.newPage();
  await page.setBypassCSP(true);
  await page.goto(link);
  const paths = ["/familier/holm/", ...["moede", "status", "maal", "maaling", "trin"].map((f) => `/__trinvis/rediger/holm/${f}`)];
  for (const path of paths) {
    for (const scheme of ["light", "dark"]) {
      for (const width of [1280, 320]) {
        await page.setViewport({ width, height: 900 });
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
        await page.goto(base + path, { waitUntil: "load" });
        await page.evaluate(axeSource);
        const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), tags);
        runs += 1;
        for (const v of result.violations) {
          fail(`${path} (${scheme}, ${width} px): ${v.id} – ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
        }
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
        if (wide) fail(`${path} (${width} px) scrolls sideways`);
      }
    }
  }
  await page.setViewport({ width: 1280, height: 900 });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
  const before = readFileSync(plan, "utf8");

  // A refused value, typed and sent by keyboard alone.
  await page.goto(base + "/__trinvis/rediger/holm/maaling");
  await page.focus("#f-score");
  await page.keyboard.type("140");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  const refused = await page.evaluate(() => ({
    summary: document.querySelector("#opsummering a")?.getAttribute("href"),
    invalid: document.querySelector("#f-score")?.getAttribute("aria-invalid"),
    described: document.querySelector("#f-score")?.getAttribute("aria-describedby"),
    value: document.querySelector("#f-score")?.value,
  }));
  if (refused.summary !== "#f-score" || refused.invalid !== "true" || !refused.described?.includes("fejl") || refused.value !== "140") {
    fail(`a refused WHO-5 is not shown at its field: ${JSON.stringify(refused)}`);
  }
  if (readFileSync(plan, "utf8") !== before) fail("a refused value was written");

  // Corrected and saved: back on the plan, which shows it.
  await page.click("#f-score", { clickCount: 3 });
  await page.keyboard.type("56");
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  if (new URL(page.url()).pathname !== "/familier/holm/") fail(`after a save the browser is at ${page.url()}`);
  const after = readFileSync(plan, "utf8");
  const added = after.replace(before.replace(/\n$/, ""), "");
  const want = "    - dato: 2026-12-05\n      hvem: mor\n      score: 56\n";
  if (after.length - before.length !== want.length || !after.includes("      score: 48\n" + want)) {
    fail(`the save changed more than its lines: ${JSON.stringify(added).slice(0, 300)}`);
  }
  // The status of a delmål, in one step.
  await page.goto(base + "/__trinvis/rediger/holm/status");
  await page.select("#f-delmaal-1-1", "nået");
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  if (new URL(page.url()).pathname !== "/familier/holm/") {
    fail(`after the status the browser is at ${page.url()}: ${await page.evaluate(() => document.querySelector("#opsummering")?.innerText)}`);
  }
  const withStatus = readFileSync(plan, "utf8");
  if (withStatus.split("\n").filter((l, i) => l !== after.split("\n")[i]).length !== 1) fail("the status changed more than one line");

  // Undo, from the plan's button: the status is taken back, then the measurement.
  for (const want of [after, before]) {
    await Promise.all([page.waitForNavigation(), page.click(".trinvis-bench-bar button")]);
    if (readFileSync(plan, "utf8") !== want) fail("undo did not put the file back byte for byte");
  }
} finally {
  await browser.close();
  serve.kill();
}
console.log(`workbench: ${runs} axe runs, forms filled and sent; ${failures} failures`);
process.exit(failures > 0 ? 1 : 0);
