-- 013_cards: what a film's page shows besides its row in movies, computed
-- once here rather than at every server start (the lists' aggregations were
-- most of the time a server took to load a build, and a promoted build must
-- go live within seconds): its genres in Spanish, in TMDB's order; its
-- directors; the first three of its cast, in billing order. Each list is
-- made on its own, then joined: the three at once do not fit the build's
-- memory limit on the 4× benchmark set.

CREATE TEMP TABLE card_genres AS
SELECT mg.movie_id, list(genre_es(g.name) ORDER BY mg.position) AS genres_es
FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
GROUP BY mg.movie_id;

CREATE TEMP TABLE card_directors AS
SELECT movie_id, list(DISTINCT name ORDER BY name) AS directors
FROM movie_crew WHERE job = 'Director' AND name IS NOT NULL
GROUP BY movie_id;

-- The three first by billing, then by place in the list: a top 3 per film,
-- never the whole cast sorted.
CREATE TEMP TABLE card_cast AS
SELECT movie_id, arg_min(name, (coalesce(cast_order, 2147483647), position), 3) AS main_cast
FROM movie_cast WHERE name IS NOT NULL
GROUP BY movie_id;

CREATE TABLE movie_cards AS
SELECT m.id AS movie_id, coalesce(g.genres_es, []) AS genres_es,
       coalesce(d.directors, []) AS directors, coalesce(c.main_cast, []) AS main_cast
FROM movies m
LEFT JOIN card_genres g ON g.movie_id = m.id
LEFT JOIN card_directors d ON d.movie_id = m.id
LEFT JOIN card_cast c ON c.movie_id = m.id
ORDER BY m.id;
COMMENT ON TABLE movie_cards IS 'Per film: its genres in Spanish (TMDB''s order), its directors, the first three of its cast: what its page shows.';

DROP TABLE card_genres;
DROP TABLE card_directors;
DROP TABLE card_cast;
