-- 005_convert: every nested cell of a kept record, converted from its Python
-- literal to JSON, one row per (record, field).
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

-- credits.csv in one pass over the file: the cast and crew of kept records
-- converted, and the text of rejected records (field 'record_text') for
-- rejected_rows.
CREATE TEMP TABLE credit_cells AS
WITH records AS (
    SELECT row_number() OVER () AS record, id AS raw_id, "cast", crew
    FROM read_csv(getvariable('credits_path'),
                  header = true, all_varchar = true,
                  delim = ',', quote = '"', escape = '"', null_padding = false)
),
checked AS (
    SELECT r.record, c.id,
           CASE WHEN c.reason IS NULL THEN r."cast" END AS "cast",
           CASE WHEN c.reason IS NULL THEN r.crew END AS crew,
           CASE WHEN c.reason IS NOT NULL THEN CAST(to_json({'cast': r."cast", 'crew': r.crew, 'id': r.raw_id}) AS VARCHAR) END AS record_text
    FROM records r JOIN credit_checks c USING (record)
),
converted AS (
    SELECT record, id, field, raw,
           CASE WHEN field <> 'record_text' THEN py_literal_to_json(raw) END AS json
    FROM (UNPIVOT checked ON "cast", crew, record_text INTO NAME field VALUE raw)
    WHERE raw NOT IN ('', 'NaN', 'nan')
)
SELECT 'credits.csv' AS source, record, id, field, json,
       CASE WHEN field = 'record_text' THEN raw ELSE rejected_raw(field, json, raw) END AS rejected_raw
FROM converted;

INSERT INTO rejected_rows
SELECT 'credits.csv', c.record, c.raw_id, 'id', c.reason, side_detail(c.reason, c.first_record), c.raw_id, t.rejected_raw
FROM credit_checks c
LEFT JOIN credit_cells t ON t.record = c.record AND t.field = 'record_text'
WHERE c.reason IS NOT NULL
ORDER BY c.record;

DELETE FROM credit_cells WHERE field = 'record_text';

CREATE TEMP VIEW cells AS
FROM movie_cells UNION ALL FROM credit_cells UNION ALL FROM keyword_cells;

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

-- What the clean step reads: every accepted cell's JSON.
CREATE TEMP VIEW nested AS
SELECT source, record, id, field, json FROM cells WHERE rejected_raw IS NULL;
