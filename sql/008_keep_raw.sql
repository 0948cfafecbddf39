-- when: keep_raw
-- 008_keep_raw: with etl --keep-raw, the inputs as read and the converted
-- JSON stay in the database (without it they live only for the build).

CREATE TABLE raw_movies AS FROM movie_records;
COMMENT ON TABLE raw_movies IS 'movies_dataset.csv as read: every record, every column as text (etl --keep-raw).';

CREATE TABLE raw_credits AS
SELECT row_number() OVER () AS record,
       getvariable('credits_files')[list_position(getvariable('credits_paths'), filename)] AS file,
       * EXCLUDE (filename)
FROM read_csv(getvariable('credits_paths'),
              header = true, all_varchar = true, filename = true,
              delim = ',', quote = '"', escape = '"', null_padding = false,
              buffer_size = 4194304, max_line_size = 2097152);
COMMENT ON TABLE raw_credits IS 'credits.csv as read: every record, every column as text (etl --keep-raw).';

CREATE TABLE raw_keywords AS FROM keyword_records;
COMMENT ON TABLE raw_keywords IS 'keywords.csv as read, empty without it (etl --keep-raw).';

CREATE TABLE raw_nested_json AS FROM nested;
COMMENT ON TABLE raw_nested_json IS 'Every accepted nested cell of movies_dataset.csv and keywords.csv, converted from its Python literal to JSON (etl --keep-raw).';

CREATE TABLE raw_credit_lists AS FROM credit_lists;
COMMENT ON TABLE raw_credit_lists IS 'Each credits.csv record, its cast and crew parsed into lists (etl --keep-raw).';
