-- Rows as schema version 1 writes them (frozen): a memory and FrozenSample.Unit.
-- Every stored representation appears here: dates, tag/prop/note JSON, hashes, nulls.
INSERT INTO memories (id, name, source_lang, target_lang, description, created_at, updated_at, unit_count)
VALUES (1, 'tg-en', 'tg', 'en', 'Ҳуҷҷатҳои ҳуқуқӣ', '2021-03-04T05:06:07.0000000Z', '2022-11-30T23:59:58.0000000Z', 2);

INSERT INTO units (id, memory_id, source_text, source_tags, target_text, target_tags, source_hash, target_hash, pair_hash,
    prev_source, next_source, external_id, props, notes, created_by, created_at, changed_by, changed_at, usage_count, last_used_at)
VALUES (7, 1, 'Шартнома "А" имзо шуд.',
    '[{"kind":1,"pos":0,"xml":"<bpt i=\"1\">&lt;b&gt;</bpt>"},{"kind":2,"pos":8,"xml":"<ept i=\"1\">&lt;/b&gt;</ept>"},{"kind":4,"pos":22,"xml":"<ph x=\"2\">&lt;br/&gt;</ph>"}]',
    'Contract "A" was signed.',
    '[{"kind":3,"pos":0,"xml":"<it pos=\"begin\">&lt;b&gt;</it>"},{"kind":5,"pos":9,"xml":"<hi type=\"quote\">"},{"kind":6,"pos":12,"xml":"</hi>"},{"kind":7,"pos":24,"xml":"<ut>&lt;x/&gt;</ut>"}]',
    -7118488022135919097, -8341586271064134611, 8080381337038358922,
    'Моддаи 1.', 'Моддаи 2.', 'tu-7',
    '[{"type":"x-domain","value":"ҳуқуқ","lang":"tg"},{"type":"x-client","value":"Acme"}]',
    '[{"text":"Reviewed.","lang":"en"},{"text":"Тафтиш шуд"}]',
    'nigora', '2021-03-04T05:06:07.1234567Z', 'farrukh', '2022-11-30T23:59:58.0000000Z', 4, '2023-01-02T03:04:05.0000000Z');

-- A plain unit: no tags, no metadata beyond the creation date.
INSERT INTO units (id, memory_id, source_text, source_tags, target_text, target_tags, source_hash, target_hash, pair_hash,
    prev_source, next_source, external_id, props, notes, created_by, created_at, changed_by, changed_at, usage_count, last_used_at)
VALUES (8, 1, 'Салом, дунё!', NULL, 'Hello, world!', NULL, -7324637538000818026, -1214182603299102136, 5725669644048623768,
    NULL, NULL, NULL, NULL, NULL, NULL, '2021-03-04T05:06:07.0000000Z', NULL, NULL, 0, NULL);

PRAGMA user_version = 1;
