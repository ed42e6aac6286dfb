-- The hours a store admin chose for the store's nightly recomputations (StoreScheduleChanged from the vertical); a store
-- without a row keeps the defaults (stock 02:00, prices 03:00, routes 18:00, store time).
CREATE TABLE ops.store_schedules (
    tenant_id            uuid        PRIMARY KEY,
    stock_recompute_hour integer     NOT NULL CHECK (stock_recompute_hour BETWEEN 0 AND 23),
    pricing_refresh_hour integer     NOT NULL CHECK (pricing_refresh_hour BETWEEN 0 AND 23),
    route_planning_hour  integer     NOT NULL CHECK (route_planning_hour BETWEEN 0 AND 23),
    event_at             timestamptz NOT NULL
);
SELECT platform.enable_tenant_isolation('ops.store_schedules');
