-- Sales per product and day of the store's calendar, kept in the transaction that records each sale fact (only a fact
-- inserted for the first time adds to it, so replays change nothing). Demand (90 daily figures per product) and ABC
-- (revenue over the same 90 days) read these instead of every sale.
CREATE TABLE stock.daily_sales (
    tenant_id  uuid          NOT NULL,
    product_id uuid          NOT NULL,
    day        date          NOT NULL,
    quantity   numeric(16,3) NOT NULL,
    revenue    numeric(16,2) NOT NULL,
    PRIMARY KEY (tenant_id, product_id, day)
);
CREATE INDEX daily_sales_day ON stock.daily_sales (tenant_id, day) INCLUDE (product_id, quantity, revenue);

-- The owner backfills from the facts already kept: it obeys the forced row-level security of the tables it reads, so
-- that is lifted for the length of this migration's transaction only.
ALTER TABLE stock.sales NO FORCE ROW LEVEL SECURITY;
ALTER TABLE stock.settings NO FORCE ROW LEVEL SECURITY;
INSERT INTO stock.daily_sales (tenant_id, product_id, day, quantity, revenue)
SELECT s.tenant_id, s.product_id, (s.sold_at AT TIME ZONE coalesce(t.time_zone, 'America/Sao_Paulo'))::date, sum(s.quantity), sum(s.revenue)
FROM stock.sales s LEFT JOIN stock.settings t ON t.tenant_id = s.tenant_id
GROUP BY 1, 2, 3;
ALTER TABLE stock.sales FORCE ROW LEVEL SECURITY;
ALTER TABLE stock.settings FORCE ROW LEVEL SECURITY;
SELECT platform.enable_tenant_isolation('stock.daily_sales');

-- Products whose facts changed since they were last assessed, one row per change. Consumers append in the inbox's
-- transaction (and NOTIFY stock_dirty with the tenant); the assessor reads a batch, re-derives each product once however
-- many rows name it, and deletes exactly the rows it read, in the transaction that publishes the results. Appending
-- never waits on another consumer or on the assessor, and a change committed after the batch was read stays for the next.
CREATE TABLE stock.dirty_products (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      uuid        NOT NULL,
    product_id     uuid        NOT NULL,
    correlation_id uuid        NOT NULL,
    marked_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dirty_products_tenant ON stock.dirty_products (tenant_id, id);
SELECT platform.enable_tenant_isolation('stock.dirty_products');
