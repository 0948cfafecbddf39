// Records the demo: drives the product in Debian's Chromium (playwright-core)
// while the DevTools screencast captures every frame it paints, and writes,
// for scripts/demo-video.sh to join with ffmpeg:
//   WORK/frames/*.jpg + WORK/frames.txt   the frames and their durations (ffmpeg concat list)
//   WORK/narration.wav                    the Spanish narration (espeak-ng), placed at each sentence's time
//   WORK/demo.vtt                         the same sentences as WebVTT subtitles
//   WORK/steps.json                       the steps and their times, and what the lifecycle scenes saw (for the check)
//
// The lifecycle steps run real commands in WORK while they are shown (the
// binary in WORK/filmoteca, the base data in WORK/data, the held-out film's
// records in the folder WORK/arrival.json names, the store in WORK/store, the server's
// PID in WORK/serve.pid: scripts/demo-video.sh sets them up).
//
// The narration sets the pace, but the recording does not wait for it in
// real time: when a sentence is longer than what is shown while it is said,
// the last frame is held in the video (a pause), so a 6-minute video takes
// about 2 minutes to record.
//
//   node scripts/demo-record.mjs BASE_URL WORK_DIR
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { launch, watchdog } from "./browser.mjs";

const base = process.argv[2];
const work = process.argv[3];
const WIDTH = 1280;
const HEIGHT = 720;
const GAP = 0.35; // seconds of silence after each sentence
mkdirSync(`${work}/frames`, { recursive: true });
mkdirSync(`${work}/voice`, { recursive: true });

