// Opens the EDA report in Debian's Chromium (playwright-core) with every
// network request refused, checks that each chart cell drew a canvas and
// that nothing was fetched from the network, and takes two screenshots.
//
//   node scripts/check-report.mjs REPORT_DIR
import { launch } from "./browser.mjs";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";

const dir = resolve(process.argv[2] || "reports");
const html = readFileSync(`${dir}/index.html`, "utf8");
const charts = (html.match(/data-chart="(bar|line|scatter|heatmap|boxplot)"/g) || []).length;
let failed = 0;
function check(name, ok, detail = "") {
  console.log(ok ? "ok:" : "FAIL:", name, ok ? "" : detail);
  if (!ok) failed++;
}

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2200 } });
  page.setDefaultTimeout(30000);
  const network = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    network.push(url);
    return route.abort();
  });
  await page.goto(`file://${dir}/index.html`, { waitUntil: "load" });
  let canvases = 0;
  try {
    await page.waitForFunction((n) => document.querySelectorAll("canvas").length >= n, charts, { timeout: 20000 });
  } catch { /* counted below */ }
  canvases = await page.locator("canvas").count();
  check(`all ${charts} charts drew`, charts > 0 && canvases === charts, `${canvases} canvases`);
  check("nothing fetched from the network", network.length === 0, network.slice(0, 3).join(" "));
  await page.screenshot({ path: `${dir}/screenshot-1.png` });
  await page.setViewportSize({ width: 1280, height: 5200 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${dir}/screenshot-2.png` });
  for (const shot of ["screenshot-1.png", "screenshot-2.png"]) {
    check(`${shot} is not blank`, statSync(`${dir}/${shot}`).size > 50000);
  }
} finally {
  await browser.close();
}
console.log(failed === 0 ? "check-report: passed" : "check-report: failed");
process.exit(failed === 0 ? 0 : 1);
