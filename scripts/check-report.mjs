// Opens the EDA report in Debian's Chromium (playwright-core) with every
// network request refused, at a desktop's size (1280×800) and a phone's
// (390×844), and checks in each that the report reads:
//   - each chart cell drew its canvas, and nothing was fetched;
//   - every category of a bar, box or heat-map chart has its label drawn
//     (ECharts' axisLabel.interval 0), whole; no two axis labels overlap;
//   - every axis name is drawn whole, and every text of a chart (axis
//     labels and names, heat-map day names and values, bar values) lies
//     inside the chart's box;
//   - numbers are written the Spanish way (1.234.567,8; a year keeps its
//     four digits) in the charts, their tooltips, the findings and tables;
//   - column and axis names are words (no snake_case).
// It reads what ECharts drew from its scene graph (zrender's display list)
// and its option, through the page. Takes screenshot-1.png and
// screenshot-2.png at 1280 px (docs/eda-1.png, docs/eda-2.png) and
// screenshot-phone.png (the heat map at 390 px).
//
//   node scripts/check-report.mjs REPORT_DIR
import { launch } from "./browser.mjs";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";

const dir = resolve(process.argv[2] || "reports");
const html = readFileSync(`${dir}/index.html`, "utf8");
const charts = (html.match(/data-chart="(bar|line|scatter|heatmap|boxplot)"/g) || []).length;
const viewports = [{ width: 1280, height: 800 }, { width: 390, height: 844 }];
let failed = 0;
function check(name, problems, detail = "") {
  const ok = problems.length === 0;
  console.log(ok ? "ok:" : "FAIL:", name, ok ? detail : problems.slice(0, 6).join("; ") + (problems.length > 6 ? ` (+${problems.length - 6})` : ""));
  if (!ok) failed++;
}

// englishNumber returns the first number in text not written the Spanish
// way: four digits or more together (a year, 1800 to 2099, aside), a
// decimal point, commas between thousands. eda/eda_test.go has the same rule.
function englishNumber(text) {
  for (const n of text.match(/\d[\d.,]*\d|\d/g) || []) {
    if (!/^\d{1,3}(\.\d{3})*(,\d+)?$/.test(n) && !/^(18|19|20)\d\d$/.test(n)) return n;
  }
  return "";
}

// drawnCharts runs in the page: for each chart, its kind, size, axes (from
// the option) and every text ECharts drew, with the four corners of its
// box in the chart's pixels and the lines it was drawn as.
function drawnCharts() {
  return [...document.querySelectorAll("section.cell div.item")].map((el) => {
    const chart = echarts.getInstanceByDom(el);
    const option = chart.getOption();
    const axes = ["xAxis", "yAxis"].flatMap((key) => (option[key] || []).map((a) => ({
      key, type: a.type, name: a.name || "", interval: a.axisLabel?.interval,
      data: (a.data || []).map((d) => String(d?.value ?? d)),
    })));
    const lines = new Map(); // a text element → the lines (tspans) it drew
    for (const span of chart.getZr().storage.getDisplayList(true)) {
      if (span.type !== "tspan" || !span.parent) continue;
      if (!lines.has(span.parent)) lines.set(span.parent, []);
      lines.get(span.parent).push(String(span.style.text ?? ""));
    }
    const texts = [...lines].map(([t, drawn]) => {
      // zrender measures a line's height from a CJK glyph: too short without
      // such a font. The box keeps its centre and gets its lines' height.
      const r = t.getBoundingRect().clone();
      const h = Math.max(r.height, drawn.length * (t.style.lineHeight || t.style.fontSize || 12));
      r.y += (r.height - h) / 2;
      r.height = h;
      const m = t.transform || [1, 0, 0, 1, 0, 0];
      const corners = [[r.x, r.y], [r.x + r.width, r.y], [r.x + r.width, r.y + r.height], [r.x, r.y + r.height]]
        .map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]);
      return { text: String(t.style.text ?? ""), drawn, corners, role: t.anid === "name" ? "name" : /^label_/.test(t.anid || "") ? "label" : "other" };
    });
    return { id: el.id, kind: el.closest("section").dataset.chart, width: chart.getWidth(), height: chart.getHeight(), axes, texts };
  });
}

