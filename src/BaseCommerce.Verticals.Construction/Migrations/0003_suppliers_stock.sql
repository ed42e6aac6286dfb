-- Suppliers and their price lists, and stock: the current quantity per product and every movement that changed it.

CREATE TABLE construction.fornecedores (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES identity.tenants (id),
    name        text        NOT NULL CHECK (length(trim(name)) > 0),
    document    text        NOT NULL CHECK (document ~ '^[0-9]{14}$'),
    email       text,
    phone       text,
    address     text,
    city        text,
    state       text        CHECK (state ~ '^[A-Z]{2}$'),
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fornecedores_tenant_document_key UNIQUE (tenant_id, document),
    CONSTRAINT fornecedores_tenant_id_key UNIQUE (tenant_id, id)
);
SELECT platform.enable_tenant_isolation('construction.fornecedores');

-- A supplier's price for a product. Registering a new one keeps the old row as history (valid = false):
-- at most one valid row per supplier and product.
CREATE TABLE construction.fornecedor_precos (
    id                uuid          PRIMARY KEY,
    tenant_id         uuid          NOT NULL,
    supplier_id       uuid          NOT NULL,
    product_id        uuid          NOT NULL,
    price             numeric(12,2) NOT NULL CHECK (price > 0),
    minimum_quantity  numeric(12,3) CHECK (minimum_quantity > 0),
    payment_term_days integer       CHECK (payment_term_days BETWEEN 0 AND 365),
    lead_time_days    integer       CHECK (lead_time_days BETWEEN 0 AND 365),
    valid             boolean       NOT NULL DEFAULT true,
    registered_by     uuid,
    created_at        timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT fornecedor_precos_supplier_fk FOREIGN KEY (tenant_id, supplier_id) REFERENCES construction.fornecedores (tenant_id, id),
    CONSTRAINT fornecedor_precos_product_fk FOREIGN KEY (tenant_id, product_id) REFERENCES construction.produtos (tenant_id, id)
);
CREATE UNIQUE INDEX fornecedor_precos_one_valid ON construction.fornecedor_precos (tenant_id, supplier_id, product_id) WHERE valid;
CREATE INDEX fornecedor_precos_product ON construction.fornecedor_precos (tenant_id, product_id, valid, created_at DESC);
SELECT platform.enable_tenant_isolation('construction.fornecedor_precos');

-- The current quantity of each product: changed only together with a movement row, never below zero.
CREATE TABLE construction.estoque (
    tenant_id   uuid          NOT NULL,
    product_id  uuid          NOT NULL,
    quantity    numeric(12,3) NOT NULL CHECK (quantity >= 0),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, product_id),
    CONSTRAINT estoque_product_fk FOREIGN KEY (tenant_id, product_id) REFERENCES construction.produtos (tenant_id, id)
);
SELECT platform.enable_tenant_isolation('construction.estoque');

CREATE TABLE construction.movimentos_estoque (
    id             uuid          PRIMARY KEY,
    tenant_id      uuid          NOT NULL,
    product_id     uuid          NOT NULL,
    kind           text          NOT NULL CHECK (kind IN ('entrada', 'ajuste')),
    delta          numeric(12,3) NOT NULL CHECK (delta <> 0),
    quantity_after numeric(12,3) NOT NULL CHECK (quantity_after >= 0),
    supplier_id    uuid,
    unit_cost      numeric(12,2) CHECK (unit_cost >= 0),
    reason         text,
    created_by     uuid,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT movimentos_entrada_positive CHECK (kind <> 'entrada' OR delta > 0),
    CONSTRAINT movimentos_ajuste_reason CHECK (kind <> 'ajuste' OR length(trim(reason)) > 0),
    CONSTRAINT movimentos_product_fk FOREIGN KEY (tenant_id, product_id) REFERENCES construction.produtos (tenant_id, id),
    CONSTRAINT movimentos_supplier_fk FOREIGN KEY (tenant_id, supplier_id) REFERENCES construction.fornecedores (tenant_id, id)
);
CREATE INDEX movimentos_estoque_product ON construction.movimentos_estoque (tenant_id, product_id, created_at DESC);
SELECT platform.enable_tenant_isolation('construction.movimentos_estoque');
