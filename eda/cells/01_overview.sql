-- title: Vista general del conjunto limpio
-- why: Antes de cualquier análisis: cuántas películas y columnas hay, de qué tipo es cada columna y cuántos valores faltan en cada una.
-- chart: table
-- finding: SELECT format('La tabla movies tiene {} películas y {} columnas; la columna con más valores faltantes es {} ({}% vacía).', (SELECT count(*) FROM movies), count(*), arg_max(column_name, null_percentage), round(max(null_percentage), 1)) FROM (SUMMARIZE movies)
SELECT column_name AS columna, column_type AS tipo, count AS filas,
       round(null_percentage, 2) AS pct_faltantes, approx_unique AS distintos_aprox, min AS minimo, max AS maximo
FROM (SUMMARIZE movies)