// tooltipTexts runs in the page: each chart's tooltip over its largest value.
async function tooltipTexts() {
  const out = {};
  for (const el of document.querySelectorAll("section.cell div.item")) {
    const chart = echarts.getInstanceByDom(el);
    const data = chart.getOption().series[0].data;
    const value = (d) => { const v = d?.value ?? d; return Array.isArray(v) ? v[v.length - 1] : v; };
    let best = 0;
    data.forEach((d, i) => { if (value(d) > value(data[best])) best = i; });
    el.scrollIntoView();
    chart.dispatchAction({ type: "showTip", seriesIndex: 0, dataIndex: best });
    await new Promise((r) => setTimeout(r, 250));
    out[el.id] = [...el.querySelectorAll("div")].filter((d) => d.style.position === "absolute" && d.style.display !== "none")
      .map((d) => d.innerText).join(" ").trim();
    chart.dispatchAction({ type: "hideTip" });
  }
  return out;
}

// overlap reports whether two boxes (four corners each, any rotation)
// overlap by more than a pixel: the separating axis test.
function overlap(a, b) {
  for (const poly of [a, b]) {
    for (let i = 0; i < 4; i++) {
      const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4];
      const len = Math.hypot(x2 - x1, y2 - y1) || 1;
      const nx = (y1 - y2) / len, ny = (x2 - x1) / len;
      const project = (p) => p.map(([x, y]) => x * nx + y * ny);
      const pa = project(a), pb = project(b);
      if (Math.max(...pa) - 1 <= Math.min(...pb) || Math.max(...pb) - 1 <= Math.min(...pa)) return false;
    }
  }
  return true;
}

const squash = (s) => s.replace(/\s+/g, "");
const inside = (t, c) => t.corners.every(([x, y]) => x >= -1 && y >= -1 && x <= c.width + 1 && y <= c.height + 1);

// checkCharts turns what the page drew into the problems of each check.
function checkCharts(drawn, tips) {
  const p = { labels: [], names: [], inside: [], numbers: [], words: [] };
  let labels = 0, names = 0;
  for (const c of drawn) {
    for (const t of c.texts) {
      if (squash(t.drawn.join("")) !== squash(t.text)) p.labels.push(`${c.id}: "${t.text}" drawn as "${t.drawn.join(" ")}"`);
      if (!inside(t, c)) p.inside.push(`${c.id}: "${t.text}" outside the ${c.width}×${c.height} chart`);
      const n = englishNumber(t.drawn.join(" "));
      if (n) p.numbers.push(`${c.id}: "${n}"`);
    }
    const n = englishNumber(tips[c.id] || "");
    if (n || !tips[c.id]) p.numbers.push(`${c.id}: tooltip "${tips[c.id]}"`);
    for (const axis of c.axes) {
      if (axis.name) {
        names++;
        if (/_/.test(axis.name)) p.words.push(`${c.id}: axis "${axis.name}"`);
        const t = c.texts.find((t) => t.role === "name" && t.text === axis.name);
        if (!t || squash(t.drawn.join("")) !== squash(axis.name) || !inside(t, c)) p.names.push(`${c.id}: "${axis.name}"`);
      }
      if (axis.type !== "category" || c.kind === "line") continue;
      if (axis.interval !== 0) p.labels.push(`${c.id}: ${axis.key} interval ${axis.interval}, not 0`);
      const found = [];
      for (const category of axis.data) {
        labels++;
        const t = c.texts.find((t) => t.role === "label" && squash(t.drawn.join("")) === squash(category) && !found.includes(t));
        if (!t) p.labels.push(`${c.id}: "${category}" has no label`);
        else found.push(t);
      }
    }
    // No two axis labels (categories or ticks, either axis) overlap.
    const axisLabels = c.texts.filter((t) => t.role === "label");
    for (let i = 0; i < axisLabels.length; i++) {
      for (let j = i + 1; j < axisLabels.length; j++) {
        if (overlap(axisLabels[i].corners, axisLabels[j].corners)) {
          p.labels.push(`${c.id}: "${axisLabels[i].text}" overlaps "${axisLabels[j].text}"`);
        }
      }
    }
  }
  return { p, labels, names };
}

