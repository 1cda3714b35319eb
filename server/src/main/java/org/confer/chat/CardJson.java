package org.confer.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.confer.events.MessageCard;
import org.confer.http.Json;

/** A message card to and from its JSON column (messages.card). */
final class CardJson {
    private final ObjectMapper mapper = Json.newMapper();

    String write(MessageCard card) {
        if (card == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(card);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message card could not be written as JSON", e);
        }
    }

    MessageCard read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, MessageCard.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored message card is not valid JSON", e);
        }
    }
}
