-- title: Países de producción más frecuentes
-- why: De dónde viene el cine del catálogo.
-- chart: bar
-- x: país
-- y: películas
-- finding: SELECT '{} participa en el {} % de las películas.', arg_max(país, películas), round(100.0 * max(películas) / (SELECT count(*) FROM movies), 1) FROM cell
SELECT c.name AS país, count(*) AS películas
FROM movie_countries mc JOIN countries c ON c.iso_3166_1 = mc.iso_3166_1
GROUP BY c.name
ORDER BY películas DESC, país
LIMIT 15
