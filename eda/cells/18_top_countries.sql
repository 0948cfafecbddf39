-- title: Países de producción más frecuentes
-- why: De dónde viene el cine del catálogo.
-- chart: bar
-- x: pais
-- y: peliculas
-- finding: SELECT format('{} participa en el {}% de las películas.', arg_max(pais, peliculas), round(100.0 * max(peliculas) / (SELECT count(*) FROM movies), 1)) FROM cell
SELECT c.name AS pais, count(*) AS peliculas
FROM movie_countries mc JOIN countries c ON c.iso_3166_1 = mc.iso_3166_1
GROUP BY c.name
ORDER BY peliculas DESC, pais
LIMIT 15
