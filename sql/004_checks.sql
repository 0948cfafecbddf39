-- 004_checks: decide which records are kept.
--
-- Nothing disappears silently: every rejected record or field lands in
-- rejected_rows with a reason code, a sentence, and the raw text.
--
-- Step 005 (credits.csv) runs on a connection of its own, alongside the
-- steps after it: what it shares with them is created here in `etl_scratch`, an
-- in-memory database the build runner attaches for the build's duration and
-- searches after the main one (TEMP objects belong to one connection).

CREATE TABLE rejected_rows (
    source      VARCHAR NOT NULL,  -- input file
    record      BIGINT  NOT NULL,  -- the record's 1-based position in its file (in the build, in its role's files: step 012)
    id          VARCHAR,           -- the raw id cell
    field       VARCHAR,           -- the column at fault
    reason      VARCHAR NOT NULL,  -- malformed_id, missing_release_date, unparseable_release_date,
                                   -- duplicate_id, unknown_movie, invalid_literal, unexpected_shape,
                                   -- unparseable_number
    detail      VARCHAR,           -- why, in a sentence
    value       VARCHAR,           -- the raw cell at fault
    record_text VARCHAR            -- record-level rejections: the whole record as read, a JSON object of its raw cells
    -- and `file`, the file relative to the data, which step 012 adds
);
COMMENT ON TABLE rejected_rows IS 'Every rejected record or field of the inputs, with why and its raw text.';

-- An id is valid when it is a plain non-negative integer.
CREATE MACRO etl_scratch.parse_id(raw) AS
    CASE WHEN regexp_full_match(trim(raw), '[0-9]{1,18}') THEN CAST(trim(raw) AS BIGINT) END;

-- "File F, record N": where record (of the sequence of source's files) is.
CREATE MACRO etl_scratch.record_place(source_name, seq) AS (
    SELECT 'file ' || file || ', record ' || (seq - first_record + 1)
    FROM etl_scratch.input_files
    WHERE source = source_name AND seq >= first_record AND seq < first_record + records
);

-- The record kept of an id among its valid records: the first one of the
-- last file that has one. An update (a later file) replaces the base's
-- record of a film; within one file, a repeated id is the same film
-- repeated (in the real data the first is the complete one), so the first
-- stays.
CREATE MACRO etl_scratch.kept_record(record, part) AS
    arg_min(record, record - CAST(part AS BIGINT) * 10000000000);

-- Movies: malformed id, then missing or unparseable date, then repeated id.
CREATE TABLE etl_scratch.movie_checks AS
WITH typed AS (
    SELECT record, part, id AS raw_id, parse_id(id) AS id,
           release_date AS raw_release_date,
           TRY_CAST(trim(release_date) AS DATE) AS release_date
    FROM movie_records
),
lasts AS (
    SELECT id, kept_record(record, part) AS kept_record
    FROM typed
    WHERE id IS NOT NULL AND release_date IS NOT NULL
    GROUP BY id
)
SELECT t.record, t.raw_id, t.id, t.release_date, t.raw_release_date,
       CASE
           WHEN t.id IS NULL THEN 'malformed_id'
           WHEN nullif(trim(t.raw_release_date), '') IS NULL THEN 'missing_release_date'
           WHEN t.release_date IS NULL THEN 'unparseable_release_date'
           WHEN t.record <> f.kept_record THEN 'duplicate_id'
       END AS reason,
       f.kept_record
FROM typed t
LEFT JOIN lasts f USING (id);

INSERT INTO rejected_rows
SELECT 'movies_dataset.csv', c.record, c.raw_id,
       CASE WHEN c.reason LIKE '%release_date' THEN 'release_date' ELSE 'id' END,
       c.reason,
       CASE c.reason
           WHEN 'malformed_id' THEN 'the id is not an integer; the record''s fields are shifted'
           WHEN 'missing_release_date' THEN 'release_date is empty; the cleaning rules drop the movie'
           WHEN 'unparseable_release_date' THEN 'release_date is not a YYYY-MM-DD date'
           WHEN 'duplicate_id' THEN 'id kept from ' || record_place('movies_dataset.csv', c.kept_record)
       END,
       CASE WHEN c.reason LIKE '%release_date' THEN c.raw_release_date ELSE c.raw_id END,
       json_merge_patch(to_json(m), '{"record": null, "part": null, "file": null}') -- the record's cells, without our numbering
FROM movie_checks c
JOIN movie_records m USING (record)
WHERE c.reason IS NOT NULL
ORDER BY c.record;

-- credits.csv and keywords.csv: malformed id, repeated id (the record kept
-- as for movies: an update's replaces the base's), or no kept movie.
CREATE MACRO etl_scratch.side_checks(source_table) AS TABLE
WITH typed AS (
    SELECT record, part, id AS raw_id, parse_id(id) AS id FROM query_table(source_table)
),
lasts AS (
    SELECT id, kept_record(record, part) AS kept_record FROM typed WHERE id IS NOT NULL GROUP BY id
)
SELECT t.record, t.raw_id, t.id,
       CASE
           WHEN t.id IS NULL THEN 'malformed_id'
           WHEN t.record <> f.kept_record THEN 'duplicate_id'
           WHEN t.id NOT IN (SELECT id FROM movie_checks WHERE reason IS NULL) THEN 'unknown_movie'
       END AS reason,
       f.kept_record
FROM typed t
LEFT JOIN lasts f USING (id);

CREATE TEMP TABLE keyword_checks AS FROM side_checks('keyword_records');

-- The sentence of a record-level rejection of credits.csv or keywords.csv.
CREATE MACRO etl_scratch.side_detail(source_name, reason, kept_record) AS
    CASE reason
        WHEN 'malformed_id' THEN 'the id is not an integer'
        WHEN 'duplicate_id' THEN 'id kept from ' || record_place(source_name, kept_record)
        WHEN 'unknown_movie' THEN 'no kept movie has this id'
    END;

INSERT INTO rejected_rows
SELECT 'keywords.csv', c.record, c.raw_id, 'id', c.reason, side_detail('keywords.csv', c.reason, c.kept_record), c.raw_id,
       to_json({'id': k.id, 'keywords': k.keywords})
FROM keyword_checks c
JOIN keyword_records k USING (record)
WHERE c.reason IS NOT NULL
ORDER BY c.record;

-- The nested cells (steps 005 and 006). The first character a cell's JSON
-- must start with: a dict for the collection, a list for every other field.
-- (The JSON is written by our own converter, compact, so its first byte
-- tells its type without parsing it.)
CREATE MACRO etl_scratch.expected_json_start(field) AS
    CASE field WHEN 'belongs_to_collection' THEN '{' ELSE '[' END;

-- The raw cell, kept only when its conversion is rejected (cells can be large).
CREATE MACRO etl_scratch.rejected_raw(field, json, raw) AS
    CASE WHEN json IS NULL OR left(json, 1) <> expected_json_start(field) THEN raw END;

-- The rejected elements of an items table (steps 005 and 007): an element
-- of a list field that is not a dict, or lacks its key, is rejected alone.
CREATE MACRO etl_scratch.element_rejections(items_table) AS TABLE
SELECT source, record, CAST(movie_id AS VARCHAR) AS id, field, 'unexpected_shape' AS reason,
       'element ' || position || CASE WHEN item IS NULL THEN ' is not a dict' ELSE ' has no ' || key_name END AS detail,
       NULL AS value, NULL AS record_text, position
FROM query_table(items_table)
WHERE key IS NULL;
