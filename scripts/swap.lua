-- wrk script for scripts/swap-test.sh and scripts/replicas-test.sh: every
-- request picks the next path of a mix of all endpoints, each of a film or
-- person every build has; any answer but 200 counts as failed. At the end
-- it prints one line of keys and values:
--   result requests N not200 N connect N read N write N timeout N status N
--          p50_ms X p99_ms X max_ms X seconds X
local threads = {}
setup = function(thread) table.insert(threads, thread) end

local paths = {
  "/cantidad_filmaciones_mes/enero", "/cantidad_filmaciones_dia/s%C3%A1bado",
  "/score_titulo/Jumanji", "/votos_titulo/Heat", "/votos_titulo/Dracula?anio=1931",
  "/get_actor/Tom%20Hanks", "/get_director/John%20Lasseter", "/recomendacion/Jumanji",
  "/recomendacion/Heat", "/recomendacion/GoldenEye", "/buscar?q=heat", "/resumen",
  "/healthz", "/readyz",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
not200 = 0 -- global: done reads it from each thread
response = function(status)
  if status ~= 200 then not200 = not200 + 1 end
end
done = function(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("not200") end
  local e = summary.errors
  io.write(string.format("result requests %d not200 %d connect %d read %d write %d timeout %d status %d p50_ms %.2f p99_ms %.2f max_ms %.2f seconds %.2f\n",
    summary.requests, bad, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.duration / 1e6))
end
