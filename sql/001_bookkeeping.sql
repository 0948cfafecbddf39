-- 001_bookkeeping: what the build read, the steps it applied, and the build
-- itself. The build runner fills these tables as it goes.

CREATE TABLE etl_inputs (
    name     VARCHAR NOT NULL,   -- the input's role: movies_dataset.csv, credits.csv or keywords.csv
    path     VARCHAR NOT NULL,   -- the file read: an absolute path, or ARCHIVE.zip!MEMBER
    bytes    BIGINT  NOT NULL,
    modified TIMESTAMP,          -- modification time of the file (or of the archive member)
    sha256   VARCHAR NOT NULL
);
COMMENT ON TABLE etl_inputs IS 'The input files this database was built from, with their checksums.';

CREATE TABLE etl_files (
    source   VARCHAR NOT NULL,  -- the input's role: movies_dataset.csv, credits.csv or keywords.csv
    file     VARCHAR NOT NULL,  -- the file, relative to the data: the base's, or updates/NAME/…
    position INTEGER NOT NULL,  -- its place among the role's files: the base first, then the updates by name
    records  BIGINT  NOT NULL,  -- records read
    kept     BIGINT  NOT NULL   -- of them, records not rejected (rejected_rows)
);
COMMENT ON TABLE etl_files IS 'Every input file read, base and updates, with its records read and kept. A later file''s record of an id replaces an earlier one.';

CREATE TABLE etl_steps (
    step       INTEGER NOT NULL,  -- the NNN of sql/NNN_name.sql
    name       VARCHAR NOT NULL,
    sha256     VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL,
    seconds    DOUBLE NOT NULL
);
COMMENT ON TABLE etl_steps IS 'The numbered SQL files applied by the build, as each ended (skipped conditional steps are absent).';

CREATE TABLE etl_build (
    fingerprint     VARCHAR NOT NULL,  -- SHA-256 over the inputs, the steps, the builder and the recommender configuration
    source          VARCHAR NOT NULL,  -- the folder or archive the inputs came from (absolute path)
    builder_version VARCHAR NOT NULL,
    duckdb_version  VARCHAR NOT NULL,
    keep_raw        BOOLEAN NOT NULL,  -- built with etl --keep-raw (raw_* tables present)
    built_at        TIMESTAMP NOT NULL,
    seconds         DOUBLE NOT NULL
);
COMMENT ON TABLE etl_build IS 'One row: how and from what this database was built.';
