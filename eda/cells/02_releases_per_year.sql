-- title: Estrenos por año
-- why: La cantidad de películas crece con el tiempo; conviene saber qué años dominan el conjunto antes de comparar épocas.
-- chart: line
-- x: anio
-- y: peliculas
-- finding: SELECT format('El año con más estrenos es {} ({} películas); la mitad de las películas se estrenó en {} o después.', arg_max(anio, peliculas), max(peliculas), (SELECT CAST(median(release_year) AS INTEGER) FROM movies)) FROM cell
SELECT release_year AS anio, count(*) AS peliculas
FROM movies
GROUP BY 1
ORDER BY 1