// Whatever happens, the process ends and takes Chromium with it.
let browser = null;
const disarm = watchdog("demo-record", 240_000, () => browser);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function api(path) { return (await fetch(base + path)).json(); }
const es2 = (x) => new Intl.NumberFormat("es-ES", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);
const esN = (x) => new Intl.NumberFormat("es-ES", { useGrouping: true }).format(x);
const es1 = (x) => new Intl.NumberFormat("es-ES", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

// ---- The facts the narration quotes, from the running API.
const summary = await api("/resumen");
const votes = await api("/votos_titulo/Toy%20Story?anio=1995");
const recs = await api("/recomendacion/Toy%20Story?anio=1995");
const hanks = await api("/get_actor/Tom%20Hanks");
const january = await api("/cantidad_filmaciones_mes/enero");
const saturday = await api("/cantidad_filmaciones_dia/s%C3%A1bado");
const top = recs.detalle[0];
const reasons = Array.isArray(top.motivos) ? top.motivos : []; // as the API says them (Spanish), as the page shows them
const sqlText = readFileSync(`${work}/sql.txt`, "utf8");
const sqlQuery = readFileSync(`${work}/sql-query.txt`, "utf8").trim();
const recommendText = readFileSync(`${work}/recommend.txt`, "utf8");
const sqlFirst = sqlText.split("\n")[2].trim().split(/\s+/); // first row: year, count
const film = JSON.parse(readFileSync(`${work}/arrival.json`, "utf8")); // the film held out of the base build

// ---- Pages shown that are not the product: a title card, a terminal, the model.
function card(title, lines) {
  return `<!doctype html><html lang="es"><meta charset="utf-8"><body style="margin:0;height:100vh;display:flex;flex-direction:column;justify-content:center;
    padding:0 90px;font-family:system-ui,sans-serif;background:#1f4e79;color:#fff"><h1 style="font-size:54px;margin:0 0 24px">${esc(title)}</h1>
    ${lines.map((l, i) => `<p class="l" style="font-size:28px;margin:8px 0;opacity:${i ? 0 : 1};transition:opacity .6s">${esc(l)}</p>`).join("")}
    <script>{let k=1;window.next=()=>{const e=document.querySelectorAll('.l')[k++];if(e)e.style.opacity=1;};}</script></body></html>`;
}
function terminal(command, output) {
  return `<!doctype html><html lang="es"><meta charset="utf-8"><body style="margin:0;background:#111;color:#ddd;font:19px/1.35 monospace;padding:28px 36px;height:100vh;box-sizing:border-box;overflow:hidden">
    <div style="color:#8fbcff;margin-bottom:14px;font-family:system-ui,sans-serif;font-size:22px">Terminal</div>
    <pre id="t" style="margin:0;white-space:pre-wrap"></pre>
    <script>{ // a block: setContent reuses the page's script scope
      const cmd = ${JSON.stringify(command)}, out = ${JSON.stringify(output)}.split("\\n");
      const t = document.getElementById("t");
      window.play = () => new Promise((done) => {
        let i = 0; t.textContent = "$ ";
        const type = setInterval(() => {
          t.textContent += cmd[i++];
          if (i >= cmd.length) { clearInterval(type); t.textContent += "\\n"; let j = 0;
            const show = setInterval(() => { t.textContent += out[j++] + "\\n"; window.scrollTo(0, document.body.scrollHeight);
              if (j >= out.length) { clearInterval(show); done(); } }, 60); }
        }, 45);
      });
      window.scrollOut = (y) => { t.style.transition = "transform 3s"; t.style.transform = "translateY(" + (-y) + "px)"; };
    }</script></body></html>`;
}

// shell is a terminal that keeps what earlier scenes typed (the last lines
// that fit): window.type(cmd) types a command, window.show(out) its output.
function shell(history) {
  return `<!doctype html><html lang="es"><meta charset="utf-8"><body style="margin:0;background:#111;color:#ddd;font:16px/1.3 monospace;padding:20px 36px;height:100vh;box-sizing:border-box;overflow:hidden">
    <style>#c{animation:blink 1s steps(1) infinite}@keyframes blink{50%{opacity:0}}</style>
    <div style="color:#8fbcff;margin-bottom:10px;font-family:system-ui,sans-serif;font-size:22px">Terminal</div>
    <pre id="shell" style="margin:0;white-space:pre-wrap"><span id="t"></span><span id="c">▌</span></pre>
    <script>{
      const t = document.getElementById("t"), pre = document.getElementById("shell");
      const fit = () => { // drop the oldest lines until the text fits the screen
        while (pre.getBoundingClientRect().bottom > window.innerHeight - 20 && t.textContent.includes("\\n")) t.textContent = t.textContent.slice(t.textContent.indexOf("\\n") + 1);
      };
      t.textContent = ${JSON.stringify(history)}; fit();
      window.type = (cmd) => new Promise((done) => {
        t.textContent += "$ "; let i = 0;
        const type = setInterval(() => { t.textContent += cmd[i++]; fit(); if (i >= cmd.length) { clearInterval(type); t.textContent += "\\n"; fit(); done(); } }, 35);
      });
      window.show = (out) => new Promise((done) => {
        const lines = out.replace(/\\n$/, "").split("\\n"); let j = 0;
        if (!out) return done();
        const show = setInterval(() => { t.textContent += lines[j++] + "\\n"; fit(); if (j >= lines.length) { clearInterval(show); done(); } }, 50);
      });
    }</script></body></html>`;
}

// ---- The lifecycle scenes: real commands in WORK, as typed on screen.
let transcript = "";
function runIn(cmd) {
  return new Promise((resolve, reject) => {
    execFile("bash", ["-c", `{ ${cmd}\n} 2>&1`], { cwd: work, timeout: 120_000, maxBuffer: 1 << 20,
      env: { ...process.env, PATH: `${work}:${process.env.PATH}`, LOG_LEVEL: "warn" } },
    (err, out) => err ? reject(new Error(`demo-record: \`${cmd}\` failed: ${err.message}\n${out}`)) : resolve(out));
  });
}
// sh types and runs commands in the terminal (opened with what it showed
// before); ran() is called as soon as the last one returns, before its output is shown.
async function sh(cmds, ran = () => {}) {
  if (!(await page.evaluate(() => document.getElementById("shell") !== null))) await page.setContent(shell(transcript));
  for (const [i, cmd] of cmds.entries()) {
    await page.evaluate((c) => window.type(c), cmd);
    const out = await runIn(cmd);
    if (i === cmds.length - 1) ran();
    await page.evaluate((o) => window.show(o), out);
    transcript += `$ ${cmd}\n${out}${out && !out.endsWith("\n") ? "\n" : ""}`;
  }
}
// What the server says it serves, and which process it is.
async function serving() {
  const ready = await api("/readyz");
  const metrics = await (await fetch(base + "/metrics")).text();
  const value = (re) => Number((metrics.match(re) || [])[1]);
  return { build: ready.version, swaps: value(/^filmoteca_swaps_total\{result="swapped"\} (\S+)$/m), started: value(/^process_start_time_seconds (\S+)$/m) };
}
// until polls the film's score until it answers status: the seconds it took.
async function until(status) {
  const t = now();
  while ((await fetch(`${base}/score_titulo/${encodeURIComponent(film.titulo)}?anio=${film.anio}`)).status !== status) {
    if (now() - t > 30) throw new Error(`demo-record: ${film.titulo} did not answer ${status} within 30 s`);
    await sleep(50);
  }
  return now() - t;
}
// lookUp types the film's title in a fresh page and presses Enter.
async function lookUp(found) {
  await page.goto(base + "/"); await page.waitForFunction(() => document.getElementById("resumen").textContent.length > 0);
  await page.focus("#buscar"); await typeSlow(film.titulo, 120); await sleep(400); await page.keyboard.press("Enter");
  if (found) {
    await page.waitForFunction((t) => document.getElementById("pelicula-titulo").textContent === t, `${film.titulo} (${film.anio})`);
    await page.locator("#recomendaciones .rec").nth(4).waitFor(); await sleep(300); await scrollTo("#pelicula", 1200);
  } else {
    await page.waitForFunction(() => document.getElementById("buscar-estado").classList.contains("error"));
  }
}
const updates = `data/updates/${new Date().toISOString().slice(0, 10)}`;
const readyCmd = `curl -s ${base}/readyz`, swapsCmd = `curl -s ${base}/metrics | grep '^filmoteca_swaps_total'`, psCmd = 'ps -o pid,etime,args -p "$(cat serve.pid)"';
const seen = {}; // what the lifecycle scenes saw, for steps.json and the check
const by = (list) => list.length > 1 ? list.slice(0, -1).join(", ") + " y " + list[list.length - 1] : list.join("");

// ---- The script: steps of sentences, each with what is shown while it is said.
const steps = [];
const step = (id, title, sentences) => steps.push({ id, title, sentences });
let page; // set once the browser is up
const typeSlow = (text, delay = 110) => page.keyboard.type(text, { delay });
async function smoothScroll(dy, ms) {
  await page.evaluate(([dy, ms]) => new Promise((done) => {
    const start = window.scrollY, t0 = performance.now();
    const tick = (now) => { const k = Math.min(1, (now - t0) / ms); window.scrollTo(0, start + dy * k); k < 1 ? requestAnimationFrame(tick) : done(); };
    requestAnimationFrame(tick);
  }), [dy, ms]);
}
async function scrollTo(selector, ms = 1500) {
  const y = await page.evaluate((s) => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().top - 70 : 0; }, selector);
  await smoothScroll(y, ms);
}

