-- title: Valores atípicos: diagramas de caja (escala logarítmica)
-- why: Cada caja va del primer al tercer cuartil, con la mediana dentro; los bigotes llegan al mínimo y al máximo. Se toman solo valores positivos, en log₁₀ (3 es 1.000; 6, un millón), para ver juntas variables de escalas muy distintas.
-- chart: boxplot
-- x: variable
-- y: mediana
-- finding: SELECT 'La variable más dispersa es {}: su rango cubre {} órdenes de magnitud (su log₁₀ va de {} a {}).', arg_max(variable, máximo - mínimo), round(max(máximo - mínimo), 1), round(arg_max(mínimo, máximo - mínimo), 1), round(arg_max(máximo, máximo - mínimo), 1) FROM cell
WITH long AS (
    UNPIVOT (SELECT CAST(budget AS DOUBLE) AS presupuesto, CAST(revenue AS DOUBLE) AS recaudación, "return" AS retorno,
                    popularity AS popularidad, CAST(vote_count AS DOUBLE) AS votos, runtime AS duración FROM movies)
    ON presupuesto, recaudación, retorno, popularidad, votos, duración
    INTO NAME variable VALUE value
)
SELECT variable,
       round(log10(min(value)), 3) AS mínimo,
       round(log10(quantile_cont(value, 0.25)), 3) AS "primer cuartil",
       round(log10(median(value)), 3) AS mediana,
       round(log10(quantile_cont(value, 0.75)), 3) AS "tercer cuartil",
       round(log10(max(value)), 3) AS máximo
FROM long
WHERE value > 0
GROUP BY variable
ORDER BY variable
