-- Issue 11 §2: the legacy host's glosas and credit titles, imported from a CSV file.

-- 1. An import: who sent it and when, and what its rows came to. rows_read, rejected and warnings are known when the
-- file is stored; accepted and duplicates grow as the job makes the obligations; completed_at is set when no row is
-- left to make (at once when every row was rejected). Always accepted + duplicates + rejected <= rows_read; the rest
-- is pending.
CREATE TABLE legacy_import (
    id           uuid         PRIMARY KEY,
    received_at  timestamptz  NOT NULL,
    received_by  varchar(200) NOT NULL,
    rows_read    integer      NOT NULL CHECK (rows_read >= 0),
    rejected     integer      NOT NULL DEFAULT 0 CHECK (rejected >= 0),
    warnings     integer      NOT NULL DEFAULT 0 CHECK (warnings >= 0),
    accepted     integer      NOT NULL DEFAULT 0 CHECK (accepted >= 0),
    duplicates   integer      NOT NULL DEFAULT 0 CHECK (duplicates >= 0),
    completed_at timestamptz,
    CONSTRAINT ck_legacy_import_counts CHECK (accepted + duplicates + rejected <= rows_read)
);
CREATE INDEX ix_legacy_import_open ON legacy_import (received_at, id) WHERE completed_at IS NULL;

-- 2. Each data row of the file as the domain judged it while the file streamed in (written with COPY): REJECTED,
-- kept with its reason for the rejections listing; or VALID with the obligation it becomes (the exact row of table
-- obligation, as jsonb), a work item: the job inserts the VALID rows' obligations a chunk at a time (ON CONFLICT DO
-- NOTHING on uq_obligation_external_reference: a (LEGACY, legacyId) that exists already, from an earlier import or an
-- earlier row of this file, is a duplicate left untouched), counts them on the import and deletes them.
CREATE TABLE legacy_import_row (
    import_id     uuid         NOT NULL REFERENCES legacy_import (id),
    row_no        integer      NOT NULL CHECK (row_no >= 2),
    legacy_id     varchar(64),
    status        varchar(10)  NOT NULL CHECK (status IN ('VALID', 'REJECTED')),
    reason        varchar(40),
    field         varchar(40),
    detail        varchar(300),
    obligation    jsonb,
    CONSTRAINT pk_legacy_import_row PRIMARY KEY (import_id, row_no),
    CONSTRAINT ck_legacy_import_row_state CHECK ((status = 'REJECTED') = (reason IS NOT NULL)
        AND (status = 'VALID') = (obligation IS NOT NULL))
);
