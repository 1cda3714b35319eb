package org.confer.identity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The JSON shapes identity routes return. Password hashes and token hashes never appear here. */
public final class Views {
    private Views() {}

    public record OrganisationView(UUID id, String code, String name, OffsetDateTime createdAt) {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id(), o.code(), o.name(), o.createdAt());
        }
    }

    public record UserView(UUID id, UUID organisationId, String email, String displayName, String jobTitle,
                           String department, String role, String status, OffsetDateTime createdAt, boolean bot) {
        static UserView of(User u) {
            return new UserView(u.id(), u.organisationId(), u.email(), u.displayName(), u.jobTitle(), u.department(),
                    u.role().code(), u.status().code(), u.createdAt(), u.bot());
        }
    }

    /** The signed-in user with their organisation, as /me and sign-in return it. */
    public record MeView(UUID id, String email, String displayName, String jobTitle, String department, String role,
                         String status, OrganisationView organisation, boolean bot) {
        static MeView of(User u, Organisation o) {
            return new MeView(u.id(), u.email(), u.displayName(), u.jobTitle(), u.department(), u.role().code(),
                    u.status().code(), o == null ? null : OrganisationView.of(o), u.bot());
        }
    }

    public record SessionView(UUID id, OffsetDateTime createdAt, OffsetDateTime lastSeenAt, OffsetDateTime expiresAt,
                              String userAgent, String clientAddress, boolean current) {
        static SessionView of(Session s, UUID currentId) {
            return new SessionView(s.id(), s.createdAt(), s.lastSeenAt(), s.expiresAt(), s.userAgent(), s.clientAddress(),
                    s.id().equals(currentId));
        }
    }

    /**
     * A colleague in the directory, with their organisation (shown when it differs from the
     * viewer's); {@code bot}: the web client shows the BOT badge (no person can have it).
     */
    public record ProfileView(UUID id, String email, String displayName, String jobTitle, String department, String status,
                              OrganisationView organisation, boolean bot) {
        static ProfileView of(DirectoryService.Profile p) {
            return new ProfileView(p.id(), p.email(), p.displayName(), p.jobTitle(), p.department(), p.status(),
                    p.organisation() == null ? null : OrganisationView.of(p.organisation()), p.bot());
        }
    }

    public record LoginView(String token, String csrfToken, OffsetDateTime expiresAt, MeView user) {}

    public record PageView<T>(List<T> items, String nextCursor) {}
}
