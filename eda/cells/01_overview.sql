-- title: Vista general del conjunto limpio
-- why: Antes de cualquier análisis: cuántas películas y columnas hay, de qué tipo es cada columna, cuántos valores faltan en cada una y entre qué valores se mueven las medidas.
-- chart: table
-- finding: SELECT 'La tabla movies tiene {} películas y {} columnas; la columna con más valores faltantes es {} ({} % vacía). Los estrenos van del {} al {}.', (SELECT count(*) FROM movies), count(*), arg_max(column_name, null_percentage), round(max(null_percentage), 1), (SELECT strftime(min(release_date), '%-d/%-m/%Y') FROM movies), (SELECT strftime(max(release_date), '%-d/%-m/%Y') FROM movies) FROM (SUMMARIZE movies)
SELECT column_name AS columna, column_type AS tipo, count AS filas,
       round(null_percentage, 1) AS "% faltantes", approx_unique AS "distintos (aprox.)",
       -- El rango de cada medida (en identificadores, años, fechas y textos no dice nada útil).
       CASE WHEN column_name IN ('budget', 'revenue', 'return', 'popularity', 'runtime', 'vote_average', 'vote_count')
            THEN round(CAST(min AS DOUBLE), CASE WHEN abs(CAST(min AS DOUBLE)) < 1 THEN 6 ELSE 2 END) END AS mínimo,
       CASE WHEN column_name IN ('budget', 'revenue', 'return', 'popularity', 'runtime', 'vote_average', 'vote_count')
            THEN round(CAST(max AS DOUBLE), CASE WHEN abs(CAST(max AS DOUBLE)) < 1 THEN 6 ELSE 2 END) END AS máximo
FROM (SUMMARIZE movies)
