-- Lists read page by page (issue 10), each in the order of an index, so that a page never reads and sorts the
-- whole list. (Named V10: other branches of issue 10 may add a V9.)

-- An entity's payments of a business date in posting order (created_at, id): the bank's day listing, by page or
-- streamed a chunk at a time from a position. It replaces ix_payment_date_entity, whose reads it serves as well (the
-- reconciliation reads a whole day); the date stays first so that only the unique index uq_payment_bank_transaction
-- can answer the payment's look-up of a transaction id (V5). A payment still writes one entry here, not two.
DROP INDEX ix_payment_date_entity;
CREATE INDEX ix_payment_day ON payment (business_date, entity_code, created_at, id);

-- API clients and financial entities, oldest first. Both tables are written rarely (by staff).
CREATE INDEX ix_api_client_created ON api_client (created_at, id);
CREATE INDEX ix_financial_entity_created ON financial_entity (created_at, code);
