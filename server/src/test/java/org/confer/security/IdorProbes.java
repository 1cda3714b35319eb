package org.confer.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The probe table of {@link IdorSweepTest}: for every route whose path takes an id, whose thing
 * the ids name and the body a genuine caller would send, so that the refusal is about the id and
 * never about a malformed request. A table apart from the sweep, because it grows by one row
 * per new route (the sweep fails until it has one) while the sweep itself does not change.
 */
final class IdorProbes {
    private IdorProbes() {}

    /** Whose thing the ids in a route's path name. */
    enum Target {
        /** A conversation (and its messages) of the victim's: {conversationId}, {messageId}, {userId} a member, {emoji}. */
        CONVERSATION,
        /** The victim's team: {teamId}, {userId} a member. */
        TEAM,
        /** One of the victim's signed-in sessions: {sessionId}. */
        SESSION,
        /** A user of another organisation than the attacking organisation admin's: {userId}, and that organisation: {organisationId}. */
        OTHER_ORGANISATIONS_USER,
        /** A live call in one of the victim's conversations, the victim in it: {callId}, {userId} a member. */
        CALL,
        /** A meeting the victim organises (the colleague invited): {meetingId}. */
        MEETING,
        /** A bot of another organisation than the attacking organisation admin's, with a token and a command: {botId}, {tokenId}, {name}. */
        OTHER_ORGANISATIONS_BOT,
        /** The victim's incoming webhook in their group: {webhookId}; {token} and {invocationId} are guesses (the token is the secret). */
        WEBHOOK,
        /** A service of the victim's team and a request the victim filed to it: {serviceId}, {requestId}. */
        REQUEST,
        /** A result the victim was alerted of: {resultId}. */
        RESULT,
        /** The victim's watch of a patient: {watchId}. */
        WATCH,
        /** An on-call role of the victim's organisation (its people may take it over): {roleId}. */
        ON_CALL_ROLE,
        /** The victim's ward's booking calendar, unpublished, and a visit booked on it: {calendarId}, {visitId}, {slug}. */
        VISIT,
        /** A file the victim shared in their private channel, and an upload of theirs in progress: {fileId}, {uploadId}. */
        FILE,
        /** The victim's team, probed by the admin of another organisation than the team's: {teamId}, {userId} a member. */
        OTHER_ORGANISATIONS_TEAM,
        /** The organisation of {@link #OTHER_ORGANISATIONS_USER}, probed by another organisation's admin: {organisationId}. */
        OTHER_ORGANISATION,
        /**
         * The single sign-on of an organisation other than the attacking admin's: {organisationId}, its next
         * private_key_jwt key {keyId}, and a provider identity linked to one of its people {identityId}.
         */
        OTHER_ORGANISATIONS_SSO,
        /** A SCIM token of {@link #OTHER_ORGANISATIONS_USER}'s organisation, probed by another organisation's admin: {organisationId}, {tokenId}. */
        OTHER_ORGANISATIONS_SCIM_TOKEN,
        /**
         * SCIM's resources ({userId}: the foreign user, {groupId}: the victim's team). Sessions never reach /scim/v2 (401 in
         * SCIM's error schema), so nobody here attacks them: scim.ScimConformanceTest sends another organisation's SCIM
         * token at them and gets 404.
         */
        SCIM,
        /** The victim's conversations (no member of the attacker's organisation), probed by another organisation's admin: {conversationId}. */
        OTHER_ORGANISATIONS_CONVERSATION,
        /** A legal hold on the victim, probed by another organisation's admin: {holdId}. */
        LEGAL_HOLD
    }

    /** How one route is probed: what it is about, and the body a genuine caller would send. */
    record Probe(Target target, Object body) {}

    private static final String C = "/api/v1/conversations/{conversationId}";
    private static final String M = C + "/messages/{messageId}";
    private static final String T = "/api/v1/teams/{teamId}";
    private static final String K = "/api/v1/calls/{callId}";
    private static final String MT = "/api/v1/meetings/{meetingId}";
    /** Stands for the attacker's own id in a body. */
    static final String SELF = "{self}";

    /** Method and route (as the route table spells it) → how it is probed. */
    static final Map<String, Probe> BY_ROUTE = probes();

