-- The vertical's read model of the Stock engine's insights: projected from the engine's events (never read from the
-- engine's schema). Each row keeps the time of the event that last wrote it, and an older event never overwrites a
-- newer one, so redelivered or reordered events leave the same state.

CREATE TABLE construction.insight_alertas_estoque (
    id               uuid          PRIMARY KEY,
    tenant_id        uuid          NOT NULL,
    product_id       uuid          NOT NULL,
    product_name     text          NOT NULL,
    status           text          NOT NULL CHECK (status IN ('ativo', 'reconhecido', 'resolvido')),
    risk             text          NOT NULL CHECK (risk IN ('alto', 'medio', 'baixo')),
    risk_rank        smallint      NOT NULL,
    on_hand          numeric(14,3) NOT NULL,
    available        numeric(14,3) NOT NULL,
    reorder_point    numeric(14,3) NOT NULL,
    average_daily    numeric(14,4) NOT NULL,
    days_to_stockout integer,
    explanation      text          NOT NULL,
    raised_at        timestamptz   NOT NULL,
    acknowledged_at  timestamptz,
    acknowledged_by  uuid,
    resolved_at      timestamptz,
    resolved_reason  text,
    event_at         timestamptz   NOT NULL
);
CREATE INDEX insight_alertas_estoque_open ON construction.insight_alertas_estoque (tenant_id, status, risk_rank DESC, id);
SELECT platform.enable_tenant_isolation('construction.insight_alertas_estoque');

CREATE TABLE construction.insight_reposicao (
    tenant_id     uuid          NOT NULL,
    product_id    uuid          NOT NULL,
    quantity      numeric(14,3) NOT NULL,
    maximum_stock numeric(14,3) NOT NULL,
    priority      text          NOT NULL CHECK (priority IN ('alta', 'media', 'baixa')),
    priority_rank smallint      NOT NULL,
    abc_class     text          NOT NULL,
    explanation   text          NOT NULL,
    withdrawn     boolean       NOT NULL DEFAULT false,
    event_at      timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('construction.insight_reposicao');

-- Per product: what the product page shows.
CREATE TABLE construction.insight_produtos_estoque (
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
    abc_class        text          NOT NULL,
    lead_time_days   integer       NOT NULL,
    event_at         timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('construction.insight_produtos_estoque');

CREATE TABLE construction.insight_abc (
    tenant_id        uuid          NOT NULL,
    product_id       uuid          NOT NULL,
    class            text          NOT NULL CHECK (class IN ('A', 'B', 'C')),
    revenue          numeric(14,2) NOT NULL,
    cumulative_share numeric(7,3)  NOT NULL,
    event_at         timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);
SELECT platform.enable_tenant_isolation('construction.insight_abc');