step("intro", "Presentación", [
  { text: "Esta es filmoteca: una API en español y una página web sobre The Movies Dataset, con un sistema de recomendación de películas.",
    run: async () => { await page.setContent(card("filmoteca", ["Una API en español sobre The Movies Dataset", "La página web, en uso", "Las siete consultas, en Swagger UI", "El análisis exploratorio",
      "Una consulta SQL y el modelo de recomendación", "Una película nueva, sin reiniciar el servidor"])); } },
  { text: "Veremos la página en uso, las siete consultas de la API en Swagger, el análisis exploratorio, una consulta SQL, cómo recomienda el modelo y cómo llega una película nueva.",
    run: async () => { for (let i = 0; i < 5; i++) { await page.evaluate(() => window.next()); await sleep(600); } } },
  { text: "Todo funciona sin conexión: los datos se limpian con DuckDB, y el servidor es un único programa escrito en Go." },
]);

step("pagina", "La página: buscar una película", [
  { text: `Empezamos por la página. Arriba dice cuántas películas hay, ${esN(summary.peliculas)}, y que solo ${esN(summary.peliculas_con_reparto)} tienen reparto y dirección en esta copia de los datos.`,
    run: async () => { await page.goto(base + "/"); await page.waitForFunction(() => document.getElementById("resumen").textContent.length > 0); } },
  { text: "Escribimos un título solo con el teclado. Mientras escribimos, la lista sugiere títulos parecidos, y se anuncia cuántos hay.",
    run: async () => { await page.keyboard.press("Tab"); await page.keyboard.press("Tab"); await page.keyboard.press("Tab"); await page.focus("#buscar");
      await typeSlow("toy story"); await page.waitForFunction(() => document.getElementById("sugerencias").dataset.consulta === "toy story"); } },
  { text: "Con las flechas elegimos uno, y con Intro lo abrimos. El foco pasa al título de la película, y la dirección de la página cambia: se puede guardar, o volver atrás.",
    run: async () => { await sleep(500); await page.keyboard.press("ArrowDown"); await sleep(500); await page.keyboard.press("ArrowDown"); await sleep(500);
      await page.keyboard.press("ArrowUp"); await sleep(600); await page.keyboard.press("Enter"); await page.locator("#recomendaciones .rec").nth(4).waitFor(); } },
]);

