package org.confer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Values kept as JSON text in a column (a form's fields, a visit's answers, an audit detail).
 * What Confer wrote it can always read back, so a failure either way is a bug, not bad input:
 * an unchecked exception naming the column, never a problem+json to a caller.
 */
public final class JsonColumns {
    private final ObjectMapper mapper = Json.newMapper();
    private final String what;

    /** {@code what} names the columns in errors ("a stored visits column"). */
    public JsonColumns(String what) {
        this.what = what;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": value is not JSON-writable", e);
        }
    }

    public <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " is not JSON", e);
        }
    }
}
