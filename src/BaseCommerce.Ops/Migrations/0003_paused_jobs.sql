-- Recurring jobs an operator paused (basec jobs pause <job>): the schedule sync keeps them out of Hangfire until resumed.
-- Job ids name a store's slug; this is the platform's table, not a store's (no tenant_id, no row-level security).
CREATE TABLE ops.paused_jobs (
    job_id    text        PRIMARY KEY,
    paused_at timestamptz NOT NULL DEFAULT now(),
    paused_by text        NOT NULL
);
