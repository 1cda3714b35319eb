package org.confer.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;

/**
 * The chat routes (/api/v1/conversations..., /api/v1/teams...) as calls a genuine caller would
 * make, with the body each route expects, and how a call is sent. ChatAuthorisationTest makes
 * them as people who must be refused. The table lives apart so that the test reads as who calls
 * and what they must get; a new chat route needs one row here (the test's
 * the_calls_here_cover_every_chat_route fails until it has one).
 */
final class ChatRouteCalls {
    private ChatRouteCalls() {}

    /**
     * One chat route as a call: {@code path} uses the route's own placeholders, filled in per call
     * ({userId} is a member of the target, {self} the caller).
     */
    record Call(String method, String route, String path, Object body) {
        static Call of(String method, String route, Object body) {
            return new Call(method, route, route, body);
        }

        Call at(String concretePath) {
            return new Call(method, route, concretePath, body);
        }

        String key() {
            return method + " " + route;
        }
    }

    static final String C = "/api/v1/conversations/{conversationId}";
    static final String T = "/api/v1/teams/{teamId}";
    /** One message of the conversation ({messageId}: a message posted there by a member). */
    static final String M = C + "/messages/{messageId}";
    /** 👍 as a path segment. */
    static final String THUMBS_UP_SEGMENT = "%F0%9F%91%8D";

    /** Routes about one conversation. */
    static final List<Call> CONVERSATION_CALLS = List.of(
            Call.of("GET", C, null),
            Call.of("PATCH", C, Map.of("name", "Renamed by an intruder")),
            Call.of("POST", C + "/archive", Map.of()),
            Call.of("POST", C + "/members", Map.of("userId", "{self}")),
            Call.of("DELETE", C + "/members/{userId}", null),
            Call.of("POST", C + "/messages", Map.of("text", "written by an intruder", "clientMsgId", "intruder-1")),
            Call.of("GET", C + "/messages", null),
            Call.of("GET", C + "/events", null),
            Call.of("POST", C + "/read", Map.of("seq", 1)),
            Call.of("GET", C + "/read-markers", null),
            Call.of("PATCH", M, Map.of("text", "edited by an intruder")),
            Call.of("DELETE", M, null),
            Call.of("POST", M + "/reactions", Map.of("emoji", "👍")),
            Call.of("DELETE", M + "/reactions/{emoji}", null),
            Call.of("GET", M + "/thread", null),
            Call.of("POST", M + "/acknowledge", Map.of()),
            Call.of("GET", M + "/acknowledgements", null),
            // Pinned and saved messages (org.confer.pins) answer under the conversation's path too.
            Call.of("GET", C + "/pins", null),
            Call.of("POST", M + "/pin", Map.of()),
            Call.of("DELETE", M + "/pin", null),
            Call.of("POST", M + "/save", Map.of()),
            Call.of("DELETE", M + "/save", null),
            // Calls (org.confer.calls) start under the conversation's path.
            Call.of("POST", C + "/calls", Map.of("media", "audio")),
            // Bots (org.confer.bots): slash commands, a card's buttons, a bot's card.
            Call.of("GET", C + "/commands", null),
            Call.of("POST", C + "/commands", Map.of("command", "help")),
            Call.of("POST", M + "/actions/{actionId}", Map.of()),
            Call.of("PUT", M + "/card", Map.of("card", Map.of("title", "Changed by an intruder"))),
            // Incoming webhooks (org.confer.bots) of a conversation.
            Call.of("GET", C + "/webhooks", null),
            Call.of("POST", C + "/webhooks", Map.of("name", "Planted by an intruder")),
            // Files (org.confer.files): the conversation's Files tab.
            Call.of("GET", C + "/files", null));

    /** Routes about one team. */
    static final List<Call> TEAM_CALLS = List.of(
            Call.of("GET", T + "/members", null),
            Call.of("POST", T + "/members", Map.of("userId", "{self}")),
            Call.of("DELETE", T + "/members/{userId}", null),
            Call.of("PATCH", T + "/members/{userId}", Map.of("role", "owner")),
            Call.of("GET", T + "/channels", null),
            Call.of("POST", T + "/channels", Map.of("name", "Intruders", "visibility", "standard")),
            // Files (org.confer.files): the team's Files tab.
            Call.of("GET", T + "/files", null));

    /** Routes without an id: open to everyone signed in, they only ever show the caller's own. */
    static final List<Call> COLLECTION_CALLS = List.of(
            Call.of("GET", "/api/v1/teams", null),
            Call.of("POST", "/api/v1/teams", Map.of("name", "Someone's team")),
            Call.of("GET", "/api/v1/conversations", null),
            Call.of("POST", "/api/v1/conversations", Map.of("kind", "group", "memberIds", List.of())));

    /** Sends a call as the holder of {@code token}; {self} in its path or body stands for {@code self}, that caller's id. */
    static Api.Response send(Api api, Call call, String token, String self) {
        Object body = call.body() instanceof Map<?, ?> m ? substitute(m, self) : call.body();
        String path = call.path().replace("{self}", self);
        return switch (call.method()) {
            case "GET" -> api.get(path + (path.endsWith("/events") ? "?after=0" : ""), token);
            case "POST" -> api.post(path, body, token);
            case "PATCH" -> api.patch(path, body, token);
            case "DELETE" -> api.delete(path, token);
            case "PUT" -> {
                Map<String, String> headers = Api.auth(token);
                headers.put("Content-Type", "application/json");
                yield api.send("PUT", path, Api.json(body), headers);
            }
            default -> throw new IllegalArgumentException(call.method());
        };
    }

    private static Map<Object, Object> substitute(Map<?, ?> body, String self) {
        Map<Object, Object> out = new LinkedHashMap<>();
        body.forEach((k, v) -> out.put(k, "{self}".equals(v) ? self : v));
        return out;
    }
}
