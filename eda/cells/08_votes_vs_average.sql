-- title: Votos frente a puntuación media
-- why: ¿Las películas más votadas puntúan mejor? La nube muestra la relación (votos en escala logarítmica).
-- chart: scatter
-- x: votos
-- y: puntuación
-- log: x
-- finding: SELECT 'Entre películas con al menos un voto, la correlación de Spearman entre votos y puntuación es {}: las más vistas tienden a puntuar {}.', round(corr(rv, ra), 2), CASE WHEN corr(rv, ra) > 0 THEN 'mejor' ELSE 'peor' END FROM (SELECT rank() OVER (ORDER BY vote_count) AS rv, rank() OVER (ORDER BY vote_average) AS ra FROM movies WHERE vote_count > 0)
SELECT vote_count AS votos, vote_average AS puntuación
FROM movies
WHERE vote_count > 0
ORDER BY id
