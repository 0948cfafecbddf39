-- title: Idiomas originales más frecuentes
-- why: El idioma original de cada película (original_language).
-- chart: bar
-- x: idioma
-- y: peliculas
-- finding: SELECT format('El {}% de las películas tiene como idioma original «{}»; le sigue «{}».', round(100.0 * max(peliculas) / sum(peliculas), 1), arg_max(idioma, peliculas), (SELECT idioma FROM cell ORDER BY peliculas DESC, idioma LIMIT 1 OFFSET 1)) FROM cell
SELECT coalesce(l.name, m.original_language) AS idioma, count(*) AS peliculas
FROM movies m LEFT JOIN languages l ON l.iso_639_1 = m.original_language
GROUP BY 1
ORDER BY peliculas DESC, idioma
LIMIT 15
