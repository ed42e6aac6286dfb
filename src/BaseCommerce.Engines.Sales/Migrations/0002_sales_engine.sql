-- The Sales engine's facts and what it derives: from events only, every row tenant-owned with forced row-level security.

-- The catalogue as the engine needs it (ProductRegistered, ProductUpdated, ProductPriceUpdated).
CREATE TABLE sales.products (
    tenant_id  uuid          NOT NULL,
    product_id uuid          NOT NULL,
    name       text          NOT NULL,
    unit       text          NOT NULL,
    price      numeric(12,2) NOT NULL,
    active     boolean       NOT NULL DEFAULT true,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('sales.products');

-- One row per delivered order and product (SaleRecorded).
CREATE TABLE sales.order_lines (
    tenant_id   uuid          NOT NULL,
    order_id    uuid          NOT NULL,
    product_id  uuid          NOT NULL,
    customer_id uuid          NOT NULL,
    quantity    numeric(14,3) NOT NULL,
    sold_at     timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, order_id, product_id)
);
CREATE INDEX order_lines_product ON sales.order_lines (tenant_id, product_id, sold_at);
CREATE INDEX order_lines_customer ON sales.order_lines (tenant_id, customer_id, sold_at);
CREATE INDEX order_lines_time ON sales.order_lines (tenant_id, sold_at);
SELECT platform.enable_tenant_isolation('sales.order_lines');

-- The lists last published, per kind and owner (a product, a customer, or the store for bundles), as JSON: a new
-- computation is published only when it differs.
CREATE TABLE sales.published_lists (
    tenant_id  uuid        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('complementares', 'substitutos', 'combos', 'padroes')),
    owner_id   uuid        NOT NULL,
    items      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kind, owner_id)
);
SELECT platform.enable_tenant_isolation('sales.published_lists');
