-- title: Países de producción más frecuentes
-- why: De dónde viene el cine del catálogo; cada país con su nombre en español (CLDR), o el de TMDB si CLDR no lo tiene.
-- chart: bar
-- x: país
-- y: películas
-- finding: SELECT '{} participa en el {} % de las películas.', arg_max(país, películas), round(100.0 * max(películas) / (SELECT count(*) FROM movies), 1) FROM cell
SELECT country_es(mc.iso_3166_1) AS país, count(*) AS películas
FROM movie_countries mc
GROUP BY mc.iso_3166_1
ORDER BY películas DESC, país
LIMIT 15
