-- 002_read: the movies files as read, every record kept, every column as text.
--
-- These tables are TEMP: they live only for the build (etl --keep-raw copies
-- them into the database, step 008). Each input is a list of files: the
-- base's, then those of each update folder (DATA/updates/NAME/) in name
-- order, read as one (the build checks that they have the same columns in
-- the same order). `record` is the record's
-- 1-based position in that sequence, header excluded; row_number() OVER ()
-- keeps the files' order (DuckDB's order-preservation rules). `part` is the
-- file's place in the list (1: the base) and `file` its name. Paths and
-- file names come from variables the build runner sets (movies_paths and
-- movies_files, likewise for credits and keywords). credits.csv, the large
-- file, is read by step 005.
-- Every read_csv of the build reads 4 MB at a time (buffer_size), not
-- DuckDB's 32 MB: it holds a few such buffers while it parses, memory that
-- cannot spill and that the other connection's step needs meanwhile. A
-- record may be 2 MB long, DuckDB's default (max_line_size, which would
-- otherwise follow buffer_size).

CREATE TEMP TABLE movie_records AS
SELECT row_number() OVER () AS record,
       list_position(getvariable('movies_paths'), filename) AS part,
       getvariable('movies_files')[part] AS file,
       * EXCLUDE (filename)
FROM read_csv(getvariable('movies_paths'),
              header = true, all_varchar = true, filename = true,
              delim = ',', quote = '"', escape = '"', null_padding = false,
              buffer_size = 4194304, max_line_size = 2097152);

-- Where each input file's records are in the sequence its role's files make
-- (steps 003 and 005 add theirs): step 012 turns `record` into the
-- position in its own file, and records every file in etl_files.
CREATE TABLE etl_scratch.input_files (source VARCHAR, file VARCHAR, position INTEGER, first_record BIGINT, records BIGINT);

CREATE MACRO etl_scratch.files_of(source_name, files, records_table) AS TABLE
SELECT source_name AS source, l.file, l.position, r.first_record, coalesce(r.records, 0) AS records
FROM (SELECT unnest(files) AS file, generate_subscripts(files, 1) AS position) l
LEFT JOIN (SELECT file, min(record) AS first_record, count(*) AS records
           FROM query_table(records_table) GROUP BY file) r USING (file);

INSERT INTO etl_scratch.input_files FROM files_of('movies_dataset.csv', getvariable('movies_files'), 'movie_records');

-- keywords.csv is optional: step 003 fills this table when it is present.
CREATE TEMP TABLE keyword_records (record BIGINT, part INTEGER, file VARCHAR, id VARCHAR, keywords VARCHAR);
