-- 013_cards: what a film's page shows besides its row in movies, computed
-- once here rather than at every server start (the lists' aggregations were
-- most of the time a server took to load a build, and a promoted build must
-- go live within seconds): its genres in Spanish, in TMDB's order; its
-- directors; the first three of its cast, in billing order.

CREATE TABLE movie_cards AS
WITH genres_es AS (
    SELECT mg.movie_id, list(genre_es(g.name) ORDER BY mg.position) AS genres
    FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
    GROUP BY mg.movie_id
),
cast_names AS (
    SELECT movie_id, list(name ORDER BY coalesce(cast_order, 2147483647), position)[1:3] AS main_cast
    FROM movie_cast WHERE name IS NOT NULL GROUP BY movie_id
),
director_names AS (
    SELECT movie_id, list(DISTINCT name ORDER BY name) AS directors
    FROM movie_crew WHERE job = 'Director' AND name IS NOT NULL GROUP BY movie_id
)
SELECT m.id AS movie_id, coalesce(g.genres, []) AS genres_es,
       coalesce(d.directors, []) AS directors, coalesce(c.main_cast, []) AS main_cast
FROM movies m
LEFT JOIN genres_es g ON g.movie_id = m.id
LEFT JOIN director_names d ON d.movie_id = m.id
LEFT JOIN cast_names c ON c.movie_id = m.id
ORDER BY m.id;
COMMENT ON TABLE movie_cards IS 'Per film: its genres in Spanish (TMDB''s order), its directors, the first three of its cast: what its page shows.';
