-- title: Distribución de la popularidad (escala logarítmica)
-- why: La popularidad de TMDB es muy asimétrica: unas pocas películas concentran casi toda la atención.
-- chart: bar
-- x: popularidad desde
-- y: películas
-- finding: SELECT 'El 10 % más popular de las películas supera una popularidad de {}, mientras que la mediana es {}.', round(quantile_cont(popularity, 0.9), 2), round(median(popularity), 2) FROM movies
SELECT power(10, floor(log10(popularity))) AS "popularidad desde", count(*) AS películas
FROM movies
WHERE popularity > 0
GROUP BY floor(log10(popularity))
ORDER BY floor(log10(popularity))
