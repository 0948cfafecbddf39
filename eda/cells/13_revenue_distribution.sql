-- title: Distribución de la recaudación (escala logarítmica)
-- why: Como el presupuesto, la recaudación abarca muchos órdenes de magnitud; 0 significa «desconocida».
-- chart: bar
-- x: recaudación desde (dólares)
-- y: películas
-- finding: SELECT 'El {} % de las películas no informa recaudación; entre las que sí, la mediana es de {} millones de dólares.', round(100.0 * count(*) FILTER (WHERE revenue = 0) / count(*), 1), round(median(revenue) FILTER (WHERE revenue > 0) / 1e6, 1) FROM movies
SELECT CAST(power(10, floor(log10(revenue))) AS BIGINT) AS "recaudación desde (dólares)", count(*) AS películas
FROM movies
WHERE revenue > 0
GROUP BY floor(log10(revenue))
ORDER BY floor(log10(revenue))
