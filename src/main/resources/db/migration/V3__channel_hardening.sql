-- Channel hardening after the audit of issue 3.

-- Allocations keep the order in which the payment reached them (interest first, oldest obligation first, as
-- Allocation.allocate placed them), so a replayed or re-read payment lists them exactly as the first answer did.
-- Rows written before this column existed take the order of their voucher's lines, which is the same order: the
-- voucher's lines and the allocation are both sorted by due date, then obligation id.
ALTER TABLE payment_allocation ADD COLUMN position integer;
UPDATE payment_allocation a
   SET position = l.n - 1
  FROM payment p
  JOIN voucher v ON v.reference = p.voucher_reference
 CROSS JOIN LATERAL jsonb_array_elements(v.lines) WITH ORDINALITY AS l(line, n)
 WHERE p.id = a.payment_id AND (l.line ->> 'obligationId')::uuid = a.obligation_id;
ALTER TABLE payment_allocation
    ALTER COLUMN position SET NOT NULL,
    ADD CONSTRAINT ck_payment_allocation_position CHECK (position >= 0);

-- Paying a voucher changes the status of the voucher and of its obligations. Those updates stay heap-only (HOT,
-- no new index entries) when no index names the status and the page has room: the debtor's voucher index keeps
-- every voucher, and the two tables leave a tenth of each page free.
DROP INDEX ix_voucher_debtor;
CREATE INDEX ix_voucher_debtor ON voucher (debtor_id, expires_on);
ALTER TABLE voucher SET (fillfactor = 90);
ALTER TABLE obligation SET (fillfactor = 90);
