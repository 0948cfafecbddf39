-- title: Presupuesto frente a recaudación
-- why: Solo películas con ambos valores informados, en escala logarítmica: ¿gastar más asegura recaudar más?
-- chart: scatter
-- x: presupuesto (dólares)
-- y: recaudación (dólares)
-- log: xy
-- finding: SELECT 'Con ambos valores informados ({} películas), la correlación entre log(presupuesto) y log(recaudación) es {}; el {} % recauda más de lo que costó.', count(*), round(corr(ln(budget), ln(revenue)), 2), round(100.0 * count(*) FILTER (WHERE revenue > budget) / count(*), 1) FROM movies WHERE budget > 0 AND revenue > 0
SELECT budget AS "presupuesto (dólares)", revenue AS "recaudación (dólares)"
FROM movies
WHERE budget > 0 AND revenue > 0
ORDER BY id
