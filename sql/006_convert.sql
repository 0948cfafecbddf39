-- 006_convert: every nested cell of a kept record of movies_dataset.csv and
-- keywords.csv, converted from its Python literal to JSON, one row per
-- (record, field). (credits.csv's cells are step 005's.)
--
-- py_literal_to_json is a Go function registered only during the build: its
-- results are materialised in these TEMP tables and never referenced by a
-- view. A cell that is not a valid literal, or not of the expected shape, is
-- rejected alone: the movie stays, without that field's values. Empty and
-- NaN cells mean "no value" and are not converted.

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

-- What the clean step reads: every accepted cell's JSON.
CREATE TEMP VIEW nested AS
SELECT source, record, id, field, json FROM cells WHERE rejected_raw IS NULL;
