// The workbench under `trinvis serve`, in the system's headless Chromium: every form of a
// family and the staff plan as served pass axe-core (as axe.mjs: WCAG 2.0/2.1 A and AA, 2.2
// AA, best practice; light and dark, 1280 and 320 px); then forms are filled in and sent as
// staff would, by keyboard, and the files and pages checked: a refused value (its message at
// the field and in the summary, nothing written), a save (the file changed in exactly its
// lines, the plan shown again with it), and undo (the file back byte for byte); the script's
// live check while typing (the WHO-5 band, an error at its field and gone again, the
// diploma's lines left and its page), and Enter in a field saving rather than moving a goal.
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
let open;
let nav;
try {
  const page = await browser.newPage();
  // A first start of Chromium on a fresh machine can be slow.
  page.setDefaultNavigationTimeout(90000);
  await page.setBypassCSP(true);
  // The diploma's page is shown in a frame by Chromium's PDF viewer, which in a headless
  // Chromium now and then never finishes (and the page's navigation with it): the frame is not
  // loaded here (its address and its PDF are checked below with fetch), nor checked by axe.
  await page.setRequestInterception(true);
  page.on("request", (r) => {
    if (r.resourceType() === "document" && r.frame() !== page.mainFrame() && r.url().includes("/forhaand/")) r.abort();
    else r.continue();
  });
  // A page is ready when its document and style sheets are.
  const ready = () =>
    page.waitForFunction(() => document.readyState !== "loading" && [...document.querySelectorAll("link[rel=stylesheet]")].every((l) => l.sheet));
  open = async (path) => {
    await page.goto(base + path, { waitUntil: "domcontentloaded" });
    await ready();
  };
  nav = async () => {
    await page.waitForNavigation({ waitUntil: "domcontentloaded" });
    await ready();
  };
  await page.goto(link);
  const paths = [
    "/familier/holm/",
    ...["moede", "status", "maal", "maaling", "trin", "diplom"].map((f) => `/__trinvis/rediger/holm/${f}`),
    "/__trinvis/rediger/nielsen/diplom",
  ];
  for (const path of paths) {
    for (const scheme of ["light", "dark"]) {
      for (const width of [1280, 320]) {
        await page.setViewport({ width, height: 900 });
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
        await open(path);
        await page.evaluate(axeSource);
        const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, iframes: false }), tags);
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

  const gem = ".knapper button:not([name])";
  const text = (sel) => page.$eval(sel, (e) => e.textContent);
  // While typing: the band, then the error at its field, then gone again.
  await open("/__trinvis/rediger/holm/maaling");
  await page.focus("#f-score");
  await page.keyboard.type("44");
  await page.waitForFunction(() => document.querySelector("#band-score").textContent.includes("Risiko for stress"), { timeout: 5000 }).catch(() => fail("the WHO-5 band is not shown while typing"));
  await page.keyboard.type("0");
  await page.waitForFunction(() => document.querySelector("#f-score").getAttribute("aria-invalid") === "true", { timeout: 5000 }).catch(() => fail("a WHO-5 of 440 is not marked while typing"));
  if (!(await text("#f-score-fejl0").catch(() => "")).includes("mellem 0 og 100")) fail("the error is not at the field while typing");
  if (readFileSync(plan, "utf8") !== before) fail("checking while typing wrote the file");
  await page.keyboard.press("Backspace");
  await page.waitForFunction(() => !document.querySelector("#f-score").hasAttribute("aria-invalid") && !document.querySelector(".fejltekst"), { timeout: 5000 }).catch(() => fail("the error stays after it is put right"));

  // A refused value, typed and sent by keyboard alone.
  await open("/__trinvis/rediger/holm/maaling");
  await page.focus("#f-score");
  await page.keyboard.type("140");
  await Promise.all([nav(), page.keyboard.press("Enter")]);
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
  await Promise.all([nav(), page.click(gem)]);
  if (new URL(page.url()).pathname !== "/familier/holm/") fail(`after a save the browser is at ${page.url()}`);
  const after = readFileSync(plan, "utf8");
  const added = after.replace(before.replace(/\n$/, ""), "");
  const want = "    - dato: 2026-12-05\n      hvem: mor\n      score: 56\n";
  if (after.length - before.length !== want.length || !after.includes("      score: 48\n" + want)) {
    fail(`the save changed more than its lines: ${JSON.stringify(added).slice(0, 300)}`);
  }
  // The status of a delmål, in one step.
  await open("/__trinvis/rediger/holm/status");
  await page.select("#f-delmaal-1-1", "nået");
  await Promise.all([nav(), page.click(gem)]);
  if (new URL(page.url()).pathname !== "/familier/holm/") {
    fail(`after the status the browser is at ${page.url()}: ${await page.evaluate(() => document.querySelector("#opsummering")?.innerText)}`);
  }
  const withStatus = readFileSync(plan, "utf8");
  if (withStatus.split("\n").filter((l, i) => l !== after.split("\n")[i]).length !== 1) fail("the status changed more than one line");

  // Undo, from the plan's button: the status is taken back, then the measurement.
  for (const want of [after, before]) {
    await Promise.all([nav(), page.click(".trinvis-bench-bar button")]);
    if (readFileSync(plan, "utf8") !== want) fail("undo did not put the file back byte for byte");
  }

  // A meeting, filled in as staff would: the log, two agreements followed up, a new one, the
  // next meeting; then the next trin. Each file changes in exactly its lines.
  const setValue = (sel, v) =>
    page.$eval(sel, (e, v) => {
      e.value = v;
      e.dispatchEvent(new Event("input", { bubbles: true }));
    }, v);
  await open("/__trinvis/rediger/holm/moede");
  for (const who of ["Sanne", "Lone Bach"]) await page.click(`input[name=deltager][value="${who}"]`);
  await page.type("#f-andre", "Mormor Inge");
  await page.type("#f-notat", "Godt møde: praktikken kører.");
  await page.select("#f-aftale-2", "klaret");
  await page.select("#f-aftale-3", "udskudt");
  await setValue("#f-aftale-3-frist", "2027-01-15");
  await page.type("#f-ny-0-hvad", "Ringer til skolen om pauserne");
  await page.select("#f-ny-0-hvem", "mor");
  await setValue("#f-ny-0-frist", "2026-12-20");
  await setValue("#f-naeste-dato", "2027-02-01");
  await page.click("#f-naeste-tid", { clickCount: 3 });
  await page.type("#f-naeste-tid", "kl. 9");
  await Promise.all([nav(), page.click(gem)]);
  const wantMeeting = before
    .replace("hvad: Ringer til værkstedslederen og aftaler besøg\n    frist: 2026-11-30\n    status: åben", "hvad: Ringer til værkstedslederen og aftaler besøg\n    frist: 2026-11-30\n    status: udført")
    .replace(
      "hvad: Tager med til skolemødet om Freja\n    frist: 2026-12-15\n    status: åben\n",
      "hvad: Tager med til skolemødet om Freja\n    frist: 2027-01-15\n    status: åben\n  - hvem: mor\n    hvad: Ringer til skolen om pauserne\n    frist: 2026-12-20\n    status: åben\n",
    )
    .replace("  dato: 2026-12-03\n  tid: kl. 10\n", "  dato: 2027-02-01\n  tid: kl. 9\n")
    .replace(
      "      notat: Praktikken går godt. Næste skridt er flere timer og et løntilskud.\n",
      '      notat: Praktikken går godt. Næste skridt er flere timer og et løntilskud.\n    - dato: 2026-12-05\n      deltagere: [Sanne, Lone Bach, Mormor Inge]\n      notat: "Godt møde: praktikken kører. Opfølgning på aftalerne: Ringer til værkstedslederen og aftaler besøg: klaret; Tager med til skolemødet om Freja: udskudt til 2027-01-15."\n',
    );
  if (readFileSync(plan, "utf8") !== wantMeeting) fail(`the meeting did not change exactly its lines: ${JSON.stringify(readFileSync(plan, "utf8")).slice(0, 200)}`);
  if (!(await page.content()).includes("Ringer til skolen om pauserne")) fail("the plan shown after the meeting does not have the new agreement");
  const familie = join(site, "content/familier/holm/familie.yaml");
  const fam0 = readFileSync(familie, "utf8");
  await open("/__trinvis/rediger/holm/trin");
  await page.select("#f-trin", "6");
  await Promise.all([nav(), page.click(gem)]);
  const wantFam = fam0.replace("trin: 5\n", "trin: 6\n").replace("  - trin: 5\n    fra: 2025-10-06\n", "  - trin: 5\n    fra: 2025-10-06\n  - trin: 6\n    fra: 2026-12-05\n");
  if (readFileSync(familie, "utf8") !== wantFam) fail("the next trin did not change exactly its lines");
  if (!(await page.content()).includes("Trin 6 af 7")) fail("the plan shown after the next trin is not on trin 6");
  for (const [file, want] of [[familie, fam0], [plan, before]]) {
    await Promise.all([nav(), page.click(".trinvis-bench-bar button")]);
    if (readFileSync(file, "utf8") !== want) fail(`undo did not put ${file} back byte for byte`);
  }

  // A goal moved down with its button: its block of lines and the next goal's change places,
  // nothing else; the form is shown again at it. Undone.
  await open("/__trinvis/rediger/holm/maal");
  await Promise.all([nav(), page.click('button[name=flyt][value="maal-0-ned"]')]);
  const moved = readFileSync(plan, "utf8");
  const blocks = (t) => t.split("\n  - titel: ");
  const [b0, b1] = [blocks(before), blocks(moved)];
  if (b1[1] !== b0[2] || b1[2] !== b0[1] || b1.slice(3).join() !== b0.slice(3).join() || b1[0] !== b0[0]) {
    fail("moving a goal down changed more than the two goals' places");
  }
  if (!page.url().endsWith("/__trinvis/rediger/holm/maal#maal-1")) fail(`after a move the browser is at ${page.url()}`);
  await open("/familier/holm/");
  await Promise.all([nav(), page.click(".trinvis-bench-bar button")]);
  if (readFileSync(plan, "utf8") !== before) fail("undo did not put the goals back");

  // Enter in a goal's title saves the form (nothing changed): it moves no goal.
  await open("/__trinvis/rediger/holm/maal");
  await page.focus("#f-maal-0-titel");
  await Promise.all([nav(), page.keyboard.press("Enter")]);
  if (readFileSync(plan, "utf8") !== before) fail("Enter in the goals form changed the plan");

  // The diploma: lines left and the page while typing, then saved and undone.
  const diploma = join(site, "content/familier/nielsen/diplom.md");
  const dipBefore = readFileSync(diploma, "utf8");
  await open("/__trinvis/rediger/nielsen/diplom");
  const left = async () => Number((await text("#plads")).match(/^(\d+) linjer? tilbage/)?.[1] ?? -1);
  const frame = () => page.$eval("#forhaand iframe", (e) => e.getAttribute("src")).catch(() => null);
  const [left0, frame0] = [await left(), await frame()];
  if (left0 <= 0 || !frame0?.includes("/forhaand/")) fail(`the diploma form shows no lines left or page: ${left0} ${frame0}`);
  const pdf0 = await page.evaluate(async (u) => (await fetch(u)).headers.get("content-type"), frame0);
  if (pdf0 !== "application/pdf") fail(`the diploma's page is not a PDF: ${pdf0}`);
  await page.focus("#f-tekst");
  await page.keyboard.press("End");
  await page.keyboard.type(" Og I har lært at bede om hjælp i tide, når noget går skævt.".repeat(4));
  await page.waitForFunction((n) => /tilbage/.test(document.querySelector("#plads").textContent) && !document.querySelector("#plads").textContent.startsWith(n + " "), { timeout: 8000 }, left0).catch(() => fail("the lines left do not change while typing"));
  const left1 = await left();
  if (!(left1 >= 0 && left1 < left0)) fail(`more text, yet not fewer lines left: ${left0} → ${left1}`);
  if ((await frame()) === frame0) fail("the diploma's page is not drawn again while typing");
  await page.keyboard.type(" Meget mere tekst om alt det, der skete.".repeat(120));
  await page.waitForFunction(() => document.querySelector("#plads").textContent.includes("for meget"), { timeout: 8000 }).catch(() => fail("a diploma too long is not said while typing"));
  if (readFileSync(diploma, "utf8") !== dipBefore) fail("checking the diploma while typing wrote it");
  // Sent as it is: refused, the file untouched.
  await Promise.all([nav(), page.click(gem)]);
  if (readFileSync(diploma, "utf8") !== dipBefore) fail("a diploma too long was written");
  if (!(await text("#opsummering")).includes("for langt")) fail("a diploma too long is not in the summary");
  // A short text and a new signer: saved, exactly those lines.
  await open("/__trinvis/rediger/nielsen/diplom");
  await page.click("#f-tekst", { clickCount: 3 });
  await page.$eval("#f-tekst", (e) => (e.value = ""));
  await page.type("#f-tekst", "I klarede det.");
  await page.type("#f-navn-2", "Aisha Ben-Youssef");
  await page.type("#f-rolle-2", "Leder");
  await Promise.all([nav(), page.click(gem)]);
  if (new URL(page.url()).pathname !== "/familier/nielsen/") fail(`after the diploma's save the browser is at ${page.url()}`);
  const dipAfter = readFileSync(diploma, "utf8");
  const [head] = dipBefore.split("\n---\n");
  const wantDip = head.replace("    rolle: Familiebehandler", "    rolle: Familiebehandler\n  - navn: Aisha Ben-Youssef\n    rolle: Leder") + "\n---\n\nI klarede det.\n";
  if (dipAfter !== wantDip) fail(`the diploma's save changed more than it should: ${JSON.stringify(dipAfter)}`);
  await Promise.all([nav(), page.click(".trinvis-bench-bar button")]);
  if (readFileSync(diploma, "utf8") !== dipBefore) fail("undo did not put the diploma back byte for byte");
} finally {
  await browser.close();
  serve.kill();
}
console.log(`workbench: ${runs} axe runs, forms filled and sent; ${failures} failures`);
process.exit(failures > 0 ? 1 : 0);