step("recomendaciones", "Una película y sus recomendaciones", [
  { text: `Toy Story se estrenó en 1995. Vemos su popularidad, y sus ${esN(votes.votos)} valoraciones, con un promedio de ${es2(votes.promedio)} sobre diez.` },
  { text: "Debajo, las cinco películas más parecidas, ordenadas por la puntuación que muestra cada tarjeta.",
    run: async () => { await scrollTo("#recomendaciones-titulo"); } },
  { text: `La primera es ${top.titulo}, con una similitud de ${es2(top.similitud)} y una puntuación de ${es2(top.puntuacion)}.` +
      (reasons.length ? ` Lo que comparte con Toy Story: ${reasons.slice(0, 2).join("; ")}.` : "") },
  { text: "Abrimos una recomendación con el teclado, y después volvemos atrás con el navegador.",
    run: async () => { await page.focus("#recomendaciones .rec a"); await sleep(500); await page.keyboard.press("Enter");
      await page.waitForFunction((t) => document.getElementById("pelicula-titulo").textContent.startsWith(t), top.titulo);
      await page.locator("#recomendaciones .rec").nth(4).waitFor(); await sleep(1800); await page.goBack();
      await page.waitForFunction(() => document.getElementById("pelicula-titulo").textContent === "Toy Story (1995)"); } },
]);

step("personas", "Actores, actrices y dirección", [
  { text: `Ahora, personas. Tom Hanks aparece en ${hanks.cantidad_filmaciones} película de las ${esN(summary.peliculas_con_reparto)} que tienen reparto, y la página lo dice.`,
    run: async () => { await scrollTo("#personas"); await page.focus("#actor"); await typeSlow("Tom Hanks", 80); await page.keyboard.press("Enter");
      await page.waitForFunction(() => !document.getElementById("actor-respuesta").classList.contains("loading")); } },
  { text: `Si buscamos a Steven Spielberg, la página explica que no está entre esas ${esN(summary.peliculas_con_reparto)} películas, y sugiere nombres parecidos que se pueden elegir.`,
    run: async () => { await page.focus("#director"); await typeSlow("Steven Spielberg", 70); await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.getElementById("director-respuesta").classList.contains("error")); } },
  { text: "John Lasseter dirigió Toy Story: la fecha, el presupuesto y la recaudación, en formato español y con su moneda.",
    run: async () => { await page.focus("#director"); await page.keyboard.press("Control+A"); await typeSlow("John Lasseter", 70); await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.getElementById("director-respuesta").textContent.includes("Toy Story")); } },
  { text: `Y los estrenos por mes y por día de la semana: en enero se estrenaron ${esN(january.cantidad)} películas, y en sábado, ${esN(saturday.cantidad)}.`,
    run: async () => { await scrollTo("#estrenos"); await page.focus("#dia"); for (let i = 0; i < 5; i++) { await page.keyboard.press("ArrowDown"); await sleep(250); } } },
]);

