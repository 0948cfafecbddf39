-- 005_features: what the recommender reads about each movie, one row per movie.
-- The Go embeddings module (engine/recommend) turns these rows into the vectors
-- of movie_embeddings, which the build writes after this file.

CREATE VIEW movie_features AS
SELECT m.id,
       m.title,
       m.release_year,
       concat_ws(' ', m.overview, m.tagline) AS text,
       coalesce((SELECT list(g.name ORDER BY mg.position) FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
                 WHERE mg.movie_id = m.id), []) AS genres,
       CAST(m.collection_id AS VARCHAR) AS collection,
       -- the three first-billed actors (TMDB's billing order, else the list's); a person is
       -- their id, or their name when TMDB gives no id
       coalesce((SELECT list(coalesce(CAST(c.person_id AS VARCHAR), c.name) ORDER BY c.billing)
                 FROM (SELECT *, row_number() OVER (ORDER BY cast_order NULLS LAST, position) AS billing
                       FROM movie_cast WHERE movie_id = m.id) c
                 WHERE c.billing <= 3), []) AS top_cast,
       coalesce((SELECT list(DISTINCT coalesce(CAST(c.person_id AS VARCHAR), c.name))
                 FROM movie_crew c WHERE c.movie_id = m.id AND c.job = 'Director'), []) AS directors,
       coalesce((SELECT list(CAST(mc.company_id AS VARCHAR) ORDER BY mc.position) FROM movie_companies mc
                 WHERE mc.movie_id = m.id AND mc.position <= 3), []) AS companies,
       m.original_language AS language,
       CAST(10 * (m.release_year // 10) AS VARCHAR) || 's' AS era,
       coalesce((SELECT list(CAST(mk.keyword_id AS VARCHAR)) FROM movie_keywords mk
                 WHERE mk.movie_id = m.id), []) AS keywords,
       coalesce(m.vote_count, 0) AS vote_count
FROM movies m;
