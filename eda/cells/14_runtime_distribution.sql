-- title: Distribución de la duración
-- why: La duración en minutos, en tramos de 10; una duración 0 es un dato faltante, no un cortometraje.
-- chart: bar
-- x: minutos_desde
-- y: peliculas
-- finding: SELECT format('La duración mediana es de {} minutos; {} películas declaran 0 minutos y {} más de 180.', median(runtime) FILTER (WHERE runtime > 0), count(*) FILTER (WHERE runtime = 0), count(*) FILTER (WHERE runtime > 180)) FROM movies
SELECT CAST(CAST(10 * floor(runtime / 10) AS INTEGER) AS VARCHAR) AS minutos_desde, count(*) AS peliculas
FROM movies
WHERE runtime > 0 AND runtime <= 240
GROUP BY floor(runtime / 10)
ORDER BY floor(runtime / 10)
