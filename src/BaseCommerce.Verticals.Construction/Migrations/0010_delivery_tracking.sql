-- What the driver records on a delivery: arrival (chegou), occurrences, and who received it (the proof, which makes the
-- order entregue).
ALTER TABLE construction.entregas
    DROP CONSTRAINT entregas_status_check,
    ADD CONSTRAINT entregas_status_check CHECK (status IN ('saiu_entrega', 'chegou', 'entregue', 'cancelada')),
    ADD COLUMN arrived_at timestamptz,
    ADD COLUMN receiver_name text CHECK (char_length(receiver_name) <= 200),
    ADD COLUMN receiver_document text CHECK (char_length(receiver_document) <= 20);

CREATE TABLE construction.entrega_ocorrencias (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    delivery_id uuid        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('faltou_item', 'item_errado', 'cliente_nao_encontrado', 'recusa', 'outro')),
    description text        CHECK (char_length(description) <= 2000),
    created_by  uuid,
    created_at  timestamptz NOT NULL,
    CONSTRAINT entrega_ocorrencias_delivery_fk FOREIGN KEY (tenant_id, delivery_id) REFERENCES construction.entregas (tenant_id, id)
);
CREATE INDEX entrega_ocorrencias_delivery ON construction.entrega_ocorrencias (tenant_id, delivery_id, created_at);
SELECT platform.enable_tenant_isolation('construction.entrega_ocorrencias');
