-- The text limits the API states (Domain/InputRules.cs, Limits), kept by the database too. NOT VALID: rows written
-- before the limits existed are left as they are (an operator can VALIDATE CONSTRAINT after trimming them); every new
-- or updated row is checked.
ALTER TABLE construction.clientes
    ADD CONSTRAINT clientes_name_length CHECK (char_length(name) <= 200) NOT VALID,
    ADD CONSTRAINT clientes_email_length CHECK (char_length(email) <= 254) NOT VALID,
    ADD CONSTRAINT clientes_phone_length CHECK (char_length(phone) <= 30) NOT VALID,
    ADD CONSTRAINT clientes_address_length CHECK (char_length(address) <= 300) NOT VALID,
    ADD CONSTRAINT clientes_city_length CHECK (char_length(city) <= 100) NOT VALID,
    ADD CONSTRAINT clientes_notes_length CHECK (char_length(notes) <= 2000) NOT VALID;
ALTER TABLE construction.obras
    ADD CONSTRAINT obras_name_length CHECK (char_length(name) <= 200) NOT VALID,
    ADD CONSTRAINT obras_address_length CHECK (char_length(address) <= 300) NOT VALID,
    ADD CONSTRAINT obras_city_length CHECK (char_length(city) <= 100) NOT VALID,
    ADD CONSTRAINT obras_notes_length CHECK (char_length(notes) <= 2000) NOT VALID;
ALTER TABLE construction.produtos
    ADD CONSTRAINT produtos_code_length CHECK (char_length(code) <= 50) NOT VALID,
    ADD CONSTRAINT produtos_name_length CHECK (char_length(name) <= 200) NOT VALID,
    ADD CONSTRAINT produtos_description_length CHECK (char_length(description) <= 2000) NOT VALID;
ALTER TABLE construction.cotacoes
    ADD CONSTRAINT cotacoes_notes_length CHECK (char_length(notes) <= 2000) NOT VALID;
ALTER TABLE construction.cotacao_itens
    ADD CONSTRAINT cotacao_itens_notes_length CHECK (char_length(notes) <= 500) NOT VALID;
ALTER TABLE construction.pedidos
    ADD CONSTRAINT pedidos_notes_length CHECK (char_length(notes) <= 2000) NOT VALID;
ALTER TABLE construction.pedido_itens
    ADD CONSTRAINT pedido_itens_notes_length CHECK (char_length(notes) <= 500) NOT VALID;
ALTER TABLE construction.fornecedores
    ADD CONSTRAINT fornecedores_name_length CHECK (char_length(name) <= 200) NOT VALID,
    ADD CONSTRAINT fornecedores_email_length CHECK (char_length(email) <= 254) NOT VALID,
    ADD CONSTRAINT fornecedores_phone_length CHECK (char_length(phone) <= 30) NOT VALID,
    ADD CONSTRAINT fornecedores_address_length CHECK (char_length(address) <= 300) NOT VALID,
    ADD CONSTRAINT fornecedores_city_length CHECK (char_length(city) <= 100) NOT VALID;
ALTER TABLE construction.movimentos_estoque
    ADD CONSTRAINT movimentos_estoque_reason_length CHECK (char_length(reason) <= 500) NOT VALID;
