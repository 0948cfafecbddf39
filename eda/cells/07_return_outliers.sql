-- title: Valores atípicos: los mayores retornos
-- why: El retorno es la recaudación dividida entre el presupuesto. Los retornos enormes suelen venir de presupuestos diminutos (1 u 8 dólares): no son errores a borrar, sino datos a mirar con cuidado.
-- chart: table
-- finding: SELECT 'Hay {} películas con un retorno mayor que 100; la de mayor retorno ({}) declara un presupuesto de {} {}.', count(*) FILTER (WHERE "return" > 100), arg_max(title, "return"), arg_max(budget, "return"), CASE arg_max(budget, "return") WHEN 1 THEN 'dólar' ELSE 'dólares' END FROM movies
SELECT title AS título, release_year AS año, budget AS "presupuesto (dólares)", revenue AS "recaudación (dólares)", round("return", 1) AS retorno
FROM movies
WHERE budget > 0
ORDER BY "return" DESC, id
LIMIT 12
