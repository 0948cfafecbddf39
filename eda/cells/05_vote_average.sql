-- title: Distribución de la puntuación media (películas con 10 votos o más)
-- why: Con pocos votos el promedio es ruido; filtrando a 10 votos o más se ve cómo puntúa el público.
-- chart: bar
-- x: puntuación
-- y: películas
-- finding: SELECT 'Con 10 votos o más, la puntuación media típica es {} (mediana) y el {} % de las películas queda entre 5 y 7.', round(median(vote_average), 1), round(100.0 * count(*) FILTER (WHERE vote_average BETWEEN 5 AND 7) / count(*), 1) FROM movies WHERE vote_count >= 10
SELECT round(vote_average * 2) / 2 AS puntuación, count(*) AS películas
FROM movies
WHERE vote_count >= 10
GROUP BY round(vote_average * 2) / 2
ORDER BY round(vote_average * 2) / 2
