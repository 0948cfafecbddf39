-- title: Matriz de correlación (Spearman)
-- why: La correlación de rangos no se deja engañar por los valores extremos (presupuestos de 1 dólar, taquillas récord) como la de Pearson.
-- chart: heatmap
-- x: variable_a
-- y: variable_b
-- finding: SELECT format('Por rangos, la correlación más fuerte entre dos variables distintas es {} ↔ {} ({}).', arg_max(variable_a, abs(valor)), arg_max(variable_b, abs(valor)), max_by(valor, abs(valor))) FROM cell WHERE variable_a < variable_b
WITH long AS (
    UNPIVOT (SELECT id, CAST(budget AS DOUBLE) AS budget, CAST(revenue AS DOUBLE) AS revenue, popularity,
                    runtime, vote_average, CAST(vote_count AS DOUBLE) AS vote_count FROM movies)
    ON budget, revenue, popularity, runtime, vote_average, vote_count
    INTO NAME var VALUE value
),
ranked AS (
    SELECT id, var, rank() OVER (PARTITION BY var ORDER BY value) AS r FROM long
)
SELECT a.var AS variable_a, b.var AS variable_b, round(corr(a.r, b.r), 2) AS valor
FROM ranked a JOIN ranked b USING (id)
GROUP BY a.var, b.var
ORDER BY a.var, b.var
