// axe-core against every page of a built site, in the system's headless Chromium: each page
// light and dark, 1280 and 320 px wide, with every <details> open (the charts' data tables,
// the handbook's answers). Fails on any violation of WCAG 2.0/2.1 A and AA, 2.2 AA or axe's
// best practices, listing each with its page, rule and elements.
//
//   node scripts/axe/axe.mjs SITE_DIR [CHROMIUM]
//
// Install first with `npm ci` in scripts/axe (pinned versions, package-lock.json).

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const site = process.argv[2];
const chromium = process.argv[3] || "/usr/bin/chromium";
if (!site) {
  console.error("usage: node axe.mjs SITE_DIR [CHROMIUM]");
  process.exit(2);
}

function pages(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pages(p));
    else if (name.endsWith(".html")) out.push(p);
  }
  return out;
}

const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--allow-file-access-from-files"],
});
let failures = 0;
let runs = 0;
const all = pages(site);
try {
  const page = await browser.newPage();
  // The pages' policy allows no script but their own: axe is put in past it.
  await page.setBypassCSP(true);
  for (const file of all) {
    const name = relative(site, file);
    for (const scheme of ["light", "dark"]) {
      for (const width of [1280, 320]) {
        await page.setViewport({ width, height: 900 });
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
        await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
        await page.evaluate(() => {
          for (const d of document.querySelectorAll("details")) d.open = true;
        });
        await page.evaluate(axeSource);
        const result = await page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
          tags,
        );
        runs += 1;
        for (const v of result.violations) {
          failures += 1;
          console.log(`${name} (${scheme}, ${width} px): ${v.id} – ${v.help}`);
          for (const n of v.nodes.slice(0, 5)) {
            console.log(`    ${n.target.join(" ")}: ${n.failureSummary.split("\n").slice(1).join(" ").trim()}`);
          }
          if (v.nodes.length > 5) console.log(`    … and ${v.nodes.length - 5} more`);
        }
      }
    }
  }
} finally {
  await browser.close();
}
console.log(`axe-core: ${all.length} pages, ${runs} runs, ${failures} violations`);
process.exit(failures > 0 ? 1 : 0);
