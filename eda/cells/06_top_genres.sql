-- title: Géneros más frecuentes
-- why: Cada película puede tener varios géneros; contamos películas por género.
-- chart: bar
-- x: género
-- y: películas
-- finding: SELECT '{} es el género más frecuente: aparece en el {} % de las películas.', arg_max(género, películas), round(100.0 * max(películas) / (SELECT count(*) FROM movies), 1) FROM cell
SELECT genre_es(g.name) AS género, count(*) AS películas
FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
GROUP BY g.name
ORDER BY películas DESC, género
LIMIT 15
