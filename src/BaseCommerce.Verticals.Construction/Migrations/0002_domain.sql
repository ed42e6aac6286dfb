-- The construction-materials store: customers and their sites, the catalogue, suppliers and their prices, stock,
-- quotes and orders. Every table is tenant-owned and isolated by row-level security. Money is numeric(12,2),
-- quantities numeric(12,3), percentages numeric(5,2).

CREATE TABLE construction.clientes (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES identity.tenants (id),
    kind        text        NOT NULL CHECK (kind IN ('PF', 'PJ')),
    name        text        NOT NULL CHECK (length(trim(name)) > 0),
    document    text        NOT NULL CHECK (document ~ '^([0-9]{11}|[0-9]{14})$'),
    email       text,
    phone       text,
    address     text,
    city        text,
    state       text        CHECK (state ~ '^[A-Z]{2}$'),
    cep         text        CHECK (cep ~ '^[0-9]{5}-[0-9]{3}$'),
    notes       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT clientes_tenant_document_key UNIQUE (tenant_id, document),
    CONSTRAINT clientes_tenant_id_key UNIQUE (tenant_id, id)
);
CREATE INDEX clientes_name ON construction.clientes (tenant_id, lower(name));
SELECT platform.enable_tenant_isolation('construction.clientes');

CREATE TABLE construction.obras (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    customer_id uuid        NOT NULL,
    name        text        NOT NULL CHECK (length(trim(name)) > 0),
    address     text,
    city        text,
    state       text        CHECK (state ~ '^[A-Z]{2}$'),
    cep         text        CHECK (cep ~ '^[0-9]{5}-[0-9]{3}$'),
    latitude    numeric(9,6) CHECK (latitude BETWEEN -90 AND 90),
    longitude   numeric(9,6) CHECK (longitude BETWEEN -180 AND 180),
    notes       text,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- The site's customer is in the same store: a composite key makes a cross-store reference impossible.
    CONSTRAINT obras_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES construction.clientes (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT obras_tenant_id_key UNIQUE (tenant_id, id)
);
SELECT platform.enable_tenant_isolation('construction.obras');

CREATE TABLE construction.produtos (
    id          uuid          PRIMARY KEY,
    tenant_id   uuid          NOT NULL REFERENCES identity.tenants (id),
    code        text          CHECK (length(trim(code)) > 0),
    name        text          NOT NULL CHECK (length(trim(name)) > 0),
    description text,
    unit        text          NOT NULL CHECK (unit IN ('UN', 'KG', 'M', 'M2', 'M3', 'SAC', 'L', 'CX', 'PC', 'TON', 'MIL')),
    base_price  numeric(12,2) NOT NULL CHECK (base_price >= 0),
    weight_kg   numeric(12,3) CHECK (weight_kg >= 0),
    active      boolean       NOT NULL DEFAULT true,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT produtos_tenant_code_key UNIQUE (tenant_id, code),
    CONSTRAINT produtos_tenant_id_key UNIQUE (tenant_id, id)
);
CREATE INDEX produtos_active_name ON construction.produtos (tenant_id, active, lower(name));
SELECT platform.enable_tenant_isolation('construction.produtos');

CREATE TABLE construction.historico_precos (
    id          uuid          PRIMARY KEY,
    tenant_id   uuid          NOT NULL,
    product_id  uuid          NOT NULL,
    old_price   numeric(12,2) NOT NULL,
    new_price   numeric(12,2) NOT NULL,
    changed_by  uuid,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT historico_precos_product_fk FOREIGN KEY (tenant_id, product_id) REFERENCES construction.produtos (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX historico_precos_product ON construction.historico_precos (tenant_id, product_id, created_at DESC);
SELECT platform.enable_tenant_isolation('construction.historico_precos');

-- Per-store sequence numbers (COT-001, PED-001): the row is locked by the UPDATE that takes the next number, in the
-- same transaction as the quote or order, so two concurrent creations can never get the same number.
CREATE TABLE construction.numeradores (
    tenant_id   uuid    NOT NULL REFERENCES identity.tenants (id),
    kind        text    NOT NULL CHECK (kind IN ('cotacao', 'pedido')),
    last_value  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, kind)
);
SELECT platform.enable_tenant_isolation('construction.numeradores');

CREATE TABLE construction.cotacoes (
    id               uuid          PRIMARY KEY,
    tenant_id        uuid          NOT NULL,
    number           text          NOT NULL,
    customer_id      uuid          NOT NULL,
    site_id          uuid,
    status           text          NOT NULL CHECK (status IN ('rascunho', 'enviada', 'aprovada', 'convertida', 'cancelada')),
    discount_percent numeric(5,2)  NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
    subtotal         numeric(12,2) NOT NULL CHECK (subtotal >= 0),
    discount_value   numeric(12,2) NOT NULL CHECK (discount_value >= 0),
    total            numeric(12,2) NOT NULL CHECK (total >= 0),
    notes            text,
    validity_days    integer       NOT NULL DEFAULT 7 CHECK (validity_days BETWEEN 1 AND 365),
    valid_until      timestamptz   NOT NULL,
    created_by       uuid,
    sent_at          timestamptz,
    approved_at      timestamptz,
    converted_at     timestamptz,
    cancelled_at     timestamptz,
    version          integer       NOT NULL DEFAULT 1,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT cotacoes_tenant_number_key UNIQUE (tenant_id, number),
    CONSTRAINT cotacoes_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT cotacoes_total CHECK (total = subtotal - discount_value),
    CONSTRAINT cotacoes_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES construction.clientes (tenant_id, id),
    CONSTRAINT cotacoes_site_fk FOREIGN KEY (tenant_id, site_id) REFERENCES construction.obras (tenant_id, id)
);
CREATE INDEX cotacoes_status ON construction.cotacoes (tenant_id, status, created_at DESC);
CREATE INDEX cotacoes_customer ON construction.cotacoes (tenant_id, customer_id);
CREATE INDEX cotacoes_created ON construction.cotacoes (tenant_id, created_at DESC);
SELECT platform.enable_tenant_isolation('construction.cotacoes');

CREATE TABLE construction.cotacao_itens (
    id               uuid          PRIMARY KEY,
    tenant_id        uuid          NOT NULL,
    quote_id         uuid          NOT NULL,
    product_id       uuid          NOT NULL,
    quantity         numeric(12,3) NOT NULL CHECK (quantity > 0),
    unit_price       numeric(12,2) NOT NULL CHECK (unit_price >= 0),
    discount_percent numeric(5,2)  NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
    total            numeric(12,2) NOT NULL CHECK (total >= 0),
    notes            text,
    position         integer       NOT NULL,
    CONSTRAINT cotacao_itens_quote_fk FOREIGN KEY (tenant_id, quote_id) REFERENCES construction.cotacoes (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT cotacao_itens_product_fk FOREIGN KEY (tenant_id, product_id) REFERENCES construction.produtos (tenant_id, id)
);
CREATE INDEX cotacao_itens_quote ON construction.cotacao_itens (tenant_id, quote_id, position);
SELECT platform.enable_tenant_isolation('construction.cotacao_itens');

CREATE TABLE construction.pedidos (
    id               uuid          PRIMARY KEY,
    tenant_id        uuid          NOT NULL,
    number           text          NOT NULL,
    quote_id         uuid,
    customer_id      uuid          NOT NULL,
    site_id          uuid,
    status           text          NOT NULL CHECK (status IN ('pendente', 'em_preparacao', 'saiu_entrega', 'entregue', 'cancelado')),
    discount_percent numeric(5,2)  NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
    subtotal         numeric(12,2) NOT NULL CHECK (subtotal >= 0),
    discount_value   numeric(12,2) NOT NULL CHECK (discount_value >= 0),
    total            numeric(12,2) NOT NULL CHECK (total >= 0),
    notes            text,
    created_by       uuid,
    preparing_at     timestamptz,
    dispatched_at    timestamptz,
    delivered_at     timestamptz,
    cancelled_at     timestamptz,
    version          integer       NOT NULL DEFAULT 1,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT pedidos_tenant_number_key UNIQUE (tenant_id, number),
    CONSTRAINT pedidos_tenant_id_key UNIQUE (tenant_id, id),
    -- One order per quote: the database, not only the code, makes conversion idempotent.
    CONSTRAINT pedidos_quote_key UNIQUE (tenant_id, quote_id),
    CONSTRAINT pedidos_total CHECK (total = subtotal - discount_value),
    CONSTRAINT pedidos_quote_fk FOREIGN KEY (tenant_id, quote_id) REFERENCES construction.cotacoes (tenant_id, id),
    CONSTRAINT pedidos_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES construction.clientes (tenant_id, id),
    CONSTRAINT pedidos_site_fk FOREIGN KEY (tenant_id, site_id) REFERENCES construction.obras (tenant_id, id)
);
CREATE INDEX pedidos_status ON construction.pedidos (tenant_id, status, created_at DESC);
CREATE INDEX pedidos_customer ON construction.pedidos (tenant_id, customer_id);
SELECT platform.enable_tenant_isolation('construction.pedidos');

CREATE TABLE construction.pedido_itens (
    id               uuid          PRIMARY KEY,
    tenant_id        uuid          NOT NULL,
    order_id         uuid          NOT NULL,
    product_id       uuid          NOT NULL,
    quantity         numeric(12,3) NOT NULL CHECK (quantity > 0),
    unit_price       numeric(12,2) NOT NULL CHECK (unit_price >= 0),
    discount_percent numeric(5,2)  NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
    total            numeric(12,2) NOT NULL CHECK (total >= 0),
    notes            text,
    position         integer       NOT NULL,
    CONSTRAINT pedido_itens_order_fk FOREIGN KEY (tenant_id, order_id) REFERENCES construction.pedidos (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT pedido_itens_product_fk FOREIGN KEY (tenant_id, product_id) REFERENCES construction.produtos (tenant_id, id)
);
CREATE INDEX pedido_itens_order ON construction.pedido_itens (tenant_id, order_id, position);
SELECT platform.enable_tenant_isolation('construction.pedido_itens');
