-- title: Distribución de la recaudación (escala logarítmica)
-- why: Como el presupuesto, la recaudación abarca muchos órdenes de magnitud; 0 significa «desconocida».
-- chart: bar
-- x: recaudacion_desde
-- y: peliculas
-- finding: SELECT format('{}% de las películas no informa recaudación; entre las que sí, la mediana es de {} dólares.', round(100.0 * count(*) FILTER (WHERE revenue = 0) / count(*), 1), CAST(median(revenue) FILTER (WHERE revenue > 0) AS BIGINT)) FROM movies
SELECT format('{:,}', CAST(power(10, floor(log10(revenue))) AS BIGINT)) AS recaudacion_desde, count(*) AS peliculas
FROM movies
WHERE revenue > 0
GROUP BY floor(log10(revenue))
ORDER BY floor(log10(revenue))
