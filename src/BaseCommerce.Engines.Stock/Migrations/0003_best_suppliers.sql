-- The Pricing engine's recommended supplier per product (BestSupplierChanged): purchase suggestions name it and round
-- up to a multiple of its minimum quantity.
CREATE TABLE stock.best_suppliers (
    tenant_id        uuid          NOT NULL,
    product_id       uuid          NOT NULL,
    supplier_id      uuid          NOT NULL,
    minimum_quantity numeric(12,3),
    event_at         timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('stock.best_suppliers');
