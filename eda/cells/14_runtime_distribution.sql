-- title: Distribución de la duración
-- why: La duración en minutos, en tramos de 10; una duración 0 es un dato faltante, no un cortometraje.
-- chart: bar
-- x: duración (minutos)
-- y: películas
-- finding: SELECT 'La duración mediana es de {} minutos; {} películas declaran 0 minutos y {} más de 180.', median(runtime) FILTER (WHERE runtime > 0), count(*) FILTER (WHERE runtime = 0), count(*) FILTER (WHERE runtime > 180) FROM movies
SELECT format('{}–{}', CAST(10 * floor(runtime / 10) AS INTEGER), CAST(10 * floor(runtime / 10) + 9 AS INTEGER)) AS "duración (minutos)", count(*) AS películas
FROM movies
WHERE runtime > 0 AND runtime <= 240
GROUP BY floor(runtime / 10)
ORDER BY floor(runtime / 10)
