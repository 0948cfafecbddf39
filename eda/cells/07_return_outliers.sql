-- title: Valores atípicos: los mayores retornos
-- why: return = revenue / budget. Los retornos enormes suelen venir de presupuestos diminutos (1 u 8 dólares): no son errores a borrar, sino datos a mirar con cuidado.
-- chart: table
-- finding: SELECT format('{} películas tienen un retorno mayor que 100; la de mayor retorno ({}) declara un presupuesto de {} dólares.', count(*) FILTER (WHERE "return" > 100), arg_max(title, "return"), arg_max(budget, "return")) FROM movies
SELECT title AS titulo, release_year AS anio, budget AS presupuesto, revenue AS recaudacion, round("return", 1) AS retorno
FROM movies
WHERE budget > 0
ORDER BY "return" DESC, id
LIMIT 12
