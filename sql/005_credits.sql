-- concurrent: until 008
-- 005_credits: credits.csv, the largest input, from its records to the clean
-- tables movie_cast and movie_crew.
--
-- This step runs on a connection of its own while steps 006 and 007 (the
-- movies' cells and tables, which do not need credits) go on; the build
-- waits for it before step 008. Its TEMP tables belong to its connection;
-- credit_lists is in `etl_scratch` for etl --keep-raw (step 008).

-- The records' ids: malformed, repeated, or of no kept movie (step 004).
CREATE TEMP TABLE credit_ids AS
SELECT row_number() OVER () AS record, list_position(getvariable('credits_paths'), filename) AS part,
       getvariable('credits_files')[part] AS file, id
FROM read_csv(getvariable('credits_paths'),
              header = true, all_varchar = true, filename = true,
              delim = ',', quote = '"', escape = '"', null_padding = false,
              buffer_size = 4194304, max_line_size = 2097152);

INSERT INTO etl_scratch.input_files FROM files_of('credits.csv', getvariable('credits_files'), 'credit_ids');

CREATE TEMP TABLE credit_checks AS FROM side_checks('credit_ids');

-- The file again, in one pass: for each kept record, its cast and crew
-- converted and parsed into lists of structs; a cell that cannot be
-- converted, or is not a list, keeps its raw text and what it was instead;
-- a rejected record keeps its whole text. py_literal_to_json is a Go
-- function registered only during the build (see step 006).
CREATE TABLE etl_scratch.credit_lists AS
WITH records AS (
    SELECT row_number() OVER () AS record, id AS raw_id, "cast", crew
    FROM read_csv(getvariable('credits_paths'),
                  header = true, all_varchar = true,
                  delim = ',', quote = '"', escape = '"', null_padding = false,
                  buffer_size = 4194304, max_line_size = 2097152)
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
SELECT 'credits.csv', c.record, c.raw_id, 'id', c.reason, side_detail('credits.csv', c.reason, c.kept_record), c.raw_id, l.record_text
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

-- One row per credit: the movie, the credit's 1-based position in its list,
-- and the credit; its key is its person's name.
CREATE TEMP VIEW cast_items AS
SELECT 'credits.csv' AS source, 'cast' AS field, 'name' AS key_name, movie_id, record, position, item, item.name AS key
FROM (SELECT id AS movie_id, record, generate_subscripts(cast_list, 1) AS position, unnest(cast_list) AS item FROM credit_lists);
CREATE TEMP VIEW crew_items AS
SELECT 'credits.csv' AS source, 'crew' AS field, 'name' AS key_name, movie_id, record, position, item, item.name AS key
FROM (SELECT id AS movie_id, record, generate_subscripts(crew_list, 1) AS position, unnest(crew_list) AS item FROM credit_lists);

-- A credit that is not a dict, or has no name, is rejected alone.
INSERT INTO rejected_rows
SELECT * EXCLUDE (position)
FROM (FROM element_rejections('cast_items') UNION ALL FROM element_rejections('crew_items'))
ORDER BY record, field, position;

-- Cast and crew keep the credit as TMDB gives it; "order" is TMDB's billing
-- and position the place in the list. These two large tables are not sorted
-- (a sort costs more than the rest of their build): ORDER BY when it matters.
-- A credit needs a name; person_id can be NULL (TMDB always gives one, but
-- the full-size reconstruction in ../shared/data lacks them after row ~1,000).
CREATE TABLE movie_cast AS
SELECT movie_id, item.id AS person_id, item.name, item.character,
       item."order" AS cast_order, item.gender, item.credit_id, item.cast_id, position
FROM cast_items
WHERE key IS NOT NULL;

CREATE TABLE movie_crew AS
SELECT movie_id, item.id AS person_id, item.name, item.job, item.department,
       item.gender, item.credit_id, position
FROM crew_items
WHERE key IS NOT NULL;
