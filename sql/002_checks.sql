-- 002_checks: decide which records are kept, and convert the nested Python
-- literals to JSON (py_literal_to_json is a Go function registered only during
-- the build; its results are materialised here and never referenced by a view).
--
-- Nothing disappears silently: every rejected record or field lands in
-- rejected_rows with a reason code and a detail sentence.

CREATE TABLE rejected_rows (
    source  VARCHAR NOT NULL,  -- input file
    record  BIGINT  NOT NULL,  -- raw_<source>.record
    id      VARCHAR,           -- the raw id cell
    field   VARCHAR,           -- the column at fault
    reason  VARCHAR NOT NULL,  -- malformed_id, missing_release_date, unparseable_release_date,
                               -- duplicate_id, unknown_movie, invalid_literal, unexpected_shape,
                               -- unparseable_number
    detail  VARCHAR,
    value   VARCHAR            -- the raw cell, for field-level rejections
);

-- An id is valid when it is a plain non-negative integer.
CREATE TEMP MACRO parse_id(raw) AS
    CASE WHEN regexp_full_match(trim(raw), '[0-9]{1,18}') THEN CAST(trim(raw) AS BIGINT) END;

-- Movies: malformed id, then missing or unparseable date, then repeated id
-- (the first valid record of an id is kept).
CREATE TEMP TABLE movie_checks AS
WITH typed AS (
    SELECT record, id AS raw_id, parse_id(id) AS id,
           release_date AS raw_release_date,
           TRY_CAST(trim(release_date) AS DATE) AS release_date
    FROM raw_movies
),
firsts AS (
    SELECT id, min(record) AS first_record
    FROM typed
    WHERE id IS NOT NULL AND release_date IS NOT NULL
    GROUP BY id
)
SELECT t.record, t.raw_id, t.id, t.release_date, t.raw_release_date,
       CASE
           WHEN t.id IS NULL THEN 'malformed_id'
           WHEN nullif(trim(t.raw_release_date), '') IS NULL THEN 'missing_release_date'
           WHEN t.release_date IS NULL THEN 'unparseable_release_date'
           WHEN t.record <> f.first_record THEN 'duplicate_id'
       END AS reason,
       f.first_record
FROM typed t
LEFT JOIN firsts f USING (id);

INSERT INTO rejected_rows
SELECT 'movies_dataset.csv', record, raw_id,
       CASE WHEN reason LIKE '%release_date' THEN 'release_date' ELSE 'id' END,
       reason,
       CASE reason
           WHEN 'malformed_id' THEN 'the id is not an integer; the record''s fields are shifted'
           WHEN 'missing_release_date' THEN 'release_date is empty; the cleaning rules drop the movie'
           WHEN 'unparseable_release_date' THEN 'release_date is not a YYYY-MM-DD date'
           WHEN 'duplicate_id' THEN 'id already kept from record ' || first_record
       END,
       CASE WHEN reason LIKE '%release_date' THEN raw_release_date ELSE raw_id END
FROM movie_checks
WHERE reason IS NOT NULL
ORDER BY record;

-- credits.csv and keywords.csv: malformed id, repeated id, or no kept movie.
CREATE TEMP MACRO side_checks(source_table) AS TABLE
WITH typed AS (
    SELECT record, id AS raw_id, parse_id(id) AS id FROM query_table(source_table)
),
firsts AS (
    SELECT id, min(record) AS first_record FROM typed WHERE id IS NOT NULL GROUP BY id
)
SELECT t.record, t.raw_id, t.id,
       CASE
           WHEN t.id IS NULL THEN 'malformed_id'
           WHEN t.record <> f.first_record THEN 'duplicate_id'
           WHEN t.id NOT IN (SELECT id FROM movie_checks WHERE reason IS NULL) THEN 'unknown_movie'
       END AS reason,
       f.first_record
FROM typed t
LEFT JOIN firsts f USING (id);

CREATE TEMP TABLE credit_checks AS FROM side_checks('raw_credits');
CREATE TEMP TABLE keyword_checks AS FROM side_checks('raw_keywords');

INSERT INTO rejected_rows
SELECT source, record, raw_id, 'id', reason,
       CASE reason
           WHEN 'malformed_id' THEN 'the id is not an integer'
           WHEN 'duplicate_id' THEN 'id already kept from record ' || first_record
           WHEN 'unknown_movie' THEN 'no kept movie has this id'
       END,
       raw_id
FROM (SELECT 'credits.csv' AS source, * FROM credit_checks
      UNION ALL
      SELECT 'keywords.csv', * FROM keyword_checks)
WHERE reason IS NOT NULL
ORDER BY source, record;

-- The first character a cell's JSON must start with: a dict for the
-- collection, a list for every other field. (The JSON is written by our own
-- converter, compact, so its first byte tells its type without parsing it.)
CREATE TEMP MACRO expected_json_start(field) AS
    CASE field WHEN 'belongs_to_collection' THEN '{' ELSE '[' END;

-- Every nested cell of a kept record, one row per (record, field), as JSON.
-- Empty and NaN cells mean "no value" and are not converted.
CREATE TEMP TABLE nested AS
WITH cells AS (
    UNPIVOT (
        SELECT 'movies_dataset.csv' AS source, r.record, c.id,
               r.belongs_to_collection, r.genres, r.production_companies,
               r.production_countries, r.spoken_languages
        FROM raw_movies r JOIN movie_checks c USING (record)
        WHERE c.reason IS NULL
    )
    ON belongs_to_collection, genres, production_companies, production_countries, spoken_languages
    INTO NAME field VALUE raw
    UNION ALL
    UNPIVOT (
        SELECT 'credits.csv' AS source, r.record, c.id, r."cast", r.crew
        FROM raw_credits r JOIN credit_checks c USING (record)
        WHERE c.reason IS NULL
    )
    ON "cast", crew
    INTO NAME field VALUE raw
    UNION ALL
    SELECT 'keywords.csv', r.record, c.id, 'keywords', r.keywords
    FROM raw_keywords r JOIN keyword_checks c USING (record)
    WHERE c.reason IS NULL
)
SELECT source, record, id, field, json,
       -- The raw cell is kept only when it is rejected below (it can be large).
       CASE WHEN json IS NULL OR left(json, 1) <> expected_json_start(field) THEN raw END AS rejected_raw
FROM cells, LATERAL (SELECT py_literal_to_json(raw) AS json)
WHERE raw NOT IN ('', 'NaN', 'nan');

-- A cell that is not a valid literal, or not of the expected shape, is
-- rejected alone: the movie stays, without that field's values.
INSERT INTO rejected_rows
SELECT source, record, CAST(id AS VARCHAR), field,
       CASE WHEN json IS NULL THEN 'invalid_literal' ELSE 'unexpected_shape' END,
       CASE
           WHEN json IS NULL THEN py_literal_error(rejected_raw)
           WHEN field = 'belongs_to_collection' THEN 'expected a dict, found ' || json_type(json)
           ELSE 'expected a list of dicts, found ' || json_type(json)
       END,
       rejected_raw
FROM nested
WHERE rejected_raw IS NOT NULL
ORDER BY source, record, field;

DELETE FROM nested WHERE rejected_raw IS NOT NULL;
ALTER TABLE nested DROP COLUMN rejected_raw;
