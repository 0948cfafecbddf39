-- title: Valores atípicos: diagramas de caja (escala logarítmica)
-- why: Cada caja va del primer al tercer cuartil, con la mediana dentro; los bigotes llegan al mínimo y al máximo. Se toman solo valores positivos, en log10, para ver juntas variables de escalas muy distintas.
-- chart: boxplot
-- x: variable
-- y: mediana
-- finding: SELECT format('La variable más dispersa es {}: su rango cubre {} órdenes de magnitud (de 10^{} a 10^{}).', arg_max(variable, maximo - minimo), round(max(maximo - minimo), 1), round(arg_max(minimo, maximo - minimo), 1), round(arg_max(maximo, maximo - minimo), 1)) FROM cell
WITH long AS (
    UNPIVOT (SELECT CAST(budget AS DOUBLE) AS budget, CAST(revenue AS DOUBLE) AS revenue, "return",
                    popularity, CAST(vote_count AS DOUBLE) AS vote_count, runtime FROM movies)
    ON budget, revenue, "return", popularity, vote_count, runtime
    INTO NAME variable VALUE value
)
SELECT variable,
       round(log10(min(value)), 3) AS minimo,
       round(log10(quantile_cont(value, 0.25)), 3) AS q1,
       round(log10(median(value)), 3) AS mediana,
       round(log10(quantile_cont(value, 0.75)), 3) AS q3,
       round(log10(max(value)), 3) AS maximo
FROM long
WHERE value > 0
GROUP BY variable
ORDER BY variable
