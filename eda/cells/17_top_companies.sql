-- title: Productoras con más películas
-- why: Pocas productoras concentran buena parte del catálogo.
-- chart: bar
-- x: productora
-- y: películas
-- finding: SELECT '{} es la productora con más películas ({}).', arg_max(productora, películas), max(películas) FROM cell
SELECT c.name AS productora, count(*) AS películas
FROM movie_companies mc JOIN companies c ON c.id = mc.company_id
GROUP BY c.name
ORDER BY películas DESC, productora
LIMIT 15
