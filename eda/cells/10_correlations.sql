-- title: Matriz de correlación (Pearson)
-- why: Una mirada a todas las relaciones lineales entre variables numéricas a la vez; el valor va de -1 a 1.
-- chart: heatmap
-- x: variable_a
-- y: variable_b
-- finding: SELECT format('La correlación más fuerte entre dos variables distintas es {} ↔ {} ({}).', arg_max(variable_a, abs(valor)), arg_max(variable_b, abs(valor)), max_by(valor, abs(valor))) FROM cell WHERE variable_a < variable_b
WITH long AS (
    UNPIVOT (SELECT id, CAST(budget AS DOUBLE) AS budget, CAST(revenue AS DOUBLE) AS revenue, popularity,
                    runtime, vote_average, CAST(vote_count AS DOUBLE) AS vote_count FROM movies)
    ON budget, revenue, popularity, runtime, vote_average, vote_count
    INTO NAME var VALUE value
)
SELECT a.var AS variable_a, b.var AS variable_b, round(corr(a.value, b.value), 2) AS valor
FROM long a JOIN long b USING (id)
GROUP BY a.var, b.var
ORDER BY a.var, b.var
