-- title: Estrenos por año
-- why: La cantidad de películas crece con el tiempo; conviene saber qué años dominan el conjunto antes de comparar épocas.
-- chart: line
-- x: año
-- y: películas
-- finding: SELECT 'El año con más estrenos es {} ({} películas); la mitad de las películas se estrenó en {} o después.', arg_max(año, películas) AS año, max(películas), (SELECT CAST(median(release_year) AS INTEGER) FROM movies) AS "año mediano" FROM cell
SELECT release_year AS año, count(*) AS películas
FROM movies
GROUP BY 1
ORDER BY 1
