-- 007_clean: the clean, normalised tables, one row per TMDB id (movie_cast
-- and movie_crew are step 005's).
--
-- Cleaning rules: revenue and budget missing -> 0; dates are DATE
-- (YYYY-MM-DD); release_year added; return = revenue / budget, 0 when budget
-- is 0; video, imdb_id, adult, original_title, poster_path and homepage are
-- left out. Other numbers that do not parse become NULL (and are logged).

-- A number written as text ("81.0", "1e6"), or NULL when it does not parse
-- or is not finite (NaN, inf).
CREATE TEMP MACRO to_double(raw) AS
    CASE WHEN isfinite(TRY_CAST(trim(raw) AS DOUBLE)) THEN TRY_CAST(trim(raw) AS DOUBLE) END;

-- A whole number written as text ("30000000", "81.0"), or NULL when it does
-- not parse or does not fit in BIGINT.
CREATE TEMP MACRO to_bigint(raw) AS TRY_CAST(to_double(raw) AS BIGINT);

CREATE TEMP TABLE kept_movies AS
SELECT r.*, c.id AS movie_id, c.release_date AS clean_release_date
FROM movie_records r JOIN movie_checks c USING (record)
WHERE c.reason IS NULL;

INSERT INTO rejected_rows
SELECT 'movies_dataset.csv', record, CAST(movie_id AS VARCHAR), field, 'unparseable_number',
       field || ' is not a number; stored as ' || CASE WHEN field IN ('budget', 'revenue') THEN '0' ELSE 'NULL' END,
       raw, NULL
FROM (
    UNPIVOT (SELECT record, movie_id, budget, revenue, popularity, runtime, vote_average, vote_count FROM kept_movies)
    ON budget, revenue, popularity, runtime, vote_average, vote_count
    INTO NAME field VALUE raw
)
WHERE trim(raw) NOT IN ('', 'NaN', 'nan')
  AND (to_double(raw) IS NULL OR (field IN ('budget', 'revenue', 'vote_count') AND to_bigint(raw) IS NULL))
ORDER BY record, field;

-- The collection each movie belongs to (at most one).
CREATE TEMP TABLE movie_collection AS
SELECT id AS movie_id, record,
       from_json(json, '{"id":"BIGINT","name":"VARCHAR","poster_path":"VARCHAR","backdrop_path":"VARCHAR"}') AS c
FROM nested
WHERE field = 'belongs_to_collection';

CREATE TABLE movies AS
WITH typed AS (
    SELECT k.record, k.movie_id AS id, k.title, k.original_language, k.overview, k.tagline, k.status,
           to_double(k.popularity) AS popularity,
           to_double(k.runtime) AS runtime,
           coalesce(to_bigint(k.budget), 0) AS budget,
           coalesce(to_bigint(k.revenue), 0) AS revenue,
           k.clean_release_date AS release_date,
           to_double(k.vote_average) AS vote_average,
           to_bigint(k.vote_count) AS vote_count,
           mc.c.id AS collection_id
    FROM kept_movies k
    LEFT JOIN movie_collection mc ON mc.record = k.record
)
SELECT id, title, original_language, overview, tagline, status,
       release_date,
       CAST(year(release_date) AS INTEGER) AS release_year,
       budget, revenue,
       CASE WHEN budget > 0 THEN revenue / budget ELSE 0 END AS "return",
       popularity, runtime, vote_average, vote_count, collection_id
FROM typed
ORDER BY record;

-- The titles a film is found by besides its own: its original title when it
-- differs (La vita è bella, もののけ姫). The clean movies table leaves
-- original_title out, as the brief asks; search needs it.
CREATE TABLE movie_original_titles AS
SELECT movie_id, trim(original_title) AS original_title
FROM kept_movies
WHERE nullif(trim(original_title), '') IS NOT NULL AND trim(original_title) IS DISTINCT FROM trim(title)
ORDER BY movie_id;
COMMENT ON TABLE movie_original_titles IS 'Each film''s original title, where it differs from its title: what search also matches.';

CREATE TABLE collections AS
SELECT c.id, arg_min(c.name, record) AS name,
       arg_min(c.poster_path, record) AS poster_path,
       arg_min(c.backdrop_path, record) AS backdrop_path
FROM movie_collection
WHERE c.id IS NOT NULL
GROUP BY c.id
ORDER BY c.id;

-- One row per element of a list field: the movie, the element's 1-based
-- position in the list, the element typed by `shape` (a from_json shape) and
-- its key (the field `key_name`), NULL when the element is not a dict or has
-- no key.
CREATE TEMP MACRO items(field_name, shape, key_name) AS TABLE
SELECT source, field_name AS field, key_name AS key_name, movie_id, record, position, item,
       struct_extract(item, key_name) AS key
FROM (
    SELECT source, movie_id, record, generate_subscripts(l, 1) AS position, unnest(l) AS item
    FROM (
        SELECT source, id AS movie_id, record, from_json(json, shape) AS l
        FROM nested
        WHERE field = field_name
    )
);

CREATE TEMP TABLE genre_items AS FROM items('genres', '[{"id":"BIGINT","name":"VARCHAR"}]', 'id');
CREATE TEMP TABLE company_items AS FROM items('production_companies', '[{"id":"BIGINT","name":"VARCHAR"}]', 'id');
CREATE TEMP TABLE country_items AS FROM items('production_countries', '[{"iso_3166_1":"VARCHAR","name":"VARCHAR"}]', 'iso_3166_1');
CREATE TEMP TABLE language_items AS FROM items('spoken_languages', '[{"iso_639_1":"VARCHAR","name":"VARCHAR"}]', 'iso_639_1');
CREATE TEMP TABLE keyword_items AS FROM items('keywords', '[{"id":"BIGINT","name":"VARCHAR"}]', 'id');
INSERT INTO rejected_rows
SELECT * EXCLUDE (position)
FROM (
    FROM element_rejections('genre_items')
    UNION ALL FROM element_rejections('company_items')
    UNION ALL FROM element_rejections('country_items')
    UNION ALL FROM element_rejections('language_items')
    UNION ALL FROM element_rejections('keyword_items')
)
ORDER BY source, record, field, position;

-- An entity table (genres, companies, …): each key once, with the name of
-- its first appearance.
CREATE TEMP MACRO entities(items_table) AS TABLE
SELECT key, arg_min(item.name, (record, position)) AS name
FROM query_table(items_table) WHERE key IS NOT NULL GROUP BY key ORDER BY key;

-- A link table (movie_genres, …): the movie, the key and its place in the list.
CREATE TEMP MACRO links(items_table) AS TABLE
SELECT movie_id, key, position
FROM query_table(items_table) WHERE key IS NOT NULL ORDER BY record, position;

CREATE TABLE genres AS SELECT key AS id, name FROM entities('genre_items');
CREATE TABLE movie_genres AS SELECT movie_id, key AS genre_id, position FROM links('genre_items');
CREATE TABLE companies AS SELECT key AS id, name FROM entities('company_items');
CREATE TABLE movie_companies AS SELECT movie_id, key AS company_id, position FROM links('company_items');
CREATE TABLE countries AS SELECT key AS iso_3166_1, name FROM entities('country_items');
CREATE TABLE movie_countries AS SELECT movie_id, key AS iso_3166_1, position FROM links('country_items');
CREATE TABLE languages AS SELECT key AS iso_639_1, name FROM entities('language_items');
CREATE TABLE movie_languages AS SELECT movie_id, key AS iso_639_1, position FROM links('language_items');
CREATE TABLE keywords AS SELECT key AS id, name FROM entities('keyword_items');
CREATE TABLE movie_keywords AS SELECT movie_id, key AS keyword_id, position FROM links('keyword_items');