// Swagger UI: each of the seven endpoints, tried out with a value.
async function tryOut(path, values) {
  const block = page.locator(`.opblock:has(.opblock-summary-path[data-path="${path}"])`);
  await block.locator(".opblock-summary").first().scrollIntoViewIfNeeded();
  await block.locator(".opblock-summary").first().click();
  await block.locator("button.try-out__btn").click();
  for (const [name, value] of Object.entries(values)) {
    const input = block.locator(`tr[data-param-name="${name}"] input`);
    await input.fill("");
    await input.pressSequentially(value, { delay: 60 });
  }
  await block.locator("button.execute").click();
  await block.locator(".live-responses-table .response-col_status").first().waitFor();
  await smoothScroll(await block.locator(".live-responses-table").first().evaluate((e) => e.getBoundingClientRect().top - 120), 900);
  await sleep(400);
}
async function closeBlock(path) {
  const block = page.locator(`.opblock:has(.opblock-summary-path[data-path="${path}"])`);
  await block.locator(".opblock-summary").first().scrollIntoViewIfNeeded();
  await block.locator(".opblock-summary").first().click();
}
step("swagger", "La API en Swagger UI", [
  { text: "La misma información está en la API. Swagger UI, en la ruta docs, documenta los siete puntos de acceso y permite probarlos.",
    run: async () => { await page.goto(base + "/docs/"); await page.locator(".opblock").first().waitFor(); } },
  { text: `Cantidad de filmaciones estrenadas en un mes: en enero, ${esN(january.cantidad)}.`,
    run: async () => { await tryOut("/cantidad_filmaciones_mes/{mes}", { mes: "enero" }); } },
  { text: "En un día de la semana, con tilde o sin ella: sábado.",
    run: async () => { await closeBlock("/cantidad_filmaciones_mes/{mes}"); await tryOut("/cantidad_filmaciones_dia/{dia}", { dia: "sabado" }); } },
  { text: "El score de un título: su año de estreno y su popularidad. El año es opcional, y sirve cuando dos películas se llaman igual.",
    run: async () => { await closeBlock("/cantidad_filmaciones_dia/{dia}"); await tryOut("/score_titulo/{titulo}", { titulo: "Dracula" }); } },
  { text: "Los votos de un título: la cantidad y el promedio, solo si tiene al menos dos mil valoraciones.",
    run: async () => { await closeBlock("/score_titulo/{titulo}"); await tryOut("/votos_titulo/{titulo}", { titulo: "Toy Story" }); } },
  { text: "Un actor: en cuántas películas aparece y su retorno.",
    run: async () => { await closeBlock("/votos_titulo/{titulo}"); await tryOut("/get_actor/{nombre_actor}", { nombre_actor: "Tom Hanks" }); } },
  { text: "Un director: cada película con su fecha, su costo, su recaudación y su ganancia.",
    run: async () => { await closeBlock("/get_actor/{nombre_actor}"); await tryOut("/get_director/{nombre_director}", { nombre_director: "John Lasseter" }); } },
  { text: "Y la recomendación: los cinco títulos más parecidos, con el detalle de cada uno.",
    run: async () => { await closeBlock("/get_director/{nombre_director}"); await tryOut("/recomendacion/{titulo}", { titulo: "Toy Story" }); } },
]);

step("eda", "El análisis exploratorio", [
  { text: "El análisis exploratorio se genera con el comando filmoteca eda. Cada celda muestra por qué importa, la consulta SQL, su gráfico, y un hallazgo calculado con los datos.",
    run: async () => { await page.goto(base + "/eda/"); await page.waitForLoadState("load"); await sleep(800); await scrollTo("section", 2000); } },
  { text: "Recorremos los estrenos por año, las distribuciones del presupuesto y de la puntuación, los valores atípicos, y las correlaciones.",
    run: async () => { for (const n of ["02", "04", "05", "07", "10"]) { await scrollTo(`section[id^="${n}_"]`, 1500); await sleep(400); } } },
  { text: "Y las nubes de palabras de los títulos y de las sinopsis, que muestran de qué tratan las películas.",
    run: async () => { await scrollTo('section[id^="11_"]', 1600); await sleep(1200); await scrollTo('section[id^="21_"]', 2000); } },
]);

step("sql", "Una consulta con filmoteca sql", [
  { text: "Con filmoteca sql se consulta directamente la base limpia. Por ejemplo: los años con más estrenos y su puntuación media.",
    run: async () => { await page.setContent(terminal(`filmoteca sql "${sqlQuery}"`, sqlText)); await page.evaluate(() => window.play()); } },
  { text: `El año con más estrenos en estos datos es ${sqlFirst[0]}, con ${esN(Number(sqlFirst[1]))} películas.` },
]);

