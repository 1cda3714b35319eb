-- The node that holds a live call's roster in memory (docs/calls-and-meetings.md, "Where a call
-- lives"): the bus id of the node that started it. The other nodes of a cluster forward what
-- concerns the call to it, and end the call when that node is gone. Null for calls stored before
-- this column; one node ends those at start, a cluster when their owner is not heard of.
ALTER TABLE calls ADD COLUMN owner_node VARCHAR(64);
