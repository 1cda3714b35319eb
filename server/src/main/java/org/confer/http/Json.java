package org.confer.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;
import java.util.stream.Collectors;

/** The one ObjectMapper configuration, and request-body parsing with errors that name the field. */
public final class Json {

    /** Jackson's wording for a repeated key (STRICT_DUPLICATE_DETECTION). */
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("^Duplicate field '(.{0,64})'");

    private Json() {}

    public static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper();
        // Strict strings too: by default Jackson turns 5, 1.5 or true into "5", "1.5", "true",
        // so {"email": 5} would reach the service instead of being refused as the wrong type.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // Strict numbers: 1.5 (or 2.0) where a whole number is expected is refused, not truncated.
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // Duplicate keys are refused: with "last wins", a proxy or audit tool that reads the first
        // {"text": ...} would see a different message from the one Confer stores.
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Requests are strict: an unknown field is most likely a typo the caller wants to hear about.
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .setSerializationInclusion(JsonInclude.Include.NON_ABSENT);
    }

    /** Parses {@code body} as {@code type}, turning Jackson's errors into a 400 that names the field. */
    public static <T> T parse(ObjectMapper mapper, byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new ApiException(ProblemType.MALFORMED_JSON, "The request body is empty; expected a JSON object");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new ApiException(ProblemType.MALFORMED_JSON, "The request body is null; expected a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            throw new ApiException(ProblemType.MALFORMED_JSON, "Unknown field '" + field + "'", Map.of("field", field));
        } catch (JsonParseException e) {
            java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.find()) {
                String field = duplicate.group(1);
                throw new ApiException(ProblemType.MALFORMED_JSON, "Field '" + field + "' appears more than once",
                        Map.of("field", field));
            }
            throw new ApiException(ProblemType.MALFORMED_JSON, "Malformed JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (JsonMappingException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw new ApiException(ProblemType.MALFORMED_JSON, "Expected a JSON object");
            }
            throw new ApiException(ProblemType.MALFORMED_JSON,
                    "Field '" + field + "' has the wrong type or format", Map.of("field", field));
        } catch (JsonProcessingException e) {
            throw new ApiException(ProblemType.MALFORMED_JSON, "Malformed JSON");
        } catch (java.io.IOException e) {
            throw new ApiException(ProblemType.MALFORMED_JSON, "Unreadable request body");
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
