-- title: Colecciones con más películas
-- why: Las sagas (colecciones) son un patrón a estudiar: ¿rinden más las secuelas? Cada colección con el nombre de TMDB sin su «Collection» final.
-- chart: bar
-- x: colección
-- y: películas
-- finding: SELECT 'Hay {} películas en alguna colección; su retorno mediano es {}, frente a {} de las demás (solo películas con presupuesto).', count(*) FILTER (WHERE collection_id IS NOT NULL), round(median("return") FILTER (WHERE collection_id IS NOT NULL AND budget > 0), 2), round(median("return") FILTER (WHERE collection_id IS NULL AND budget > 0), 2) FROM movies
SELECT collection_es(c.name) AS colección, count(*) AS películas
FROM movies m JOIN collections c ON c.id = m.collection_id
GROUP BY c.name
ORDER BY películas DESC, colección
LIMIT 15
