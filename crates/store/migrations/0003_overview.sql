-- The staff web application's overview (Overzicht) and administration
-- (Beheer). Portable SQL only, as in 0001.

-- Overzicht: each filter narrows by an index that also serves the keyset
-- order (received_at DESC, id DESC), so a page never scans the table.
CREATE INDEX complaints_category_received_idx ON complaints (category, received_at, id);
CREATE INDEX complaints_manager_received_idx ON complaints (responsible_manager, received_at, id);
CREATE INDEX complaints_handler_received_idx ON complaints (handler, received_at, id);
-- Overdue counts per step read only the overdue part of this index.
CREATE INDEX complaints_next_due_step_idx ON complaints (next_due, next_step);

-- Beheer: the lists of categories and root causes (DESIGN §6). Values are
-- renamed or deactivated, never deleted. `name_key` (trimmed, lower case)
-- keeps names unique within a list regardless of case.
CREATE TABLE list_values (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    position   INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT list_values_kind_name_key UNIQUE (kind, name_key)
);

-- Dutch defaults (2026-01-01T00:00:00Z).
INSERT INTO list_values (id, kind, name, name_key, active, position, created_at) VALUES
    ('ef10d415-261e-4c08-92a7-c16215da6ee4', 'category', 'Bejegening', 'bejegening', TRUE, 1, 1767225600000000),
    ('800d686b-82e6-449a-8579-a6e0c0f90734', 'category', 'Planning', 'planning', TRUE, 2, 1767225600000000),
    ('73c60c65-16c5-4fe4-80fa-43b66b6e0992', 'category', 'Kwaliteit van dienst', 'kwaliteit van dienst', TRUE, 3, 1767225600000000),
    ('e70b9504-19ba-4993-b205-5fc46a50de67', 'category', 'Kwaliteit van zorg', 'kwaliteit van zorg', TRUE, 4, 1767225600000000),
    ('1008c822-b94f-49a2-a1c8-f489e0dc2e2e', 'category', 'Facturatie', 'facturatie', TRUE, 5, 1767225600000000),
    ('fb0c4d04-9933-4d27-b343-318a15ede9fc', 'category', 'Schade', 'schade', TRUE, 6, 1767225600000000),
    ('a2024a3b-2f68-4c0f-bd20-103c5c117f13', 'category', 'Veiligheid', 'veiligheid', TRUE, 7, 1767225600000000),
    ('e66389d8-7758-455a-b59c-0b1106da2dc8', 'category', 'Communicatie', 'communicatie', TRUE, 8, 1767225600000000),
    ('0b129161-ab64-4938-b3fb-deb3337d4af9', 'category', 'Overig', 'overig', TRUE, 9, 1767225600000000),
    ('aa543cc9-6bb5-4862-bfc0-e8a31ca33e03', 'cause', 'Menselijke fout', 'menselijke fout', TRUE, 1, 1767225600000000),
    ('6bdcc54d-33d3-4912-b66e-e395796b7754', 'cause', 'Werkdruk', 'werkdruk', TRUE, 2, 1767225600000000),
    ('699d447d-8c33-4e6f-be73-e6279e57872e', 'cause', 'Onduidelijke afspraak', 'onduidelijke afspraak', TRUE, 3, 1767225600000000),
    ('70871f00-0afe-45f8-aaec-1fdb406d0fdd', 'cause', 'Procedure ontbreekt', 'procedure ontbreekt', TRUE, 4, 1767225600000000),
    ('0fe95787-88d6-4342-93bf-f3df4a3d77f5', 'cause', 'Systeemfout', 'systeemfout', TRUE, 5, 1767225600000000),
    ('35fafc39-1fc4-49ec-ab0e-0c2a0053b0f7', 'cause', 'Externe oorzaak', 'externe oorzaak', TRUE, 6, 1767225600000000),
    ('ce52c06f-7177-489e-bd0a-aa3402c295bd', 'cause', 'Overig', 'overig', TRUE, 7, 1767225600000000);

-- Beheer: every change by the administrator, who, when and what (Logboek).
-- Append-only; the actor's name is kept as it was at the time.
CREATE TABLE admin_audit (
    id         TEXT PRIMARY KEY,
    at         BIGINT NOT NULL,
    actor_id   TEXT,
    actor_name TEXT NOT NULL,
    kind       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    details    TEXT NOT NULL
);
CREATE INDEX admin_audit_at_idx ON admin_audit (at, id);
