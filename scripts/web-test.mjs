// Drives the web page in Debian's Chromium (playwright-core, no browser
// download) by keyboard alone, at a desktop's width (1280 px) and a phone's
// (390 px): the search combobox (↑/↓, Enter, Esc, the count announced), an
// answer slowed on purpose that must be ignored, the film's heading taking
// the focus, the address (/?titulo=…&anio=…) and Back, a failing
// recommendations request that must not hide the film, people (gender,
// coverage, clickable suggestions), Spanish formats, the counts, /eda/ on a
// phone. axe-core runs on every state: no serious or critical violation.
// Nothing may be requested from another origin. Screenshots of each state go
// to OUT_DIR (default reports/).
//
//   node scripts/web-test.mjs http://127.0.0.1:18200 [OUT_DIR]
import { readFileSync } from "node:fs";
import { launch, watchdog } from "./browser.mjs";

const base = process.argv[2];
const out = process.argv[3] || "reports";
const axeSource = readFileSync(new URL("../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log("ok:", name); } else { failed++; console.log("FAIL:", name, detail); }
}
async function api(path) {
  const resp = await fetch(base + path);
  return { status: resp.status, body: await resp.json() };
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const eq = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const es = (x) => new Intl.NumberFormat("es-ES", { useGrouping: true }).format(x); // as the page writes counts
// answered waits until a live region holds an answer (not "Buscando…") containing s.
const answered = (page, id, s) => page.waitForFunction(([id, s]) => {
  const e = document.getElementById(id);
  return !e.classList.contains("loading") && e.textContent.includes(s);
}, [id, s]);

// Whatever happens, the process ends and takes Chromium with it.
let browser = null;
const disarm = watchdog("web-test", 240_000, () => browser);

// axe runs axe-core on the page; serious and critical violations fail.
async function axe(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
  }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(`axe, ${state}: no serious or critical violations`, bad.length === 0,
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`).join(" | "));
}

// tabTo presses Tab (or Shift+Tab) until the focused element matches selector.
async function tabTo(page, selector, back = false) {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return true;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  return false;
}
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return e ? (e.id || e.tagName.toLowerCase() + (e.className ? "." + e.className : "")) : "";
});
const text = (page, sel) => page.locator(sel).innerText();

const summary = (await api("/resumen")).body;
const toyStory = (await api("/recomendacion/Toy%20Story?anio=1995")).body;

browser = await launch();
try {
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    const tag = width > 500 ? "desktop" : "phone";
    console.log(`--- ${width} px`);
    const context = await browser.newContext({ viewport: { width, height }, reducedMotion: "reduce", locale: "es-ES" });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const foreign = [];
    page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:")) foreign.push(r.url()); });
    const shot = (state) => page.screenshot({ path: `${out}/web-${state}-${tag}.png` });
    const fits = async (what) => check(`${what} fits ${width} px (no horizontal scroll)`,
      !(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)));

    // 1. The start: how many films have cast and crew, said up front.
    await page.goto(base + "/");
    await page.waitForFunction(() => document.getElementById("resumen").textContent.length > 0);
    const intro = await text(page, "#resumen");
    check("the page says how many films have cast and crew", intro.includes(es(summary.peliculas_con_reparto)) && intro.includes("reparto"), intro);
    check("the search box has a visible label", await page.locator('label[for="buscar"]').isVisible());
    check("a favicon is linked and served", (await page.locator('link[rel="icon"]').count()) === 1 && (await api("/favicon.ico").catch(() => ({ status: 0 }))).status !== 404);
    await fits("the start page");
    await axe(page, "start");
    await shot("1-start");

    // 2. Type a title by keyboard, with the answer for "toy" slowed down: the
    //    list must show the answers for the whole text, never the stale ones.
    check("Tab reaches the search box", await tabTo(page, "#buscar"));
    let slowSeen = false;
    await page.route((url) => url.pathname === "/buscar" && url.searchParams.get("q") === "toy", async (route) => {
      slowSeen = true;
      await sleep(2500);
      await route.continue().catch(() => {}); // the page may have aborted it: that is fine too
    });
    await page.keyboard.type("toy story", { delay: 220 });
    await page.waitForFunction(() => document.getElementById("sugerencias").dataset.consulta === "toy story");
    await sleep(3000); // the slowed answer has had its chance to arrive
    const want = (await api("/buscar?q=toy%20story")).body.resultados.map((h) => h.titulo);
    const shown = await page.locator("#sugerencias [role=option]").evaluateAll((els) => els.map((e) => e.dataset.titulo));
    check("a slowed answer was requested", slowSeen);
    check("a stale answer is ignored: the list is the one for «toy story»",
      eq(shown, want) && (await page.locator("#sugerencias").getAttribute("data-consulta")) === "toy story", shown.join(", "));
    await page.unrouteAll({ behavior: "ignoreErrors" });
    check("the combobox says it is expanded", (await page.getAttribute("#buscar", "aria-expanded")) === "true");
    const announced = await text(page, "#buscar-estado");
    check("the number of suggestions is announced", announced.includes(String(want.length)), announced);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const second = await page.getAttribute("#buscar", "aria-activedescendant");
    await page.keyboard.press("ArrowUp");
    const first = await page.getAttribute("#buscar", "aria-activedescendant");
    check("↑/↓ move the active suggestion (aria-activedescendant)", second === "sugerencia-1" && first === "sugerencia-0" &&
      (await page.getAttribute("#sugerencia-0", "aria-selected")) === "true", `${second} ${first}`);
    check("the focus stays in the box while choosing", (await focused(page)) === "buscar");
    await fits("the suggestions");
    await axe(page, "suggestions");
    await shot("2-suggestions");

    // 3. Enter chooses; the film's heading takes the focus; the address names it.
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === "pelicula-titulo");
    check("Enter opens the film and focuses its heading", (await text(page, "#pelicula-titulo")) === "Toy Story (1995)");
    const addr = new URL(page.url());
    check("the address names the film and its year", addr.searchParams.get("titulo") === "Toy Story" && addr.searchParams.get("anio") === "1995", page.url());
    check("the list closed after the choice", (await page.getAttribute("#buscar", "aria-expanded")) === "false");
    await page.locator("#recomendaciones .rec").nth(4).waitFor();
    await page.waitForFunction(() => !document.getElementById("pelicula-votos").textContent.startsWith("Cargando"));
    const cards = await page.locator("#recomendaciones .rec").evaluateAll((els) => els.map((e) => [e.dataset.titulo, Number(e.dataset.puntuacion)]));
    check("5 recommendations, as the API ranks them", eq(cards.map((c) => c[0]), toyStory.recomendaciones), cards.join("; "));
    check("the cards are in the order of the score they show", cards.every((c, i) => i === 0 || cards[i - 1][1] >= c[1]));
    const firstCard = await text(page, "#recomendaciones .rec >> nth=0");
    const top = toyStory.detalle[0];
    check("a card shows its score in Spanish format", firstCard.includes("Puntuación " + top.puntuacion.toFixed(2).replace(".", ",")), firstCard);
    check("genres in Spanish", /animación|comedia|familiar/.test(firstCard) && !/Animation|Comedy|Family/.test(firstCard), firstCard);
    if (Array.isArray(top.motivos) && top.motivos.length) {
      const shownReasons = await page.locator("#recomendaciones .rec >> nth=0").locator(".motivos li").count();
      check("the card lists why it is recommended", shownReasons === top.motivos.length, firstCard);
    }
    const votes = (await api("/votos_titulo/Toy%20Story?anio=1995")).body;
    const votesText = await text(page, "#pelicula-votos");
    check("the votes as a sentence, Spanish decimals", votesText.includes(votes.promedio.toFixed(2).replace(".", ",")) && !votesText.includes(votes.mensaje), votesText);
    check("the API's fixed sentences are not the page's text", !(await text(page, "#pelicula")).includes("score/popularidad"));
    await fits("the film");
    await axe(page, "film");
    await shot("3-film");

    // 4. A recommendation by keyboard: Tab to its link, Enter; then Back.
    check("Tab reaches the first recommendation", await tabTo(page, "#recomendaciones .rec a"));
    await page.keyboard.press("Enter");
    await page.waitForFunction((t) => document.activeElement.id === "pelicula-titulo" &&
      document.activeElement.textContent.startsWith(t), top.titulo);
    check("following a recommendation focuses its heading", true);
    check("its address", new URL(page.url()).searchParams.get("titulo") === top.titulo, page.url());
    await page.goBack();
    await page.waitForFunction(() => document.getElementById("pelicula-titulo").textContent === "Toy Story (1995)");
    check("Back returns to the previous film, inside the page", new URL(page.url()).pathname === "/");
    await page.reload();
    await page.waitForFunction(() => document.getElementById("pelicula-titulo").textContent === "Toy Story (1995)");
    check("the address can be bookmarked (reload shows the film)", true);

    // 5. A film whose answer comes late, after another was asked for: the late one is ignored.
    let lateDelivered = false;
    await page.route((url) => url.pathname.startsWith("/score_titulo/Jumanji"), async (route) => {
      await sleep(2500);
      await route.continue();
      lateDelivered = true;
    });
    check("Shift+Tab back to the search box", await tabTo(page, "#buscar", true));
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Jumanji");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Toy Story");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement.id === "pelicula-titulo");
    await sleep(3000);
    check("a late answer for an earlier film is ignored", lateDelivered && (await text(page, "#pelicula-titulo")) === "Toy Story (1995)" &&
      new URL(page.url()).searchParams.get("titulo") === "Toy Story", `${lateDelivered} ${await text(page, "#pelicula-titulo")} ${page.url()}`);
    await page.unrouteAll({ behavior: "ignoreErrors" });

    // 6. Typed text, Enter, and the recommendations failing: the film stays.
    await page.route("**/recomendacion/**", (route) => route.fulfill({ status: 500, contentType: "application/json", body: '{"error": "Error interno del servidor."}' }));
    check("Shift+Tab back to the search box", await tabTo(page, "#buscar", true));
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Heat");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.getElementById("pelicula-titulo").textContent.startsWith("Heat (") &&
      document.getElementById("recomendaciones-estado").classList.contains("error"));
    check("a failure of the recommendations alone keeps the film shown", (await text(page, "#pelicula-score")).includes("Popularidad") &&
      (await page.locator("#recomendaciones .rec").count()) === 0, await text(page, "#recomendaciones-estado"));
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await axe(page, "recommendations failed");
    await page.locator("#recomendaciones-estado").scrollIntoViewIfNeeded();
    await shot("4-recommendations-failed");

    // 7. Nothing found, then the box cleared: no old list, no old message.
    await tabTo(page, "#buscar", true);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("xqzv");
    await page.waitForFunction(() => document.getElementById("sugerencias").dataset.consulta === "xqzv");
    check("a text without suggestions says so", (await text(page, "#buscar-estado")).includes("xqzv"));
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Backspace");
    await sleep(600);
    check("clearing the box clears the list and the message",
      (await page.locator("#sugerencias [role=option]").count()) === 0 && (await text(page, "#buscar-estado")) === "");
    await page.keyboard.type("toy");
    await page.waitForFunction(() => document.getElementById("buscar").getAttribute("aria-expanded") === "true");
    await page.keyboard.press("Escape");
    check("Esc closes the list", (await page.getAttribute("#buscar", "aria-expanded")) === "false" && await page.locator("#sugerencias").isHidden());
    await page.keyboard.press("ArrowDown");
    check("↓ opens it again", (await page.getAttribute("#buscar", "aria-expanded")) === "true");
    await page.keyboard.press("Tab");
    check("the suggestions are not Tab stops", !(await page.evaluate(() => document.activeElement.closest("#sugerencias"))), await focused(page));
    await tabTo(page, "#buscar", true);
    await page.keyboard.press("ArrowDown");
    await page.mouse.click(5, height - 5); // the one pointer step: a click outside closes the list
    check("a click outside closes the list", (await page.getAttribute("#buscar", "aria-expanded")) === "false");

    // 8. People: gender, coverage, suggestions that can be chosen.
    check("Tab reaches the actor box", await tabTo(page, "#actor"));
    check("the actor box has a visible label", await page.locator('label[for="actor"]').isVisible());
    await page.keyboard.type("Meg Ryan");
    await page.keyboard.press("Enter");
    await answered(page, "actor-respuesta", "Meg Ryan");
    check("an actress is called an actress", (await text(page, "#actor-respuesta")).startsWith("La actriz Meg Ryan"), await text(page, "#actor-respuesta"));
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Tom Hanks");
    await page.keyboard.press("Enter");
    await answered(page, "actor-respuesta", "Tom Hanks");
    const hanks = await text(page, "#actor-respuesta");
    check("an actor's count says it covers only the films with cast", hanks.startsWith("El actor Tom Hanks") && hanks.includes(es(summary.peliculas_con_reparto)), hanks);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Tom Hanx");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.getElementById("actor-respuesta").classList.contains("error"));
    check("Tab reaches a suggested name", await tabTo(page, "#actor-respuesta button"));
    const suggested = await page.evaluate(() => document.activeElement.textContent);
    await page.keyboard.press("Enter");
    await page.waitForFunction((s) => !document.getElementById("actor-respuesta").classList.contains("error") &&
      document.getElementById("actor-respuesta").textContent.includes(s), suggested);
    check("a suggested name can be chosen by keyboard", (await page.inputValue("#actor")) === suggested, suggested);

    check("Tab reaches the director box", await tabTo(page, "#director"));
    await page.keyboard.type("Steven Spielberg");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.getElementById("director-respuesta").classList.contains("error"));
    const spielberg = await text(page, "#director-respuesta");
    check("a person not found: the message says how many films have cast and crew", spielberg.includes(es(summary.peliculas_con_reparto)) &&
      spielberg.includes(es(summary.peliculas)), spielberg);
    await axe(page, "person not found");
    await page.locator("#director-respuesta").scrollIntoViewIfNeeded();
    await shot("5-person-not-found");
    await tabTo(page, "#director", true);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("John Lasseter");
    await page.keyboard.press("Enter");
    await answered(page, "director-respuesta", "Toy Story");
    const lasseter = await text(page, "#director-respuesta");
    check("a director: Spanish date and dollars", lasseter.startsWith("El director John Lasseter") && lasseter.includes("30 de octubre de 1995") &&
      lasseter.includes("30.000.000") && lasseter.includes("USD"), lasseter);
    await fits("people");
    await axe(page, "people");
    await page.locator("#director-respuesta").scrollIntoViewIfNeeded();
    await shot("6-people");

    // 9. Counts by keyboard: the next month and weekday.
    check("Tab reaches the month", await tabTo(page, "#mes"));
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => document.getElementById("mes").value === "febrero");
    check("Tab reaches the weekday", await tabTo(page, "#dia"));
    await page.keyboard.press("ArrowDown");
    const month = (await api("/cantidad_filmaciones_mes/febrero")).body;
    const day = (await api("/cantidad_filmaciones_dia/martes")).body;
    await page.waitForFunction(([m, d]) => document.getElementById("mes-respuesta").dataset.cantidad === String(m) &&
      document.getElementById("dia-respuesta").dataset.cantidad === String(d), [month.cantidad, day.cantidad]);
    check("month and weekday counts equal the API's, as sentences", (await text(page, "#dia-respuesta")).startsWith("Los martes"));
    await axe(page, "counts");

    // 10. The report at /eda/: fits, links back.
    await page.goto(base + "/eda/");
    check("/eda/ is a page (the report, or how to build it)", (await page.locator("h1").count()) > 0);
    check("/eda/ links back to the page", (await page.locator('a[href="/"]').count()) > 0);
    await fits("/eda/");
    if (tag === "phone") {
      await shot("7-eda");
      if (await page.locator(".table-wrap").count()) {
        await page.locator(".table-wrap").first().scrollIntoViewIfNeeded();
        await shot("8-eda-table");
      }
    }

    check("nothing loaded from another origin", foreign.length === 0, foreign.slice(0, 5).join(" "));
    await context.close();
  }
} catch (err) {
  failed++;
  console.log("FAIL:", err.message.split("\n")[0]);
} finally {
  await browser.close().catch(() => {});
  disarm();
}
console.log(`web-test: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
