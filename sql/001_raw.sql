-- 001_raw: the input files exactly as read, every record kept, every column as text.
--
-- `record` is the record's 1-based position in its file (header excluded);
-- row_number() OVER () keeps the file order (DuckDB order-preservation rules).
-- Paths come from variables that engine sets before this file runs.

CREATE TABLE raw_movies AS
SELECT row_number() OVER () AS record, *
FROM read_csv(getvariable('movies_path'),
              header = true, all_varchar = true,
              delim = ',', quote = '"', escape = '"', null_padding = false);

CREATE TABLE raw_credits AS
SELECT row_number() OVER () AS record, *
FROM read_csv(getvariable('credits_path'),
              header = true, all_varchar = true,
              delim = ',', quote = '"', escape = '"', null_padding = false);

-- keywords.csv is optional: without it engine points keywords_path at a
-- header-only file, so the table exists and is empty.
CREATE TABLE raw_keywords AS
SELECT row_number() OVER () AS record, *
FROM read_csv(getvariable('keywords_path'),
              header = true, all_varchar = true,
              delim = ',', quote = '"', escape = '"', null_padding = false);
