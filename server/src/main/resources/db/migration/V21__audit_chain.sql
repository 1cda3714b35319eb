-- The audit log made tamper-evident (docs/audit.md): every record carries its place in one chain
-- (seq, 1, 2, 3 ... with no gaps) and the SHA-256 of its canonical encoding plus the previous
-- record's hash. Rows written before this migration have no seq yet: the first writer (or the
-- first start) chains them in order of (at, id) under the head's lock, then marks them sealed.

ALTER TABLE audit_events ADD COLUMN seq BIGINT;
-- the previous record's hash (64 zeros for the first record), and this record's
ALTER TABLE audit_events ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_events ADD COLUMN hash VARCHAR(64);
-- text kept for the record, too long for detail: a message's text before an edit or a deletion
ALTER TABLE audit_events ADD COLUMN retained_text VARCHAR(16384);
CREATE UNIQUE INDEX audit_events_seq ON audit_events (seq);
CREATE INDEX audit_events_org_seq ON audit_events (organisation_id, seq);
CREATE INDEX audit_events_actor_seq ON audit_events (actor_id, seq);

-- The chain's head: one row, locked (SELECT ... FOR UPDATE) by every writer in its own
-- transaction, so records join the chain one at a time on every node.
CREATE TABLE audit_chain (
    id                 INT                      NOT NULL,
    last_seq           BIGINT                   NOT NULL,
    last_hash          VARCHAR(64)              NOT NULL,
    -- rows older than V21 have been chained
    legacy_sealed      BOOLEAN                  NOT NULL,
    -- the retention checkpoint: the seq and hash of the last pruned record (verification starts after it)
    pruned_through_seq BIGINT                   NOT NULL,
    pruned_hash        VARCHAR(64)              NOT NULL,
    pruned_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT audit_chain_pk PRIMARY KEY (id)
);
INSERT INTO audit_chain (id, last_seq, last_hash, legacy_sealed, pruned_through_seq, pruned_hash, pruned_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', FALSE,
        0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);
