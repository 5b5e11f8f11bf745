-- Issue 11: a batch line whose settling fails every time (a defect, data the code does not expect) must not block
-- the lines after it. A chunk that fails is retried line by line; each failure of a line alone is counted here, and
-- a line that failed alone this many times is REJECTED (reason processing-failed), its money an unapplied fund.
-- A failure counts only when it comes at least recauda.public-sector.failure-spacing after the last one counted
-- (last_failed_at), so that a passing trouble (a lock held for a few seconds) does not reject a line.
ALTER TABLE ministry_batch_line ADD COLUMN failed_attempts smallint NOT NULL DEFAULT 0
    CHECK (failed_attempts >= 0), ADD COLUMN last_failed_at timestamptz;
