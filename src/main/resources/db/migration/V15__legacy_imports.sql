-- Issue 11 §2: the legacy host's glosas and credit titles, imported from a CSV file.

-- 1. An import: who sent it and when. Its state is counted from its rows (RECEIVED, PROCESSING, COMPLETED).
CREATE TABLE legacy_import (
    id          uuid          PRIMARY KEY,
    received_at timestamptz   NOT NULL,
    received_by varchar(200)  NOT NULL,
    rows_read   integer       NOT NULL CHECK (rows_read >= 0),
    completed_at timestamptz
);
CREATE INDEX ix_legacy_import_received ON legacy_import (received_at);

-- 2. Each data row of the file, as the domain judged it while the file streamed in (written with COPY): REJECTED
-- with its reason, or PENDING with the obligation it becomes (the exact row of table obligation, as jsonb). A job
-- then inserts the PENDING rows' obligations a chunk at a time; one whose (LEGACY, legacyId) exists already, from an
-- earlier import or an earlier row of this file, is a DUPLICATE and left untouched (ON CONFLICT DO NOTHING on
-- uq_obligation_external_reference), the others ACCEPTED. The row is kept as the import's record (its issue date
-- too, which the obligation does not carry); its obligation document is dropped once used.
CREATE TABLE legacy_import_row (
    import_id     uuid         NOT NULL REFERENCES legacy_import (id),
    row_no        integer      NOT NULL CHECK (row_no >= 2),
    legacy_id     varchar(64),
    status        varchar(10)  NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DUPLICATE', 'REJECTED')),
    reason        varchar(40),
    field         varchar(40),
    detail        varchar(300),
    issue_date    date,
    warnings      integer      NOT NULL DEFAULT 0 CHECK (warnings >= 0),
    obligation_id uuid,
    obligation    jsonb,
    CONSTRAINT pk_legacy_import_row PRIMARY KEY (import_id, row_no),
    CONSTRAINT ck_legacy_import_row_state CHECK (CASE status
        WHEN 'REJECTED' THEN reason IS NOT NULL AND obligation_id IS NULL AND obligation IS NULL
        WHEN 'PENDING' THEN reason IS NULL AND obligation_id IS NOT NULL AND obligation IS NOT NULL
        ELSE reason IS NULL AND obligation_id IS NOT NULL AND obligation IS NULL END)
);
CREATE INDEX ix_legacy_import_row_pending ON legacy_import_row (import_id, row_no) WHERE status = 'PENDING';
CREATE INDEX ix_legacy_import_row_rejected ON legacy_import_row (import_id, row_no) WHERE status = 'REJECTED';