const browser = await launch();
const network = [];
try {
  for (const vp of viewports) {
    const size = `${vp.width}×${vp.height}`;
    const page = await browser.newPage({ viewport: vp });
    page.setDefaultTimeout(30000);
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
      network.push(url);
      return route.abort();
    });
    await page.goto(`file://${dir}/index.html`, { waitUntil: "load" });
    // A chart drew when its element holds a canvas (a large one may add
    // layers of its own).
    const drew = () => [...document.querySelectorAll("section.cell div.item")].filter((el) => el.querySelector("canvas")).length;
    try {
      await page.waitForFunction(`(${drew})() >= ${charts}`, null, { timeout: 20000 });
    } catch { /* counted below */ }
    const drawnCount = await page.evaluate(drew);
    check(`${size}: all ${charts} charts drew`, charts > 0 && drawnCount === charts ? [] : [`${drawnCount} drew a canvas`]);
    await page.waitForTimeout(1500); // ECharts' opening animation (1 s)

    const drawn = await page.evaluate(drawnCharts);
    const tips = await page.evaluate(tooltipTexts);
    const { p, labels, names } = checkCharts(drawn, tips);
    const heatmaps = drawn.filter((c) => c.kind === "heatmap").map((c) => c.id.replace("chart_", "")).join(", ");
    check(`${size}: every category of a bar, box or heat map labelled, whole; no axis labels overlap`, p.labels, `(${labels} labels)`);
    check(`${size}: every axis name drawn whole inside its chart`, p.names, `(${names} names)`);
    check(`${size}: every chart's texts inside its box (heat maps: ${heatmaps})`, p.inside);
    check(`${size}: numbers in Spanish in the charts and their tooltips`, p.numbers);

    const page_ = await page.evaluate(() => ({
      cells: [...document.querySelectorAll(".finding, td.num")].map((e) => e.innerText),
      headers: [...document.querySelectorAll("th")].map((e) => e.innerText),
    }));
    check(`${size}: numbers in Spanish in the findings and tables`,
      page_.cells.map((t) => [englishNumber(t), t]).filter(([n]) => n).map(([n, t]) => `"${n}" in "${t.slice(0, 60)}"`),
      `(${page_.cells.length} texts)`);
    check(`${size}: column and axis names in words`,
      [...p.words, ...page_.headers.filter((h) => /_/.test(h) || !h.trim()).map((h) => `column "${h}"`)]);

    // The screenshots show the page as loaded, without the last tooltip.
    await page.reload({ waitUntil: "load" });
    await page.waitForTimeout(1500);
    if (vp.width === 1280) {
      for (const [shot, height] of [["screenshot-1.png", 2200], ["screenshot-2.png", 5200]]) {
        await page.setViewportSize({ width: 1280, height });
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.waitForTimeout(500);
        await page.screenshot({ path: `${dir}/${shot}` });
      }
    } else {
      await page.locator('section[data-chart="heatmap"]').first().screenshot({ path: `${dir}/screenshot-phone.png` });
    }
    await page.close();
  }
  check("nothing fetched from the network", network.slice(0, 3));
  for (const [shot, min] of [["screenshot-1.png", 50000], ["screenshot-2.png", 50000], ["screenshot-phone.png", 10000]]) {
    check(`${shot} is not blank`, statSync(`${dir}/${shot}`).size > min ? [] : ["too small"]);
  }
} finally {
  await browser.close();
}
console.log(failed === 0 ? "check-report: passed" : "check-report: failed");
process.exit(failed === 0 ? 0 : 1);
