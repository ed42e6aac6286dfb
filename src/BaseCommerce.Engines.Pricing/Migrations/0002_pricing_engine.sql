-- The Pricing engine's facts and what it derives: from events only, every row tenant-owned with forced row-level security.

CREATE TABLE pricing.products (
    tenant_id  uuid          NOT NULL,
    product_id uuid          NOT NULL,
    name       text          NOT NULL,
    sale_price numeric(12,2) NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('pricing.products');

-- Every supplier price registration, once per event: the history stability, alerts and trends are computed from.
CREATE TABLE pricing.supplier_prices (
    tenant_id        uuid          NOT NULL,
    event_id         uuid          NOT NULL,
    supplier_id      uuid          NOT NULL,
    product_id       uuid          NOT NULL,
    price            numeric(12,2) NOT NULL CHECK (price > 0),
    previous_price   numeric(12,2),
    minimum_quantity numeric(12,3),
    registered_at    timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX supplier_prices_product ON pricing.supplier_prices (tenant_id, product_id, supplier_id, registered_at DESC);
SELECT platform.enable_tenant_isolation('pricing.supplier_prices');

-- The store's margins (a row only when the store changed a default).
CREATE TABLE pricing.settings (
    tenant_id      uuid         PRIMARY KEY,
    target_margin  numeric(5,2) NOT NULL DEFAULT 30 CHECK (target_margin >= 0),
    minimum_margin numeric(5,2) NOT NULL DEFAULT 15 CHECK (minimum_margin >= 0),
    maximum_margin numeric(5,2) NOT NULL DEFAULT 50 CHECK (maximum_margin >= minimum_margin)
);
SELECT platform.enable_tenant_isolation('pricing.settings');

-- The last published state per product, to publish only changes.
CREATE TABLE pricing.published (
    tenant_id  uuid        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('comparacao', 'melhor', 'sugerido')),
    product_id uuid        NOT NULL,
    state      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kind, product_id)
);
SELECT platform.enable_tenant_isolation('pricing.published');
