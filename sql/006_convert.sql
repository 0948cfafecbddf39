-- 005_convert: every nested cell of a kept record, converted from its Python
-- literal to JSON, one row per (record, field); the credits, parsed too.
--
-- py_literal_to_json is a Go function registered only during the build: its
-- results are materialised in these TEMP tables and never referenced by a
-- view. A cell that is not a valid literal, or not of the expected shape, is
-- rejected alone: the movie stays, without that field's values. Empty and
-- NaN cells mean "no value" and are not converted.

-- The first character a cell's JSON must start with: a dict for the
-- collection, a list for every other field. (The JSON is written by our own
-- converter, compact, so its first byte tells its type without parsing it.)
CREATE TEMP MACRO expected_json_start(field) AS
    CASE field WHEN 'belongs_to_collection' THEN '{' ELSE '[' END;

-- The raw cell, kept only when its conversion is rejected (cells can be large).
CREATE TEMP MACRO rejected_raw(field, json, raw) AS
    CASE WHEN json IS NULL OR left(json, 1) <> expected_json_start(field) THEN raw END;

CREATE TEMP TABLE movie_cells AS
SELECT 'movies_dataset.csv' AS source, record, id, field, json, rejected_raw(field, json, raw) AS rejected_raw
FROM (
    UNPIVOT (
        SELECT r.record, c.id,
               r.belongs_to_collection, r.genres, r.production_companies,
               r.production_countries, r.spoken_languages
        FROM movie_records r JOIN movie_checks c USING (record)
        WHERE c.reason IS NULL
    )
    ON belongs_to_collection, genres, production_companies, production_countries, spoken_languages
    INTO NAME field VALUE raw
), LATERAL (SELECT py_literal_to_json(raw) AS json)
WHERE raw NOT IN ('', 'NaN', 'nan');

CREATE TEMP TABLE keyword_cells AS
SELECT 'keywords.csv' AS source, k.record, c.id, 'keywords' AS field, json, rejected_raw('keywords', json, k.keywords) AS rejected_raw
FROM keyword_records k JOIN keyword_checks c USING (record),
     LATERAL (SELECT py_literal_to_json(k.keywords) AS json)
WHERE c.reason IS NULL AND k.keywords NOT IN ('', 'NaN', 'nan');

-- credits.csv, the large file, in one pass: for each kept record, its cast
-- and crew converted and parsed into lists of structs; a cell that cannot
-- be converted, or is not a list, keeps its raw text and what it was
-- instead; a rejected record keeps its whole text.
CREATE TEMP TABLE credit_lists AS
WITH records AS (
    SELECT row_number() OVER () AS record, id AS raw_id, "cast", crew
    FROM read_csv(getvariable('credits_path'),
                  header = true, all_varchar = true,
                  delim = ',', quote = '"', escape = '"', null_padding = false)
),
converted AS (
    -- Semi-joins, not a join: their small side (the checks) is the one
    -- held in memory, whatever DuckDB estimates of the file.
    SELECT record, raw_id, "cast", crew,
           record IN (SELECT record FROM credit_checks WHERE reason IS NULL) AS kept
    FROM records
),
cells AS (
    SELECT record, parse_id(raw_id) AS id, kept, raw_id, "cast", crew,
           CASE WHEN kept AND "cast" NOT IN ('', 'NaN', 'nan') THEN py_literal_to_json("cast") END AS cast_json,
           CASE WHEN kept AND crew NOT IN ('', 'NaN', 'nan') THEN py_literal_to_json(crew) END AS crew_json
    FROM converted
)
SELECT record, id,
       CASE WHEN left(cast_json, 1) = '[' THEN
           from_json(cast_json, '[{"id":"BIGINT","name":"VARCHAR","character":"VARCHAR","order":"INTEGER",
                                   "gender":"INTEGER","credit_id":"VARCHAR","cast_id":"INTEGER"}]')
       END AS cast_list,
       CASE WHEN left(crew_json, 1) = '[' THEN
           from_json(crew_json, '[{"id":"BIGINT","name":"VARCHAR","job":"VARCHAR","department":"VARCHAR",
                                   "gender":"INTEGER","credit_id":"VARCHAR"}]')
       END AS crew_list,
       CASE WHEN kept AND "cast" NOT IN ('', 'NaN', 'nan') THEN rejected_raw('cast', cast_json, "cast") END AS cast_rejected,
       CASE WHEN left(cast_json, 1) <> '[' THEN json_type(cast_json) END AS cast_found,
       CASE WHEN kept AND crew NOT IN ('', 'NaN', 'nan') THEN rejected_raw('crew', crew_json, crew) END AS crew_rejected,
       CASE WHEN left(crew_json, 1) <> '[' THEN json_type(crew_json) END AS crew_found,
       CASE WHEN NOT kept THEN CAST(to_json({'cast': "cast", 'crew': crew, 'id': raw_id}) AS VARCHAR) END AS record_text
FROM cells;

INSERT INTO rejected_rows
SELECT 'credits.csv', c.record, c.raw_id, 'id', c.reason, side_detail(c.reason, c.first_record), c.raw_id, l.record_text
FROM credit_checks c
JOIN credit_lists l USING (record)
WHERE c.reason IS NOT NULL
ORDER BY c.record;

INSERT INTO rejected_rows
SELECT 'credits.csv', record, CAST(id AS VARCHAR), field,
       CASE WHEN found IS NULL THEN 'invalid_literal' ELSE 'unexpected_shape' END,
       CASE WHEN found IS NULL THEN py_literal_error(raw) ELSE 'expected a list of dicts, found ' || found END,
       raw, NULL
FROM (
    SELECT record, id, 'cast' AS field, cast_rejected AS raw, cast_found AS found FROM credit_lists WHERE cast_rejected IS NOT NULL
    UNION ALL
    SELECT record, id, 'crew', crew_rejected, crew_found FROM credit_lists WHERE crew_rejected IS NOT NULL
)
ORDER BY record, field;

CREATE TEMP VIEW cells AS
FROM movie_cells UNION ALL FROM keyword_cells;

INSERT INTO rejected_rows
SELECT source, record, CAST(id AS VARCHAR), field,
       CASE WHEN json IS NULL THEN 'invalid_literal' ELSE 'unexpected_shape' END,
       CASE
           WHEN json IS NULL THEN py_literal_error(rejected_raw)
           WHEN field = 'belongs_to_collection' THEN 'expected a dict, found ' || json_type(json)
           ELSE 'expected a list of dicts, found ' || json_type(json)
       END,
       rejected_raw, NULL
FROM cells
WHERE rejected_raw IS NOT NULL
ORDER BY source, record, field;

-- What the clean step reads: every accepted cell's JSON (the credits' lists
-- are in credit_lists).
CREATE TEMP VIEW nested AS
SELECT source, record, id, field, json FROM cells WHERE rejected_raw IS NULL;