    private static Map<String, Probe> probes() {
        Map<String, Probe> p = new LinkedHashMap<>();
        p.put("GET " + C, new Probe(Target.CONVERSATION, null));
        p.put("PATCH " + C, new Probe(Target.CONVERSATION, Map.of("name", "Renamed by an intruder")));
        p.put("POST " + C + "/archive", new Probe(Target.CONVERSATION, Map.of()));
        p.put("GET " + C + "/events", new Probe(Target.CONVERSATION, null));
        p.put("POST " + C + "/members", new Probe(Target.CONVERSATION, Map.of("userId", SELF)));
        p.put("DELETE " + C + "/members/{userId}", new Probe(Target.CONVERSATION, null));
        p.put("GET " + C + "/messages", new Probe(Target.CONVERSATION, null));
        p.put("POST " + C + "/messages", new Probe(Target.CONVERSATION,
                Map.of("text", "written by an intruder", "clientMsgId", "intruder-1")));
        p.put("PATCH " + M, new Probe(Target.CONVERSATION, Map.of("text", "edited by an intruder")));
        p.put("DELETE " + M, new Probe(Target.CONVERSATION, null));
        p.put("POST " + M + "/acknowledge", new Probe(Target.CONVERSATION, Map.of()));
        p.put("GET " + M + "/acknowledgements", new Probe(Target.CONVERSATION, null));
        p.put("POST " + M + "/reactions", new Probe(Target.CONVERSATION, Map.of("emoji", "👍")));
        p.put("DELETE " + M + "/reactions/{emoji}", new Probe(Target.CONVERSATION, null));
        p.put("GET " + M + "/thread", new Probe(Target.CONVERSATION, null));
        p.put("GET " + C + "/pins", new Probe(Target.CONVERSATION, null));
        p.put("POST " + M + "/pin", new Probe(Target.CONVERSATION, Map.of()));
        p.put("DELETE " + M + "/pin", new Probe(Target.CONVERSATION, null));
        p.put("POST " + M + "/save", new Probe(Target.CONVERSATION, Map.of()));
        p.put("DELETE " + M + "/save", new Probe(Target.CONVERSATION, null));
        p.put("POST " + C + "/read", new Probe(Target.CONVERSATION, Map.of("seq", 1)));
        p.put("GET " + C + "/read-markers", new Probe(Target.CONVERSATION, null));
        p.put("GET " + T + "/members", new Probe(Target.TEAM, null));
        p.put("POST " + T + "/members", new Probe(Target.TEAM, Map.of("userId", SELF)));
        p.put("PATCH " + T + "/members/{userId}", new Probe(Target.TEAM, Map.of("role", "owner")));
        p.put("DELETE " + T + "/members/{userId}", new Probe(Target.TEAM, null));
        p.put("GET " + T + "/channels", new Probe(Target.TEAM, null));
        p.put("POST " + T + "/channels", new Probe(Target.TEAM, Map.of("name", "Intruders", "visibility", "standard")));
        p.put("DELETE /api/v1/me/sessions/{sessionId}", new Probe(Target.SESSION, null));
        p.put("POST " + C + "/calls", new Probe(Target.CONVERSATION, Map.of("media", "audio")));
        p.put("GET " + K, new Probe(Target.CALL, null));
        p.put("POST " + K + "/join", new Probe(Target.CALL, Map.of()));
        p.put("POST " + K + "/leave", new Probe(Target.CALL, Map.of("peerId", SELF)));
        p.put("POST " + K + "/decline", new Probe(Target.CALL, Map.of()));
        p.put("POST " + K + "/lobby/{userId}/admit", new Probe(Target.CALL, Map.of()));
        p.put("POST " + K + "/lobby/{userId}/deny", new Probe(Target.CALL, Map.of()));
        p.put("POST " + K + "/participants/{userId}/remove", new Probe(Target.CALL, Map.of()));
        p.put("GET /api/v1/admin/users/{userId}", new Probe(Target.OTHER_ORGANISATIONS_USER, null));
        p.put("PATCH /api/v1/admin/users/{userId}", new Probe(Target.OTHER_ORGANISATIONS_USER,
                Map.of("displayName", "Renamed by another trust", "status", "disabled")));
        // Single sign-on settings of the foreign user's organisation (docs/single-sign-on.md).
        p.put("GET /api/v1/admin/organisations/{organisationId}/sso", new Probe(Target.OTHER_ORGANISATIONS_USER, null));
        p.put("PUT /api/v1/admin/organisations/{organisationId}/sso", new Probe(Target.OTHER_ORGANISATIONS_USER,
                Map.of("issuer", "https://login.example.test/intruder/v2.0", "clientId", "intruder")));
        p.put("DELETE /api/v1/admin/organisations/{organisationId}/sso", new Probe(Target.OTHER_ORGANISATIONS_USER, null));
        // Cross-organisation policy of the foreign user's organisation (docs/organisation-policy.md).
        p.put("GET /api/v1/admin/organisations/{organisationId}/policy", new Probe(Target.OTHER_ORGANISATIONS_USER, null));
        p.put("PUT /api/v1/admin/organisations/{organisationId}/policy", new Probe(Target.OTHER_ORGANISATIONS_USER,
                Map.of("mode", "blocked")));
        p.put("GET /api/v1/admin/organisations/{organisationId}/policy/conflicts", new Probe(Target.OTHER_ORGANISATIONS_USER, null));
        // Single sign-on's keys and linked identities (docs/single-sign-on.md, "private_key_jwt", "Matching by subject").
        String sso = "/api/v1/admin/organisations/{organisationId}/sso";
        p.put("POST " + sso + "/keys", new Probe(Target.OTHER_ORGANISATIONS_SSO, Map.of("algorithm", "RS256")));
        p.put("POST " + sso + "/keys/{keyId}/activate", new Probe(Target.OTHER_ORGANISATIONS_SSO, Map.of()));
        p.put("DELETE " + sso + "/keys/{keyId}", new Probe(Target.OTHER_ORGANISATIONS_SSO, null));
        p.put("GET " + sso + "/identities", new Probe(Target.OTHER_ORGANISATIONS_SSO, null));
        p.put("DELETE " + sso + "/identities/{identityId}", new Probe(Target.OTHER_ORGANISATIONS_SSO, null));
        // Public by design (a provider reads it without credentials): an organisation that publishes no keys has no key set.
        p.put("GET /api/v1/sso/{organisationId}/jwks.json", new Probe(Target.OTHER_ORGANISATION, null));
        p.put("POST /api/v1/admin/users/{userId}/sign-out-everywhere", new Probe(Target.OTHER_ORGANISATIONS_USER, Map.of()));
        p.put("POST /api/v1/admin/users/{userId}/password-link", new Probe(Target.OTHER_ORGANISATIONS_USER, Map.of()));
        p.put("PATCH /api/v1/admin/organisations/{organisationId}", new Probe(Target.OTHER_ORGANISATION, Map.of("name", "Renamed by another trust")));
        p.put("GET /api/v1/admin/teams/{teamId}/members", new Probe(Target.OTHER_ORGANISATIONS_TEAM, null));
        // SCIM provisioning (docs/provisioning.md): the tokens of another organisation, and SCIM's own resources.
        String scimTokens = "/api/v1/admin/organisations/{organisationId}/scim-tokens";
        p.put("GET " + scimTokens, new Probe(Target.OTHER_ORGANISATIONS_SCIM_TOKEN, null));
        p.put("POST " + scimTokens, new Probe(Target.OTHER_ORGANISATIONS_SCIM_TOKEN, Map.of("name", "Intruder's identity system")));
        p.put("DELETE " + scimTokens + "/{tokenId}", new Probe(Target.OTHER_ORGANISATIONS_SCIM_TOKEN, null));
        for (String scim : new String[] {"/scim/v2/Users/{userId}", "/scim/v2/Groups/{groupId}"}) {
            p.put("GET " + scim, new Probe(Target.SCIM, null));
            p.put("PUT " + scim, new Probe(Target.SCIM, Map.of("displayName", "Renamed by an intruder")));
            p.put("PATCH " + scim, new Probe(Target.SCIM, Map.of("Operations", java.util.List.of())));
            p.put("DELETE " + scim, new Probe(Target.SCIM, null));
        }
        p.put("PATCH /api/v1/admin/teams/{teamId}/members/{userId}", new Probe(Target.OTHER_ORGANISATIONS_TEAM, Map.of("role", "owner")));
        p.put("POST /api/v1/admin/teams/{teamId}/archive", new Probe(Target.OTHER_ORGANISATIONS_TEAM, Map.of()));
        p.put("POST /api/v1/admin/teams/{teamId}/restore", new Probe(Target.OTHER_ORGANISATIONS_TEAM, Map.of()));
        // Retention and compliance export (docs/retention.md).
        String retention = "/api/v1/admin/organisations/{organisationId}/retention";
        p.put("GET " + retention, new Probe(Target.OTHER_ORGANISATIONS_USER, null));
        p.put("PUT " + retention, new Probe(Target.OTHER_ORGANISATIONS_USER, Map.of("action", "delete", "days", 30, "confirm", true)));
        p.put("GET " + retention + "/preview", new Probe(Target.OTHER_ORGANISATIONS_USER, null));
        p.put("POST " + retention + "/run", new Probe(Target.OTHER_ORGANISATIONS_USER, Map.of()));
        p.put("POST /api/v1/admin/legal-holds/{holdId}/release", new Probe(Target.LEGAL_HOLD, Map.of()));
        p.put("GET /api/v1/admin/exports/conversations/{conversationId}", new Probe(Target.OTHER_ORGANISATIONS_CONVERSATION, null));
        p.put("GET /api/v1/admin/exports/users/{userId}", new Probe(Target.OTHER_ORGANISATIONS_USER, null));
        p.put("GET " + MT, new Probe(Target.MEETING, null));
        p.put("PATCH " + MT, new Probe(Target.MEETING, Map.of("title", "Renamed by an intruder")));
        p.put("DELETE " + MT, new Probe(Target.MEETING, null));
        p.put("POST " + MT + "/rsvp", new Probe(Target.MEETING, Map.of("response", "declined")));
        p.put("GET " + MT + "/invitation.ics", new Probe(Target.MEETING, null));
        p.put("POST " + MT + "/join", new Probe(Target.MEETING, Map.of("occurrence", "2027-01-12T13:00:00Z")));
        p.put("GET " + C + "/commands", new Probe(Target.CONVERSATION, null));
        p.put("POST " + C + "/commands", new Probe(Target.CONVERSATION, Map.of("command", "help", "text", "")));
        p.put("PUT " + M + "/card", new Probe(Target.CONVERSATION, Map.of("card", Map.of("title", "Changed by an intruder"))));
        p.put("POST " + M + "/actions/{actionId}", new Probe(Target.CONVERSATION, Map.of()));
        String b = "/api/v1/bots/{botId}";
        p.put("GET " + b, new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("PATCH " + b, new Probe(Target.OTHER_ORGANISATIONS_BOT, Map.of("description", "Changed by another trust", "enabled", false)));
        p.put("DELETE " + b, new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("POST " + b + "/tokens", new Probe(Target.OTHER_ORGANISATIONS_BOT, Map.of("name", "stolen", "scopes", List.of("messages:write"))));
        p.put("GET " + b + "/tokens", new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("DELETE " + b + "/tokens/{tokenId}", new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("GET " + b + "/commands", new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("POST " + b + "/commands", new Probe(Target.OTHER_ORGANISATIONS_BOT, Map.of("name", "intrude", "description", "x")));
        p.put("DELETE " + b + "/commands/{name}", new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("GET " + C + "/webhooks", new Probe(Target.CONVERSATION, null));
        p.put("POST " + C + "/webhooks", new Probe(Target.CONVERSATION, Map.of("name", "Intruder hook")));
        p.put("DELETE /api/v1/webhooks/{webhookId}", new Probe(Target.WEBHOOK, null));
        p.put("POST /api/v1/hooks/{token}", new Probe(Target.WEBHOOK, Map.of("text", "posted by an intruder")));
        p.put("POST /api/v1/commands/{invocationId}/response", new Probe(Target.WEBHOOK, Map.of("text", "answered by an intruder")));
        p.put("GET " + b + "/outgoing", new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("PUT " + b + "/outgoing", new Probe(Target.OTHER_ORGANISATIONS_BOT,
                Map.of("url", "https://hooks.example.com/in", "events", List.of("mention"))));
        p.put("PATCH /api/v1/request-services/{serviceId}", new Probe(Target.REQUEST, Map.of("name", "Renamed by an intruder")));
        p.put("GET /api/v1/requests/{requestId}", new Probe(Target.REQUEST, null));
        p.put("POST /api/v1/requests/{requestId}/claim", new Probe(Target.REQUEST, Map.of()));
        p.put("POST /api/v1/requests/{requestId}/status", new Probe(Target.REQUEST, Map.of("status", "cancelled", "note", "intruder")));
        p.put("GET /api/v1/results/{resultId}", new Probe(Target.RESULT, null));
        p.put("POST /api/v1/results/{resultId}/acknowledge", new Probe(Target.RESULT, Map.of()));
        p.put("GET /api/v1/results/{resultId}/audit", new Probe(Target.RESULT, null));
        p.put("DELETE /api/v1/results/watches/{watchId}", new Probe(Target.WATCH, null));
        p.put("PUT /api/v1/on-call-roles/{roleId}/holder", new Probe(Target.ON_CALL_ROLE, Map.of("userId", SELF)));
        p.put("GET /api/v1/users/{userId}/identifiers", new Probe(Target.OTHER_ORGANISATIONS_USER, null));
        p.put("PUT /api/v1/users/{userId}/identifiers", new Probe(Target.OTHER_ORGANISATIONS_USER,
                Map.of("items", List.of(Map.of("system", "GMC", "value", "7777777")))));
        p.put("GET /api/v1/visit-calendars/{calendarId}", new Probe(Target.VISIT, null));
        p.put("PATCH /api/v1/visit-calendars/{calendarId}", new Probe(Target.VISIT, Map.of("name", "Renamed by an intruder")));
        p.put("GET /api/v1/visit-calendars/{calendarId}/visits", new Probe(Target.VISIT, null));
        p.put("POST /api/v1/visits/{visitId}/outcome", new Probe(Target.VISIT, Map.of("status", "no-show")));
        p.put("POST /api/v1/visits/{visitId}/cancel", new Probe(Target.VISIT, Map.of("reason", "intruder")));
        p.put("POST /api/v1/visits/{visitId}/email", new Probe(Target.VISIT, Map.of("text", "from an intruder")));
        // Joining (the visit is outside its window: seeing it at all would answer 409, not 404).
        p.put("POST /api/v1/visits/{visitId}/join", new Probe(Target.VISIT, Map.of()));
        p.put("POST /api/v1/visits/{visitId}/admit", new Probe(Target.VISIT, Map.of("guestId", java.util.UUID.randomUUID().toString())));
        p.put("POST /api/v1/visits/{visitId}/deny", new Probe(Target.VISIT, Map.of("guestId", java.util.UUID.randomUUID().toString())));
        p.put("POST /api/v1/visits/{visitId}/interpreter", new Probe(Target.VISIT, Map.of("name", "Intruder", "email", "intruder@example.com")));
        // Files (docs/files.md): the victim's file and upload; the Files tabs of their conversations and team.
        p.put("PUT /api/v1/uploads/{uploadId}", new Probe(Target.FILE, new byte[] {'h', 'i'}));
        p.put("GET /api/v1/uploads/{uploadId}", new Probe(Target.FILE, null));
        p.put("DELETE /api/v1/uploads/{uploadId}", new Probe(Target.FILE, null));
        p.put("GET /api/v1/files/{fileId}", new Probe(Target.FILE, null));
        p.put("GET /api/v1/files/{fileId}/content", new Probe(Target.FILE, null));
        p.put("GET /api/v1/files/{fileId}/thumbnail", new Probe(Target.FILE, null));
        p.put("GET " + C + "/files", new Probe(Target.CONVERSATION, null));
        p.put("GET " + T + "/files", new Probe(Target.TEAM, null));
        // Public: an unpublished calendar's page does not exist for anyone.
        p.put("GET /api/v1/public/visit-calendars/{slug}", new Probe(Target.VISIT, null));
        p.put("GET /api/v1/public/visit-calendars/{slug}/slots", new Probe(Target.VISIT, null));
        p.put("POST /api/v1/public/visit-calendars/{slug}/bookings", new Probe(Target.VISIT, Map.of("slotStart", "2030-01-01T10:00:00Z",
                "visitorName", "Intruder", "visitorEmail", "intruder@example.com", "patientName", "Someone", "consent", true,
                "website", "", "challenge", "x", "nonce", "0")));
        return Map.copyOf(p);
    }

    /** A probe's body with {self} replaced by the attacker's own id. */
    static Map<Object, Object> withSelf(Map<?, ?> body, String self) {
        Map<Object, Object> out = new LinkedHashMap<>();
        body.forEach((k, v) -> out.put(k, SELF.equals(v) ? self : v));
        return out;
    }
}
