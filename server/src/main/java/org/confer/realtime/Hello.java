package org.confer.realtime;

import java.util.Map;
import java.util.UUID;

/**
 * The first frame a client sends: the seq it has for each conversation, and its userSeq.
 * Conversations without a cursor are delivered live from now (history comes over REST).
 */
public record Hello(Map<UUID, Long> cursors, Long userSeq) {}
