-- The Stock engine's own facts and what it derives from them. Everything here comes from events (never from the
-- vertical's tables); every row is tenant-owned, with forced row-level security. Quantities are in each product's
-- stock unit, as the events carry them.

-- The catalogue as the engine needs it, from ProductRegistered. Lead time and safety margin per product (null: the store's).
CREATE TABLE stock.products (
    tenant_id      uuid          NOT NULL,
    product_id     uuid          NOT NULL,
    name           text          NOT NULL,
    unit           text          NOT NULL,
    lead_time_days integer       CHECK (lead_time_days BETWEEN 0 AND 365),
    safety_percent numeric(5,2)  CHECK (safety_percent BETWEEN 0 AND 500),
    registered_at  timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('stock.products');

-- Every StockUpdated applied, once per event id: on hand is their sum, whatever order they arrive in.
CREATE TABLE stock.movements (
    tenant_id   uuid          NOT NULL,
    event_id    uuid          NOT NULL,
    product_id  uuid          NOT NULL,
    kind        text          NOT NULL,
    delta       numeric(14,3) NOT NULL,
    delivery_id uuid,
    occurred_at timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);
SELECT platform.enable_tenant_isolation('stock.movements');

CREATE TABLE stock.levels (
    tenant_id  uuid          NOT NULL,
    product_id uuid          NOT NULL,
    on_hand    numeric(14,3) NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('stock.levels');

-- Quantities of orders that are pendente or em_preparacao; an order that left or was cancelled is released for good.
CREATE TABLE stock.reservations (
    tenant_id  uuid          NOT NULL,
    order_id   uuid          NOT NULL,
    product_id uuid          NOT NULL,
    quantity   numeric(14,3) NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (tenant_id, order_id, product_id)
);
CREATE INDEX reservations_product ON stock.reservations (tenant_id, product_id);
SELECT platform.enable_tenant_isolation('stock.reservations');

CREATE TABLE stock.released_orders (
    tenant_id   uuid        NOT NULL,
    order_id    uuid        NOT NULL,
    released_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, order_id)
);
SELECT platform.enable_tenant_isolation('stock.released_orders');

-- Sales facts from SaleRecorded: one row per order and product (lines of one product summed).
CREATE TABLE stock.sales (
    tenant_id   uuid          NOT NULL,
    order_id    uuid          NOT NULL,
    product_id  uuid          NOT NULL,
    quantity    numeric(14,3) NOT NULL,
    revenue     numeric(14,2) NOT NULL,
    sold_at     timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, order_id, product_id)
);
CREATE INDEX sales_product_time ON stock.sales (tenant_id, product_id, sold_at);
CREATE INDEX sales_time ON stock.sales (tenant_id, sold_at) INCLUDE (product_id, revenue);
SELECT platform.enable_tenant_isolation('stock.sales');

-- The store's parameters (a row only when the store changed a default).
CREATE TABLE stock.settings (
    tenant_id       uuid         PRIMARY KEY,
    service_level   numeric(5,4) NOT NULL DEFAULT 0.95 CHECK (service_level > 0.5 AND service_level < 1),
    smoothing_alpha numeric(4,3) NOT NULL DEFAULT 0.3 CHECK (smoothing_alpha > 0 AND smoothing_alpha <= 1),
    lead_time_days  integer      NOT NULL DEFAULT 7 CHECK (lead_time_days BETWEEN 0 AND 365),
    safety_percent  numeric(5,2) NOT NULL DEFAULT 20 CHECK (safety_percent BETWEEN 0 AND 500),
    coverage_days   integer      NOT NULL DEFAULT 30 CHECK (coverage_days BETWEEN 1 AND 365),
    time_zone       text         NOT NULL DEFAULT 'America/Sao_Paulo'
);
SELECT platform.enable_tenant_isolation('stock.settings');

-- What the engine last derived per product (and published as StockInsightUpdated).
CREATE TABLE stock.assessments (
    tenant_id        uuid          NOT NULL,
    product_id       uuid          NOT NULL,
    on_hand          numeric(14,3) NOT NULL,
    reserved         numeric(14,3) NOT NULL,
    available        numeric(14,3) NOT NULL,
    average_daily    numeric(14,4) NOT NULL,
    deviation_daily  numeric(14,4) NOT NULL,
    forecast_daily   numeric(14,4) NOT NULL,
    safety_stock     numeric(14,3) NOT NULL,
    reorder_point    numeric(14,3) NOT NULL,
    maximum_stock    numeric(14,3) NOT NULL,
    days_to_stockout integer,
    risk             text          NOT NULL,
    lead_time_days   integer       NOT NULL,
    suggestion_quantity numeric(14,3),
    suggestion_priority text,
    abc_class        text          NOT NULL,
    computed_at      timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('stock.assessments');

-- ABC classes by 90-day revenue.
CREATE TABLE stock.abc (
    tenant_id        uuid          NOT NULL,
    product_id       uuid          NOT NULL,
    class            text          NOT NULL CHECK (class IN ('A', 'B', 'C')),
    revenue          numeric(14,2) NOT NULL,
    cumulative_share numeric(7,3)  NOT NULL,
    computed_at      timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('stock.abc');

-- Stock-out alerts: raised, acknowledged by staff, resolved by the engine. At most one open alert per product.
CREATE TABLE stock.alerts (
    id              uuid          PRIMARY KEY,
    tenant_id       uuid          NOT NULL,
    product_id      uuid          NOT NULL,
    status          text          NOT NULL CHECK (status IN ('ativo', 'reconhecido', 'resolvido')),
    risk            text          NOT NULL CHECK (risk IN ('alto', 'medio', 'baixo')),
    available       numeric(14,3) NOT NULL,
    reorder_point   numeric(14,3) NOT NULL,
    days_to_stockout integer,
    raised_at       timestamptz   NOT NULL,
    acknowledged_at timestamptz,
    resolved_at     timestamptz
);
CREATE UNIQUE INDEX alerts_one_open ON stock.alerts (tenant_id, product_id) WHERE status <> 'resolvido';
SELECT platform.enable_tenant_isolation('stock.alerts');

-- Events the engine could not apply, with the reason (an unknown product, for example): kept, never retried in a loop.
CREATE TABLE stock.skipped (
    tenant_id    uuid        NOT NULL,
    event_id     uuid        NOT NULL,
    message_type text        NOT NULL,
    reason       text        NOT NULL,
    skipped_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);
SELECT platform.enable_tenant_isolation('stock.skipped');
