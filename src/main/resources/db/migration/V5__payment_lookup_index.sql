-- The payment's first statement asks whether an entity already used a transaction id. Only the unique index
-- uq_payment_bank_transaction (entity_code, bank_transaction_id) should answer it. ix_payment_entity_date also began
-- with entity_code, and a plan cached while the table was small chose it: it then read every payment of the entity
-- on each post, slower and slower as the table grew (docs/performance.md). The index of a day's payments keeps
-- serving the reconciliation (both columns are equalities there) with the date first.
DROP INDEX ix_payment_entity_date;
CREATE INDEX ix_payment_date_entity ON payment (business_date, entity_code);
