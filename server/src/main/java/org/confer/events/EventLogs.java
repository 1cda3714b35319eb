package org.confer.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What an {@link Outbox} writes to: the seq counters, both event logs, the bus and the frame writer. */
public record EventLogs(ConversationSeqs seqs, EventStore conversations, UserEventStore users, Bus bus,
                        FrameWriter frames, ObjectMapper mapper) {

    /** An event payload as stored: the record's JSON, its kind first. */
    String json(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }
}
