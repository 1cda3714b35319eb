package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Conversations set up through the public API, as their owners would. */
final class Seeding {
    private Seeding() {}

    /** A team owned by {@code ownerToken} with the given members; returns its General channel's id. */
    static String teamChannel(Api api, int client, String ownerToken, String name, List<String> memberIds) throws Exception {
        JsonNode team = api.setUp(client, "/api/v1/teams", Map.of("name", name), ownerToken);
        String teamId = team.get("id").asText();
        for (String m : memberIds) {
            api.setUp(client, "/api/v1/teams/" + teamId + "/members", Map.of("userId", m), ownerToken);
        }
        JsonNode channels = api.get(client, "/api/v1/teams/" + teamId + "/channels", ownerToken);
        for (JsonNode c : channels.get("items")) {
            if (c.get("name").asText().equals("General")) {
                return c.get("id").asText();
            }
        }
        throw new IllegalStateException("team " + teamId + " has no General channel");
    }

    /** A direct (one other) or group (two or more others) chat started by the owner of {@code token}. */
    static String chat(Api api, int client, String token, List<String> otherIds) throws Exception {
        String kind = otherIds.size() == 1 ? "direct" : "group";
        return api.setUp(client, "/api/v1/conversations", Map.of("kind", kind, "memberIds", otherIds), token).get("id").asText();
    }

}
