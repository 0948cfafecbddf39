-- wrk script for scripts/swap-test.sh: every request picks the next path of
-- a mix of all endpoints, each of a film or person every build has; any
-- answer but 200 counts as failed.
local threads = {}
setup = function(thread) table.insert(threads, thread) end

local paths = {
  "/cantidad_filmaciones_mes/enero", "/cantidad_filmaciones_dia/s%C3%A1bado",
  "/score_titulo/Jumanji", "/votos_titulo/Heat", "/votos_titulo/Dracula?anio=1931",
  "/get_actor/Tom%20Hanks", "/get_director/John%20Lasseter", "/recomendacion/Jumanji",
  "/recomendacion/Heat", "/recomendacion/GoldenEye", "/buscar?q=heat", "/resumen",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
failed = 0 -- global: done reads it from each thread
response = function(status)
  if status ~= 200 then failed = failed + 1 end
end
done = function(summary, latency, requests)
  local f = 0
  for _, t in ipairs(threads) do f = f + t:get("failed") end
  io.write(string.format("requests %d, failed %d, socket errors %d, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, f, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