step("modelo", "El modelo de recomendación", [
  { text: "Pasamos al modelo. El comando filmoteca recommend da la misma respuesta que la API, con el detalle de cada recomendación.",
    run: async () => { await page.setContent(terminal('filmoteca recommend "Toy Story"', recommendText)); await page.evaluate(() => window.play());
      await page.evaluate(() => window.scrollOut(Math.max(0, document.getElementById("t").scrollHeight - 560))); await sleep(3000); } },
  ...(reasons.length ? [{ text: `Cada recomendación trae sus motivos, lo que comparte con la película buscada. Para ${top.titulo}, ${reasons.join("; ")}.` }] : []),
  { text: "Cada película se describe con rasgos ponderados: las palabras de la sinopsis y del eslogan, los géneros, la colección, los tres primeros actores, la dirección, las productoras, el idioma, la década y las palabras clave.",
    run: async () => { await page.setContent(card("Cómo recomienda", ["Rasgos ponderados: sinopsis, eslogan, géneros, colección, reparto, dirección, productoras, idioma, década, palabras clave",
      "Cada rasgo pesa según lo raro que es (TF-IDF): un director dice más que «Drama»", "Similitud coseno exacta contra todo el catálogo: las 200 más parecidas",
      "Orden: similitud + votos y valoración ponderada + cercanía de año", "Cinco títulos distintos, nunca la misma película"])); } },
  { text: "Cada rasgo pesa más cuanto más raro es: compartir un director dice más que compartir el género drama. Y cada grupo de rasgos tiene su peso, elegido midiendo qué películas gustan a las mismas personas.",
    run: async () => { await page.evaluate(() => window.next()); } },
  { text: "Para una película, se compara su vector con los de todo el catálogo mediante la similitud coseno, y se toman las doscientas más parecidas que comparten algún género.",
    run: async () => { await page.evaluate(() => window.next()); } },
  { text: "Esas se ordenan por su similitud, más un término propio de cada película, según cuántos votos tiene y su valoración ponderada, y un extra para las de la misma época: esa es la puntuación que muestran las tarjetas.",
    run: async () => { await page.evaluate(() => window.next()); } },
  { text: "Y se devuelven cinco títulos distintos, nunca la misma película.",
    run: async () => { await page.evaluate(() => window.next()); } },
]);

step("llegada", "Una película nueva, sin reiniciar", [
  { text: `Por último, una película nueva. El servidor sirve la versión vigente de un almacén de versiones, y en ella no está ${film.titulo}, de ${by(film.direccion)}.`,
    run: async () => { seen.before = await serving(); await lookUp(false); } },
  { text: `La ruta readyz dice qué versión se sirve, y ps, qué proceso la sirve. ${film.titulo} llega como datos: una carpeta con fecha en updates, con sus registros reales.`,
    run: async () => { await sh([readyCmd, psCmd, `mkdir -p data/updates && cp -r ${film.carpeta} ${updates} && ls ${updates}`]); } },
  { text: "El comando filmoteca etl construye una versión nueva y, frente a la vigente, la pasa por un control: todas las consultas responden, no se pierden películas y el recomendador no empeora. Como lo pasa, la promueve.",
    run: async () => { await sh(["filmoteca etl --data data --store store"], () => { seen.live = until(200); seen.live.catch(() => {}); }); } },
  { text: () => `${seen.live < 1 ? "Menos de un segundo" : es1(seen.live) + " segundos"} después de que termine etl, el servidor ya sirve ${film.titulo}, sin reiniciarse, y la página la encuentra con sus películas parecidas.`,
    run: async () => { seen.live = await seen.live; await lookUp(true); } },
  { text: "ps muestra el mismo proceso, pero readyz ya da la versión nueva.",
    run: async () => { await sh([readyCmd, psCmd]); seen.after = await serving(); } },
]);

