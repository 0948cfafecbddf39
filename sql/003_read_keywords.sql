-- when: keywords
-- 003_read_keywords: the optional keywords.csv, as read (see 002_read).

INSERT INTO keyword_records
SELECT row_number() OVER () AS record, id, keywords
FROM read_csv(getvariable('keywords_path'),
              header = true, all_varchar = true,
              delim = ',', quote = '"', escape = '"', null_padding = false,
              buffer_size = 4194304, max_line_size = 2097152);
