-- title: Distribución del presupuesto (escala logarítmica)
-- why: Los presupuestos van de 1 a cientos de millones de dólares: solo en escala logarítmica se ve su forma. Un presupuesto 0 significa «desconocido».
-- chart: bar
-- x: presupuesto desde (dólares)
-- y: películas
-- finding: SELECT 'El {} % de las películas no informa presupuesto (0); entre las que sí, la mediana es de {} millones de dólares.', round(100.0 * count(*) FILTER (WHERE budget = 0) / count(*), 1), round(median(budget) FILTER (WHERE budget > 0) / 1e6, 1) FROM movies
SELECT CAST(power(10, floor(log10(budget))) AS BIGINT) AS "presupuesto desde (dólares)", count(*) AS películas
FROM movies
WHERE budget > 0
GROUP BY floor(log10(budget))
ORDER BY floor(log10(budget))
