-- title: Matriz de correlación (Pearson)
-- why: Una mirada a todas las relaciones lineales entre variables numéricas a la vez; el valor va de -1 a 1.
-- chart: heatmap
-- x: variable A
-- y: variable B
-- finding: SELECT 'La correlación más fuerte entre dos variables distintas es {} ↔ {} ({}).', arg_max("variable A", abs(correlación)), arg_max("variable B", abs(correlación)), max_by(correlación, abs(correlación)) FROM cell WHERE "variable A" < "variable B"
WITH long AS (
    UNPIVOT (SELECT id, CAST(budget AS DOUBLE) AS presupuesto, CAST(revenue AS DOUBLE) AS recaudación,
                    popularity AS popularidad, runtime AS duración, vote_average AS puntuación,
                    CAST(vote_count AS DOUBLE) AS votos FROM movies)
    ON presupuesto, recaudación, popularidad, duración, puntuación, votos
    INTO NAME var VALUE value
)
SELECT a.var AS "variable A", b.var AS "variable B", round(corr(a.value, b.value), 2) AS correlación
FROM long a JOIN long b USING (id)
GROUP BY a.var, b.var
ORDER BY a.var, b.var