step("rollback", "Volver a la versión anterior", [
  { text: "Si algo falla, filmoteca rollback vuelve a la versión anterior, y filmoteca builds lo confirma.",
    run: async () => { await sh(["filmoteca rollback --store store"], () => { seen.gone = until(404); seen.gone.catch(() => {}); }); await sh(["filmoteca builds --store store"]); } },
  { text: `Sin reiniciar el servidor, ${film.titulo} desaparece: readyz vuelve a la primera versión, y las métricas cuentan dos cambios de versión.`,
    run: async () => { seen.gone = await seen.gone; await lookUp(false); await sh([readyCmd, swapsCmd, psCmd]); seen.end = await serving(); } },
]);

step("cierre", "Cierre", [
  { text: "Eso es todo: la página, la API, el análisis exploratorio y el modelo, sobre los mismos datos. Gracias por mirar.",
    run: async () => { await page.goto(base + "/?titulo=Toy%20Story&anio=1995"); await page.locator("#recomendaciones .rec").nth(4).waitFor();
      await sleep(400); await scrollTo("#recomendaciones-titulo", 1500); await sleep(400); await smoothScroll(-2000, 1500); } },
]);

// ---- The voice: one WAV per sentence (espeak-ng, Spanish), synthesized before recording.
function readWav(file) {
  const b = readFileSync(file);
  let off = 12, rate = 22050, data = null;
  while (off + 8 <= b.length) {
    const id = b.toString("ascii", off, off + 4);
    let size = b.readUInt32LE(off + 4);
    if (id === "fmt ") rate = b.readUInt32LE(off + 12);
    if (id === "data") { size = Math.min(size, b.length - off - 8); data = b.subarray(off + 8, off + 8 + size); break; }
    off += 8 + size + (size % 2);
  }
  if (!data) throw new Error(`demo-record: ${file}: no audio data`);
  return { rate, samples: new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length - (data.length % 2))) };
}
let k = 0;
let rate = 22050;
function say(sentence) {
  sentence.wav = `${work}/voice/${String(++k).padStart(3, "0")}.wav`;
  execFileSync("timeout", ["30", "espeak-ng", "-v", "es", "-s", "160", "-w", sentence.wav, sentence.text]);
  const w = readWav(sentence.wav);
  rate = w.rate;
  sentence.audio = w.samples;
  sentence.duration = w.samples.length / w.rate;
}
// A sentence whose text is a function quotes what its scene measured: it is said once the scene ran.
for (const s of steps) for (const sentence of s.sentences) if (typeof sentence.text !== "function") say(sentence);

// ---- The recording: a virtual clock that adds the held pauses to real time.
const frames = []; // { t: epoch seconds, file }
const holds = [];  // { at: epoch seconds, extra: seconds }
let t0 = 0;
let held = 0;
const now = () => Date.now() / 1000;
const vnow = () => now() - t0 + held;
function hold(extra) { if (extra > 0) { holds.push({ at: now(), extra }); held += extra; } }

browser = await launch(["--hide-scrollbars"]);
let cues = [];
const pageErrors = []; // a scene whose script failed shows nothing: that must fail the run
try {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, locale: "es-ES" });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.setContent(card("filmoteca", ["Una API en español sobre The Movies Dataset"]));
  const cdp = await context.newCDPSession(page);
  let n = 0;
  cdp.on("Page.screencastFrame", (f) => {
    const file = `${work}/frames/${String(++n).padStart(6, "0")}.jpg`;
    writeFileSync(file, Buffer.from(f.data, "base64"));
    frames.push({ t: now(), file }); // arrival time: the same clock as the holds
    cdp.send("Page.screencastFrameAck", { sessionId: f.sessionId }).catch(() => {});
  });
  t0 = now();
  await cdp.send("Page.startScreencast", { format: "jpeg", quality: 75, maxWidth: WIDTH, maxHeight: HEIGHT, everyNthFrame: 1 });
  await sleep(300);
  for (const s of steps) {
    s.start = vnow();
    console.log(`step ${s.id} at ${s.start.toFixed(1)} s of video (${frames.length} frames so far)`);
    for (const sentence of s.sentences) {
      sentence.start = vnow();
      if (sentence.run) {
        await sentence.run();
        await sleep(350); // the last paints reach us before a pause holds the screen
      }
      if (typeof sentence.text === "function") { sentence.text = sentence.text(); say(sentence); }
      const elapsed = vnow() - sentence.start;
      hold(sentence.duration + GAP - elapsed);
      sentence.end = vnow();
    }
    s.end = vnow();
  }
  await sleep(200);
  await cdp.send("Page.stopScreencast").catch(() => {});
  await sleep(200);
} finally {
  await browser.close().catch(() => {});
}

