-- The vertical's read model of the Pricing engine's answers, projected from its events; an older event never
-- overwrites a newer row.

CREATE TABLE construction.insight_comparacao_precos (
    tenant_id  uuid        NOT NULL,
    product_id uuid        NOT NULL,
    quotes     jsonb       NOT NULL,
    event_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('construction.insight_comparacao_precos');

CREATE TABLE construction.insight_melhor_fornecedor (
    tenant_id        uuid          NOT NULL,
    product_id       uuid          NOT NULL,
    supplier_id      uuid          NOT NULL,
    price            numeric(12,2) NOT NULL,
    minimum_quantity numeric(12,3),
    stable           boolean       NOT NULL,
    alternatives     uuid[]        NOT NULL,
    explanation      text          NOT NULL,
    event_at         timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('construction.insight_melhor_fornecedor');

CREATE TABLE construction.insight_preco_sugerido (
    tenant_id       uuid          NOT NULL,
    product_id      uuid          NOT NULL,
    base_cost       numeric(12,2) NOT NULL,
    suggested_price numeric(12,2) NOT NULL,
    current_price   numeric(12,2) NOT NULL,
    current_margin  numeric(9,2)  NOT NULL,
    below_minimum   boolean       NOT NULL,
    explanation     text          NOT NULL,
    event_at        timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('construction.insight_preco_sugerido');

CREATE TABLE construction.insight_alertas_preco (
    id             uuid          PRIMARY KEY,
    tenant_id      uuid          NOT NULL,
    supplier_id    uuid          NOT NULL,
    product_id     uuid          NOT NULL,
    previous_price numeric(12,2) NOT NULL,
    new_price      numeric(12,2) NOT NULL,
    change_percent numeric(9,2)  NOT NULL,
    change_rank    integer       NOT NULL,
    kind           text          NOT NULL CHECK (kind IN ('aumento', 'diminuicao')),
    explanation    text          NOT NULL,
    raised_at      timestamptz   NOT NULL
);
CREATE INDEX insight_alertas_preco_order ON construction.insight_alertas_preco (tenant_id, change_rank DESC, id);
SELECT platform.enable_tenant_isolation('construction.insight_alertas_preco');
