-- Whether a message mentions everyone (@channel / @team as a whole token), stored when the
-- message is written or edited (org.confer.chat.EveryoneMention) instead of being worked out
-- from the text by substring in every count: "ward@team.example" or "@teamwork" must not raise
-- everyone's mention badge (docs/decisions.md, "Everyone-mentions are whole tokens").
ALTER TABLE messages ADD COLUMN mentions_channel BOOLEAN DEFAULT FALSE NOT NULL;

-- Backfill by the same rule. REGEXP_LIKE exists in H2 2.x and PostgreSQL 15+ (the supported
-- floor). The pattern is the Java rule with "letter or digit" narrowed to ASCII, so it can only
-- match more than the Java rule (a non-ASCII letter next to the token), never less: an old
-- message is never silently stripped of an everyone-mention. Deleted messages have no text.
UPDATE messages SET mentions_channel = TRUE
WHERE text IS NOT NULL
  AND (text LIKE '%@channel%' OR text LIKE '%@team%')
  AND REGEXP_LIKE(text, '(^|[^A-Za-z0-9_.@-])@(channel|team)($|[^A-Za-z0-9_.@-]|[.]($|[^A-Za-z0-9]))');
