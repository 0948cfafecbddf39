-- title: Idiomas originales más frecuentes
-- why: El idioma original de cada película (original_language), con su nombre en español (CLDR); uno que CLDR no conoce muestra el nombre que le da TMDB, o su código.
-- chart: bar
-- x: idioma
-- y: películas
-- finding: SELECT 'El {} % de las películas tiene como idioma original «{}»; le sigue «{}».', round(100.0 * max(películas) / sum(películas), 1), arg_max(idioma, películas), (SELECT idioma FROM cell ORDER BY películas DESC, idioma LIMIT 1 OFFSET 1) FROM cell
SELECT language_es(m.original_language) AS idioma, count(*) AS películas
FROM movies m
GROUP BY m.original_language
ORDER BY películas DESC, idioma
LIMIT 15
