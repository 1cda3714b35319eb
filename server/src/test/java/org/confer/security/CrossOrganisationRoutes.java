package org.confer.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How every route of the server stands to the cross-organisation policy, for
 * {@link CrossOrganisationPolicyTest}: a route either brings people together (and is probed
 * across three organisations), keeps to the caller's own organisation whatever the policy says,
 * or brings nobody new together, for a stated reason. A new route fails the sweep until it is
 * placed here, so nobody adds a way round the policy without deciding.
 */
final class CrossOrganisationRoutes {
    private CrossOrganisationRoutes() {}

    /** Why a route needs no probe, or which kind of probe it gets. */
    enum Stand {
        /** Brings a person into a conversation, team or meeting: probed across the three organisations. */
        MEETING_POINT,
        /** Finds people: those of a blocking organisation are not shown. */
        DIRECTORY,
        /** Names a person or thing of the caller's own organisation only, whatever the policy allows (results, requests, on-call). */
        OWN_ORGANISATION_ONLY,
        /** Acts among people who are already together (members of the conversation, team, call or meeting). */
        ALREADY_TOGETHER,
        /** Reads, or acts on the caller's own things: nobody new meets anybody. */
        NOBODY_NEW,
        /** An admin acting on their own organisation (platform admins on any): people are managed, not brought together. */
        ADMINISTRATION,
        /** Visits' guests and public pages: guests have no organisation and are only ever admitted to a meeting's call. */
        GUESTS,
        /** Machine interfaces (FHIR, SCIM, hooks, sign-in, health): no person is brought to another by these. */
        MACHINE
    }

    private static final Map<String, Stand> EXPLICIT = explicit();

    /** How a route stands; empty when nobody has decided (the sweep fails). */
    static Optional<Stand> of(String method, String path) {
        Stand s = EXPLICIT.get(method + " " + path);
        if (s != null) {
            return Optional.of(s);
        }
        if (path.startsWith("/api/v1/admin/")) {
            return Optional.of(Stand.ADMINISTRATION);
        }
        if (path.startsWith("/api/v1/public/") || path.startsWith("/api/v1/guest/")) {
            return Optional.of(Stand.GUESTS);
        }
        if (path.startsWith("/scim/")) {
            // A SCIM token manages its own organisation's people and groups; group members go through the team rules.
            return Optional.of(Stand.OWN_ORGANISATION_ONLY);
        }
        if (method.equals("GET") && !path.equals("/api/v1/directory")) {
            return Optional.of(Stand.NOBODY_NEW); // a read shows what the caller may already see (the IDOR sweep proves it)
        }
        return Optional.empty();
    }

    private static Map<String, Stand> explicit() {
        Map<String, Stand> m = new LinkedHashMap<>();
        String c = "/api/v1/conversations/{conversationId}";
        String msg = c + "/messages/{messageId}";
        put(m, Stand.MEETING_POINT, "POST /api/v1/conversations", "POST " + c + "/members", "POST /api/v1/teams/{teamId}/members",
                "POST /api/v1/meetings", "PATCH /api/v1/meetings/{meetingId}");
        put(m, Stand.DIRECTORY, "GET /api/v1/directory");
        put(m, Stand.OWN_ORGANISATION_ONLY, "PUT /api/v1/me/deputy", "PUT /api/v1/on-call-roles/{roleId}/holder", "POST /api/v1/on-call-roles",
                "POST /api/v1/requests", "POST /api/v1/request-services", "PATCH /api/v1/request-services/{serviceId}",
                "POST /api/v1/results/watches", "PUT /api/v1/results/settings", "POST /api/v1/results/feeds",
                "PUT /api/v1/users/{userId}/identifiers", "POST /api/v1/bots", "PATCH /api/v1/bots/{botId}", "DELETE /api/v1/bots/{botId}",
                "POST /api/v1/bots/{botId}/tokens", "DELETE /api/v1/bots/{botId}/tokens/{tokenId}", "POST /api/v1/bots/{botId}/commands",
                "DELETE /api/v1/bots/{botId}/commands/{name}", "PUT /api/v1/bots/{botId}/outgoing",
                "POST /api/v1/visit-calendars", "PATCH /api/v1/visit-calendars/{calendarId}");
        put(m, Stand.ALREADY_TOGETHER,
                // A private channel's members must already be in its team; its creation is checked again all the same.
                "POST /api/v1/teams/{teamId}/channels", "PATCH /api/v1/teams/{teamId}/members/{userId}",
                "DELETE /api/v1/teams/{teamId}/members/{userId}", "DELETE " + c + "/members/{userId}", "PATCH " + c, "POST " + c + "/archive",
                "POST " + c + "/messages", "PATCH " + msg, "DELETE " + msg, "POST " + msg + "/acknowledge", "POST " + msg + "/reactions",
                "DELETE " + msg + "/reactions/{emoji}", "POST " + msg + "/pin", "DELETE " + msg + "/pin", "POST " + msg + "/save",
                "DELETE " + msg + "/save", "POST " + c + "/read", "POST " + c + "/calls", "POST " + c + "/commands", "PUT " + msg + "/card",
                "POST " + msg + "/actions/{actionId}", "POST " + c + "/webhooks", "DELETE /api/v1/webhooks/{webhookId}",
                // Calls are held in a conversation or meeting: only its members and invitees may join; guests come by visits.
                "POST /api/v1/calls/{callId}/join", "POST /api/v1/calls/{callId}/leave", "POST /api/v1/calls/{callId}/decline",
                "POST /api/v1/calls/{callId}/lobby/{userId}/admit", "POST /api/v1/calls/{callId}/lobby/{userId}/deny",
                "POST /api/v1/calls/{callId}/participants/{userId}/remove",
                "DELETE /api/v1/meetings/{meetingId}", "POST /api/v1/meetings/{meetingId}/rsvp", "POST /api/v1/meetings/{meetingId}/join",
                "POST /api/v1/requests/{requestId}/claim", "POST /api/v1/requests/{requestId}/status",
                "POST /api/v1/visits/{visitId}/outcome", "POST /api/v1/visits/{visitId}/cancel", "POST /api/v1/visits/{visitId}/email",
                "POST /api/v1/visits/{visitId}/join", "POST /api/v1/visits/{visitId}/admit", "POST /api/v1/visits/{visitId}/deny",
                "POST /api/v1/visits/{visitId}/interpreter");
        put(m, Stand.NOBODY_NEW, "POST /api/v1/teams", "POST /api/v1/activity/seen", "POST /api/v1/auth/logout", "POST /api/v1/me/password",
                "DELETE /api/v1/me/sessions", "DELETE /api/v1/me/sessions/{sessionId}", "PATCH /api/v1/me/preferences", "PUT /api/v1/me/presence",
                "POST /api/v1/uploads", "PUT /api/v1/uploads/{uploadId}", "DELETE /api/v1/uploads/{uploadId}",
                "DELETE /api/v1/results/watches/{watchId}", "POST /api/v1/results/{resultId}/acknowledge");
        put(m, Stand.MACHINE, "POST /api/v1/auth/login", "POST /api/v1/setup", "POST /api/v1/password-reset", "POST /fhir/DiagnosticReport",
                "POST /api/v1/hooks/{token}", "POST /api/v1/commands/{invocationId}/response");
        return Map.copyOf(m);
    }

    private static void put(Map<String, Stand> m, Stand stand, String... routes) {
        for (String r : List.of(routes)) {
            if (m.put(r, stand) != null) {
                throw new IllegalStateException("placed twice: " + r);
            }
        }
    }
}
