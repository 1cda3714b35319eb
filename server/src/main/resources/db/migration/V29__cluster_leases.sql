-- Scheduled work in a cluster (docs/operations.md): the audit log's own retention runs on one node
-- at a time. Its pages were already serialised by the chain head's lock, but two nodes pruning at
-- once each wrote an "audit.pruned" record (and each recorded the same broken record again).
INSERT INTO leases (name, holder, expires_at) VALUES ('audit-retention', NULL, NULL);
