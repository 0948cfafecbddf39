// Drives the web page in Debian's Chromium (playwright-core, no browser
// download): search, pick a suggestion, follow a recommendation, look up an
// actor and a director, and check that the counts shown equal the API's.
// Screenshots of each step go to OUT_DIR (default reports/).
//
//   node scripts/web-test.mjs http://127.0.0.1:18200 [OUT_DIR]
import { chromium } from "playwright-core";

const base = process.argv[2];
const out = process.argv[3] || "reports";
let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log("ok:", name); } else { failed++; console.log("FAIL:", name, detail); }
}
async function api(path) {
  const resp = await fetch(base + path);
  return resp.json();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  await page.goto(base + "/");

  // 1. Type part of a title, see suggestions, pick one.
  await page.fill("#buscar", "toy st");
  const suggestion = page.locator('#sugerencias li[data-titulo="Toy Story"]');
  await suggestion.waitFor();
  check("suggestions as you type", await page.locator("#sugerencias li").count() >= 1);
  await page.screenshot({ path: `${out}/web-1-search.png` });
  await suggestion.click();

  // 2. The film, its score and votes, and 5 recommendations.
  await page.locator("#recomendaciones .rec").nth(4).waitFor();
  const title = await page.textContent("#pelicula-titulo");
  const score = await api("/score_titulo/Toy%20Story?anio=1995");
  check("film card", title === "Toy Story (1995)" && (await page.textContent("#pelicula-score")) === score.mensaje, title);
  const recs = await api("/recomendacion/Toy%20Story?anio=1995");
  const cards = await page.locator("#recomendaciones .rec").evaluateAll((els) => els.map((e) => e.dataset.titulo));
  check("5 recommendations, as the API ranks them", JSON.stringify(cards) === JSON.stringify(recs.recomendaciones), cards.join(", "));
  await page.screenshot({ path: `${out}/web-2-recommendations.png` });

  // 3. Click a recommendation: its own page and recommendations.
  const next = recs.detalle[0];
  await page.locator("#recomendaciones .rec").first().click();
  await page.waitForFunction((t) => document.getElementById("pelicula-titulo").textContent.startsWith(t), next.titulo);
  await page.locator("#recomendaciones .rec").nth(4).waitFor();
  const nextRecs = await api("/recomendacion/" + encodeURIComponent(next.titulo) + "?anio=" + next.anio);
  const nextCards = await page.locator("#recomendaciones .rec").evaluateAll((els) => els.map((e) => e.dataset.titulo));
  check("following a recommendation", JSON.stringify(nextCards) === JSON.stringify(nextRecs.recomendaciones), nextCards.join(", "));
  await page.screenshot({ path: `${out}/web-3-next.png` });

  // 4. Actor and director look-ups.
  await page.fill("#actor", "tom hanks");
  await page.click("#form-actor button");
  const actor = await api("/get_actor/tom%20hanks");
  await page.waitForFunction((m) => document.getElementById("actor-respuesta").textContent === m, actor.mensaje);
  check("actor look-up", true);
  await page.fill("#director", "John Lasseter");
  await page.click("#form-director button");
  const director = await api("/get_director/John%20Lasseter");
  await page.waitForFunction((m) => document.getElementById("director-respuesta").textContent.startsWith(m), director.mensaje);
  check("director look-up", true);
  await page.fill("#actor", "Tom Hanx");
  await page.click("#form-actor button");
  await page.waitForFunction(() => document.getElementById("actor-respuesta").classList.contains("error"));
  check("an API error is shown in Spanish, with suggestions", (await page.textContent("#actor-respuesta")).includes("¿Quiso decir"));
  await page.screenshot({ path: `${out}/web-4-people.png` });

  // 5. Counts equal the API's.
  await page.selectOption("#mes", "septiembre");
  await page.selectOption("#dia", "sábado");
  const month = await api("/cantidad_filmaciones_mes/septiembre");
  const day = await api("/cantidad_filmaciones_dia/s%C3%A1bado");
  await page.waitForFunction(([m, d]) => document.getElementById("mes-respuesta").dataset.cantidad === String(m) &&
    document.getElementById("dia-respuesta").dataset.cantidad === String(d), [month.cantidad, day.cantidad]);
  check("month and weekday counts equal the API's", true);

  // 6. A phone's width.
  await page.setViewportSize({ width: 390, height: 900 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check("readable on a phone (no horizontal scroll)", !overflow);
  await page.screenshot({ path: `${out}/web-5-phone.png` });
} catch (err) {
  failed++;
  console.log("FAIL:", err.message);
} finally {
  await browser.close();
}
console.log(`web-test: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
