-- The platform's operators are staff of the reserved store 'plataforma' with the roles operador (reads the scheduler's
-- dashboard) and operador-admin (also triggers, requeues, deletes). Identity gives these roles to that store's staff only
-- (StaffAdmin); the column accepts them beside the stores' roles.
ALTER TABLE identity.users DROP CONSTRAINT users_roles_check;
ALTER TABLE identity.users ADD CONSTRAINT users_roles_check CHECK (cardinality(roles) > 0 AND
    roles <@ ARRAY['admin', 'vendedor', 'financeiro', 'estoquista', 'motorista', 'operador', 'operador-admin']);
