-- title: Géneros más frecuentes
-- why: Cada película puede tener varios géneros; contamos películas por género.
-- chart: bar
-- x: genero
-- y: peliculas
-- finding: SELECT format('{} es el género más frecuente: aparece en el {}% de las películas.', arg_max(genero, peliculas), round(100.0 * max(peliculas) / (SELECT count(*) FROM movies), 1)) FROM cell
SELECT g.name AS genero, count(*) AS peliculas
FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
GROUP BY g.name
ORDER BY peliculas DESC, genero
LIMIT 15
