-- 010_features: what the recommender reads about each movie, one row per
-- movie, and the names of the features it compares movies by. The Go
-- embeddings module (engine/recommend) turns these rows into the vectors of
-- movie_embeddings, which the build writes after step 011.
--
-- A person is their TMDB id, or their name when the data gives no id.

CREATE TEMP MACRO person_key(person_id, name) AS coalesce(CAST(person_id AS VARCHAR), name);

-- The lists of each movie, one statement each: an aggregate's per-movie
-- lists stay in memory until its statement ends (they cannot spill), so
-- five in one statement would hold them all at once.
CREATE TEMP TABLE genre_lists AS
SELECT mg.movie_id, list(g.name ORDER BY mg.position) AS genres
FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
GROUP BY mg.movie_id;

-- the three first in TMDB's billing order, else the list's
CREATE TEMP TABLE cast_lists AS
SELECT movie_id,
       arg_min(person_key(person_id, name), (coalesce(cast_order, 2147483647), position), 3) AS top_cast
FROM movie_cast
GROUP BY movie_id;

CREATE TEMP TABLE director_lists AS
SELECT movie_id, list(DISTINCT person_key(person_id, name) ORDER BY person_key(person_id, name)) AS directors
FROM movie_crew WHERE job = 'Director'
GROUP BY movie_id;

CREATE TEMP TABLE company_lists AS
SELECT movie_id, list(CAST(company_id AS VARCHAR) ORDER BY position) AS companies
FROM movie_companies WHERE position <= 3
GROUP BY movie_id;

CREATE TEMP TABLE keyword_lists AS
SELECT movie_id, list(CAST(keyword_id AS VARCHAR) ORDER BY position) AS keywords
FROM movie_keywords
GROUP BY movie_id;

-- Joined, then sorted in a statement of its own: the joins' tables and
-- the sort's runs are not in memory at once.
CREATE TEMP TABLE unsorted_features AS
SELECT m.id,
       m.title,
       m.release_year,
       concat_ws(' ', m.overview, m.tagline) AS text,
       coalesce(g.genres, []) AS genres,
       CAST(m.collection_id AS VARCHAR) AS collection,
       coalesce(c.top_cast, []) AS top_cast,
       coalesce(d.directors, []) AS directors,
       coalesce(p.companies, []) AS companies,
       m.original_language AS language,
       CAST(10 * (m.release_year // 10) AS VARCHAR) || 's' AS era,
       coalesce(k.keywords, []) AS keywords,
       coalesce(m.vote_count, 0) AS vote_count,
       coalesce(m.vote_average, 0) AS vote_average
FROM movies m
LEFT JOIN genre_lists g ON g.movie_id = m.id
LEFT JOIN cast_lists c ON c.movie_id = m.id
LEFT JOIN director_lists d ON d.movie_id = m.id
LEFT JOIN company_lists p ON p.movie_id = m.id
LEFT JOIN keyword_lists k ON k.movie_id = m.id;

CREATE TABLE movie_features AS FROM unsorted_features ORDER BY id;
COMMENT ON TABLE movie_features IS 'What the recommender reads about each movie (ids of people, companies and keywords).';

-- The readable name of each feature value movie_features holds, by group:
-- what the API's recommendation reasons (motivos) name.
CREATE TABLE feature_names AS
SELECT 'collection' AS feature_group, CAST(id AS VARCHAR) AS value, name FROM collections
UNION ALL
SELECT 'person', person_key(person_id, name), first(name ORDER BY movie_id, position)
FROM (SELECT person_id, name, movie_id, position FROM movie_cast
      UNION ALL
      SELECT person_id, name, movie_id, position FROM movie_crew WHERE job = 'Director')
GROUP BY person_key(person_id, name)
UNION ALL
SELECT 'company', CAST(id AS VARCHAR), name FROM companies
UNION ALL
SELECT 'keyword', CAST(id AS VARCHAR), name FROM keywords
UNION ALL
SELECT 'language', iso_639_1, name FROM languages;
COMMENT ON TABLE feature_names IS 'The name of each collection, person, company, keyword and language id movie_features uses.';
