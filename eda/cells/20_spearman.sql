-- title: Matriz de correlación (Spearman)
-- why: La correlación de rangos no se deja engañar por los valores extremos (presupuestos de 1 dólar, taquillas récord) como la de Pearson.
-- chart: heatmap
-- x: variable A
-- y: variable B
-- finding: SELECT 'Por rangos, la correlación más fuerte entre dos variables distintas es {} ↔ {} ({}).', arg_max("variable A", abs(correlación)), arg_max("variable B", abs(correlación)), max_by(correlación, abs(correlación)) FROM cell WHERE "variable A" < "variable B"
WITH long AS (
    UNPIVOT (SELECT id, CAST(budget AS DOUBLE) AS presupuesto, CAST(revenue AS DOUBLE) AS recaudación,
                    popularity AS popularidad, runtime AS duración, vote_average AS puntuación,
                    CAST(vote_count AS DOUBLE) AS votos FROM movies)
    ON presupuesto, recaudación, popularidad, duración, puntuación, votos
    INTO NAME var VALUE value
),
ranked AS (
    SELECT id, var, rank() OVER (PARTITION BY var ORDER BY value) AS r FROM long
)
SELECT a.var AS "variable A", b.var AS "variable B", round(corr(a.r, b.r), 2) AS correlación
FROM ranked a JOIN ranked b USING (id)
GROUP BY a.var, b.var
ORDER BY a.var, b.var
