-- 012_files: which input file each rejected record came from, and what
-- each file gave. Until here a record's number is its place in the
-- sequence of its role's files (the base's, then each update's: step 002);
-- now it becomes its place in its own file, and `file` names the file.

ALTER TABLE rejected_rows ADD COLUMN file VARCHAR;
COMMENT ON COLUMN rejected_rows.file IS 'The input file, relative to the data: the base''s, or updates/NAME/….';

UPDATE rejected_rows r
SET file = f.file, record = r.record - f.first_record + 1
FROM etl_scratch.input_files f
WHERE f.source = r.source AND r.record >= f.first_record AND r.record < f.first_record + f.records;

-- Record-level rejections carry the record's text; field-level ones do not.
INSERT INTO etl_files
SELECT f.source, f.file, f.position, f.records, f.records - coalesce(r.rejected, 0)
FROM etl_scratch.input_files f
LEFT JOIN (SELECT source, file, count(*) AS rejected
           FROM rejected_rows WHERE record_text IS NOT NULL GROUP BY ALL) r USING (source, file)
ORDER BY f.source, f.position;
