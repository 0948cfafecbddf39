-- title: Distribución del presupuesto (escala logarítmica)
-- why: Los presupuestos van de 1 a cientos de millones de dólares: solo en escala logarítmica se ve su forma. Un presupuesto 0 significa «desconocido».
-- chart: bar
-- x: presupuesto_desde
-- y: peliculas
-- finding: SELECT format('{}% de las películas no informa presupuesto (0); entre las que sí, la mediana es de {} dólares.', round(100.0 * count(*) FILTER (WHERE budget = 0) / count(*), 1), CAST(median(budget) FILTER (WHERE budget > 0) AS BIGINT)) FROM movies
SELECT format('{:,}', CAST(power(10, floor(log10(budget))) AS BIGINT)) AS presupuesto_desde, count(*) AS peliculas
FROM movies
WHERE budget > 0
GROUP BY floor(log10(budget))
ORDER BY floor(log10(budget))
