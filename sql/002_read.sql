-- 002_read: the movies file as read, every record kept, every column as text.
--
-- These tables are TEMP: they live only for the build (etl --keep-raw copies
-- them into the database, step 008). `record` is the record's 1-based
-- position in its file, header excluded; row_number() OVER () keeps the file
-- order (DuckDB's order-preservation rules). Paths come from variables the
-- build runner sets. credits.csv, the large file, is read by step 005.
-- Every read_csv of the build reads 4 MB at a time (buffer_size), not
-- DuckDB's 32 MB: it holds a few such buffers while it parses, memory that
-- cannot spill and that the other connection's step needs meanwhile. A
-- record may be 2 MB long, DuckDB's default (max_line_size, which would
-- otherwise follow buffer_size).

CREATE TEMP TABLE movie_records AS
SELECT row_number() OVER () AS record, *
FROM read_csv(getvariable('movies_path'),
              header = true, all_varchar = true,
              delim = ',', quote = '"', escape = '"', null_padding = false,
              buffer_size = 4194304, max_line_size = 2097152);

-- keywords.csv is optional: step 003 fills this table when it is present.
CREATE TEMP TABLE keyword_records (record BIGINT, id VARCHAR, keywords VARCHAR);
