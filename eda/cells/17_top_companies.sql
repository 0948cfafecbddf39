-- title: Productoras con más películas
-- why: Pocas productoras concentran buena parte del catálogo.
-- chart: bar
-- x: productora
-- y: peliculas
-- finding: SELECT format('{} es la productora con más películas ({}).', arg_max(productora, peliculas), max(peliculas)) FROM cell
SELECT c.name AS productora, count(*) AS peliculas
FROM movie_companies mc JOIN companies c ON c.id = mc.company_id
GROUP BY c.name
ORDER BY peliculas DESC, productora
LIMIT 15
