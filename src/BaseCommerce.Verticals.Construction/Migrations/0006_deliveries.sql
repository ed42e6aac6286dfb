-- Deliveries (entregas): an order leaves in one or more of them. Today every order has exactly one, created when the
-- order leaves the store (saiu_entrega, or straight to entregue at the counter); partial deliveries will add rows,
-- not change the shape. Stock leaves per delivery: its outgoing movements (saida) are written in the transaction that
-- dispatches it, and written back (estorno) if the order is cancelled after that.

CREATE TABLE construction.entregas (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL,
    order_id      uuid        NOT NULL,
    sequence      integer     NOT NULL CHECK (sequence > 0),
    status        text        NOT NULL CHECK (status IN ('saiu_entrega', 'entregue', 'cancelada')),
    dispatched_at timestamptz NOT NULL,
    delivered_at  timestamptz,
    cancelled_at  timestamptz,
    created_by    uuid,
    CONSTRAINT entregas_order_fk FOREIGN KEY (tenant_id, order_id) REFERENCES construction.pedidos (tenant_id, id),
    CONSTRAINT entregas_order_sequence UNIQUE (tenant_id, order_id, sequence),
    CONSTRAINT entregas_tenant_id_key UNIQUE (tenant_id, id)
);
SELECT platform.enable_tenant_isolation('construction.entregas');

-- What a delivery carries, per product, in the product's stock unit.
CREATE TABLE construction.entrega_itens (
    tenant_id   uuid          NOT NULL,
    delivery_id uuid          NOT NULL,
    product_id  uuid          NOT NULL,
    quantity    numeric(12,3) NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (tenant_id, delivery_id, product_id),
    CONSTRAINT entrega_itens_delivery_fk FOREIGN KEY (tenant_id, delivery_id) REFERENCES construction.entregas (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT entrega_itens_product_fk FOREIGN KEY (tenant_id, product_id) REFERENCES construction.produtos (tenant_id, id)
);
SELECT platform.enable_tenant_isolation('construction.entrega_itens');

ALTER TABLE construction.movimentos_estoque ADD COLUMN delivery_id uuid;
ALTER TABLE construction.movimentos_estoque
    DROP CONSTRAINT movimentos_estoque_kind_check,
    ADD CONSTRAINT movimentos_estoque_kind_check CHECK (kind IN ('entrada', 'ajuste', 'saida', 'estorno')),
    ADD CONSTRAINT movimentos_delivery_fk FOREIGN KEY (tenant_id, delivery_id) REFERENCES construction.entregas (tenant_id, id),
    ADD CONSTRAINT movimentos_saida_delivery CHECK (kind NOT IN ('saida', 'estorno') OR delivery_id IS NOT NULL),
    ADD CONSTRAINT movimentos_saida_negative CHECK (kind <> 'saida' OR delta < 0),
    ADD CONSTRAINT movimentos_estorno_positive CHECK (kind <> 'estorno' OR delta > 0);
-- One outgoing and at most one write-back per delivery and product.
CREATE UNIQUE INDEX movimentos_estoque_delivery ON construction.movimentos_estoque (tenant_id, delivery_id, product_id, kind) WHERE delivery_id IS NOT NULL;