if (pageErrors.length) throw new Error(`demo-record: errors in the pages shown: ${pageErrors.join("; ")}`);

// ---- The video's time of each frame, and the concat list (each frame until the next).
const total = vnow() > 0 ? steps[steps.length - 1].end + 0.5 : 0;
const vtime = (t) => t - t0 + holds.filter((h) => h.at <= t).reduce((a, h) => a + h.extra, 0);
const timed = frames.map((f) => ({ file: f.file, v: Math.max(0, vtime(f.t)) })).sort((a, b) => a.v - b.v);
if (timed.length < 2) throw new Error(`demo-record: only ${timed.length} frames captured`);
timed[0].v = 0;
let list = "ffconcat version 1.0\n";
for (let i = 0; i < timed.length; i++) {
  const next = i + 1 < timed.length ? timed[i + 1].v : total;
  const d = Math.max(0.001, next - timed[i].v);
  list += `file '${timed[i].file}'\nduration ${d.toFixed(3)}\n`;
}
list += `file '${timed[timed.length - 1].file}'\n`;
writeFileSync(`${work}/frames.txt`, list);

// ---- The narration track: each sentence's samples at its start.
const pcm = new Int16Array(Math.ceil(total * rate));
for (const s of steps) for (const sentence of s.sentences) pcm.set(sentence.audio.subarray(0, Math.max(0, pcm.length - Math.round(sentence.start * rate))), Math.round(sentence.start * rate));
const header = Buffer.alloc(44);
header.write("RIFF", 0); header.writeUInt32LE(36 + pcm.byteLength, 4); header.write("WAVE", 8);
header.write("fmt ", 12); header.writeUInt32LE(16, 16); header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22);
header.writeUInt32LE(rate, 24); header.writeUInt32LE(rate * 2, 28); header.writeUInt16LE(2, 32); header.writeUInt16LE(16, 34);
header.write("data", 36); header.writeUInt32LE(pcm.byteLength, 40);
writeFileSync(`${work}/narration.wav`, Buffer.concat([header, Buffer.from(pcm.buffer)]));

// ---- Subtitles: one cue per sentence, tagged with its step.
const ts = (x) => { const ms = Math.round(x * 1000); const h = Math.floor(ms / 3600000), m = Math.floor(ms / 60000) % 60, s = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}.${String(ms % 1000).padStart(3, "0")}`; };
// pieces splits a long sentence at its punctuation into parts of at most
// about 90 characters (two subtitle lines), each timed by its length.
function pieces(text) {
  const out = [];
  for (const p of text.split(/(?<=[,:;.])\s+/)) { // punctuation then a space: never inside 2.993 or 7,70
    if (out.length && (out[out.length - 1] + " " + p).length <= 90) out[out.length - 1] += " " + p; else out.push(p);
  }
  return out;
}
let vtt = "WEBVTT\n\n";
let i = 0;
for (const s of steps) {
  for (const sentence of s.sentences) {
    const parts = pieces(sentence.text);
    const chars = parts.reduce((a, p) => a + p.length, 0);
    let at = sentence.start;
    for (const p of parts) {
      const end = at + sentence.duration * p.length / chars;
      cues.push({ step: s.id, start: at, end });
      vtt += `${s.id}-${++i}\n${ts(at)} --> ${ts(end)}\n${p}\n\n`;
      at = end;
    }
  }
}
writeFileSync(`${work}/demo.vtt`, vtt);
writeFileSync(`${work}/steps.json`, JSON.stringify({
  duration: total, frames: timed.length,
  steps: steps.map((s) => ({ id: s.id, title: s.title, start: s.start, end: s.end, sentences: s.sentences.length })),
  lifecycle: { film: film.titulo, before: seen.before, promoted: seen.after, rolledBack: seen.end, liveSeconds: seen.live, goneSeconds: seen.gone },
}, null, 2));
console.log(`demo-record: ${steps.length} steps, ${cues.length} cues, ${timed.length} frames, ${total.toFixed(1)} s of video`);
disarm();
process.exit(0);
