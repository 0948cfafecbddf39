-- wrk script for scripts/soak.sh: every request picks the next path of a
-- mix of all endpoints, valid and invalid; responses must be 200, 400 or 404.
local paths = {
  "/healthz", "/cantidad_filmaciones_mes/enero", "/cantidad_filmaciones_mes/smarch",
  "/cantidad_filmaciones_dia/s%C3%A1bado", "/cantidad_filmaciones_dia/SABADO",
  "/score_titulo/Toy%20Story", "/score_titulo/Toy%20Stroy", "/votos_titulo/Heat",
  "/votos_titulo/Dracula?anio=1931", "/get_actor/Tom%20Hanks", "/get_actor/Nobody%20Atall",
  "/get_director/John%20Lasseter", "/recomendacion/Toy%20Story", "/recomendacion/Jumanji",
  "/recomendacion/Heat", "/buscar?q=toy", "/buscar?q=", "/score_titulo/%27%3B%20DROP%20TABLE%20movies%3B%20--",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
local unexpected = 0
response = function(status)
  if status ~= 200 and status ~= 400 and status ~= 404 then unexpected = unexpected + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, socket errors (connect %d, read %d, write %d, timeout %d), p99 %.2f ms\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    latency:percentile(99) / 1000))
end
