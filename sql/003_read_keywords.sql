-- when: keywords
-- 003_read_keywords: the optional keywords.csv, as read (see 002_read).

INSERT INTO keyword_records
SELECT row_number() OVER () AS record, list_position(getvariable('keywords_paths'), filename) AS part,
       getvariable('keywords_files')[part] AS file, id, keywords
FROM read_csv(getvariable('keywords_paths'),
              header = true, all_varchar = true, filename = true,
              delim = ',', quote = '"', escape = '"', null_padding = false,
              buffer_size = 4194304, max_line_size = 2097152);

INSERT INTO etl_scratch.input_files FROM files_of('keywords.csv', getvariable('keywords_files'), 'keyword_records');
