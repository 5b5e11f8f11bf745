-- Issue 10: rate limits shared by every instance of the service (docs/adr/0012-rate-limits.md). One row per token
-- bucket, written only by bucket4j's PostgreSQL proxy manager (SELECT ... FOR UPDATE of the row, then UPDATE, in a
-- transaction of its own). The id is the first 64 bits of a SHA-256 of the policy, its quota and window, and the
-- client address or API client id: no address or key is stored in clear. The state is bucket4j's serialized bucket;
-- expires_at (epoch milliseconds) is when the bucket would be full again, after which the row can be deleted
-- without changing any answer: the service deletes such rows every few minutes (SKIP LOCKED, in batches).
-- V8 is reserved for another change.
CREATE TABLE rate_limit_bucket (
    id         bigint PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
CREATE INDEX ix_rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
