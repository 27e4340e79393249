// Screenshots of the workbench for the README: node shots.mjs LINK OUTDIR
import puppeteer from "puppeteer-core";
const [link, out] = process.argv.slice(2);
const base = new URL(link).origin;
const browser = await puppeteer.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
await page.goto(link);
for (const [name, path, width] of [
  ["plan", "/familier/holm/", 1280],
  ["moede-320", "/__trinvis/rediger/holm/moede", 320],
]) {
  await page.setViewport({ width, height: 900 });
  await page.goto(base + path);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: name !== "plan" });
}
// The diploma's form, with its page beside it (given a moment to draw).
await page.setViewport({ width: 1280, height: 1000 });
await page.goto(base + "/__trinvis/rediger/nielsen/diplom");
await new Promise((r) => setTimeout(r, 2000));
await page.screenshot({ path: `${out}/diplom.png` });
// A refused value, as staff see it.
await page.setViewport({ width: 1280, height: 900 });
await page.goto(base + "/__trinvis/rediger/holm/maaling");
await page.type("#f-score", "140");
await Promise.all([page.waitForNavigation(), page.click(".knapper button:not([name])")]);
await page.screenshot({ path: `${out}/fejl.png`, fullPage: true });
// A saved change, and its undo button on the plan.
await page.goto(base + "/__trinvis/rediger/holm/maaling");
await page.type("#f-score", "56");
await Promise.all([page.waitForNavigation(), page.click(".knapper button:not([name])")]);
await Promise.all([page.waitForNavigation(), page.click(".trinvis-bench-bar button")]);
console.log("after undo:", page.url(), await page.$(".trinvis-bench-bar button") ? "undo still there" : "no undo button");
await browser.close();
