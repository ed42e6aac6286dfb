-- The vertical's read model of the Sales engine's lists (complementary products, substitutes, purchase patterns,
-- bundles), projected from its events. A list is replaced whole; its header keeps the time of the event that wrote it,
-- and an older event never replaces a newer list.

CREATE TABLE construction.insight_listas (
    tenant_id uuid        NOT NULL,
    kind      text        NOT NULL CHECK (kind IN ('complementares', 'substitutos', 'padroes', 'combos')),
    owner_id  uuid        NOT NULL,
    orders    integer     NOT NULL DEFAULT 0,
    event_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kind, owner_id)
);
SELECT platform.enable_tenant_isolation('construction.insight_listas');

CREATE TABLE construction.insight_sugestoes (
    tenant_id   uuid         NOT NULL,
    kind        text         NOT NULL,
    owner_id    uuid         NOT NULL,
    position    integer      NOT NULL,
    product_id  uuid         NOT NULL,
    other_id    uuid,
    frequency   numeric(7,2) NOT NULL,
    priority    text         NOT NULL,
    explanation text         NOT NULL,
    orders      integer,
    PRIMARY KEY (tenant_id, kind, owner_id, position),
    CONSTRAINT insight_sugestoes_list_fk FOREIGN KEY (tenant_id, kind, owner_id)
        REFERENCES construction.insight_listas (tenant_id, kind, owner_id) ON DELETE CASCADE
);
CREATE INDEX insight_sugestoes_product ON construction.insight_sugestoes (tenant_id, kind, product_id);
SELECT platform.enable_tenant_isolation('construction.insight_sugestoes');
