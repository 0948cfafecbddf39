-- title: Idiomas originales más frecuentes
-- why: El idioma original de cada película (original_language), con el nombre que le da TMDB; un idioma sin nombre muestra su código.
-- chart: bar
-- x: idioma
-- y: películas
-- finding: SELECT 'El {} % de las películas tiene como idioma original «{}»; le sigue «{}».', round(100.0 * max(películas) / sum(películas), 1), arg_max(idioma, películas), (SELECT idioma FROM cell ORDER BY películas DESC, idioma LIMIT 1 OFFSET 1) FROM cell
SELECT coalesce(nullif(l.name, ''), m.original_language) AS idioma, count(*) AS películas
FROM movies m LEFT JOIN languages l ON l.iso_639_1 = m.original_language
GROUP BY 1
ORDER BY películas DESC, idioma
LIMIT 15
