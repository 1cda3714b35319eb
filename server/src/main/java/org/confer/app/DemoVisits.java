package org.confer.app;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.chat.Conversation;
import org.confer.chat.TeamRole;
import org.confer.chat.TeamService;
import org.confer.db.Database;
import org.confer.http.RateLimitedException;
import org.confer.identity.DemoSeeder;
import org.confer.identity.Principal;
import org.confer.identity.User;
import org.confer.identity.UserStore;
import org.confer.visits.VisitCalendar.Host;
import org.confer.visits.VisitCalendar.OpeningHours;
import org.confer.visits.VisitCalendars;
import org.confer.visits.VisitField;

/**
 * Demo data for virtual visits (docs/virtual-visits.md): the ward team "Ward 7 - Respiratory"
 * (Fatima Hussain, ward sister, owns it; Alice Moreno, ward nurse, is in it and hosts the
 * visits), its channel "Ward 7 visits" for the booking notices, and the published calendar
 * "Ward 7 virtual visits" at /book/ward-7: every day 10:00-12:00 and 14:00-18:00, 30-minute
 * visits, 10 minutes between them, 2 places. Made through the services; each piece only when
 * missing, so a restart changes nothing (and a manager's later edits are kept).
 */
final class DemoVisits {
    static final String TEAM = "Ward 7 - Respiratory";
    static final String CHANNEL = "Ward 7 visits";
    static final String SLUG = "ward-7";

    private final Database db;
    private final UserStore users;
    private final TeamService teams;
    private final VisitCalendars calendars;

    DemoVisits(Database db, UserStore users, TeamService teams, VisitCalendars calendars) {
        this.db = db;
        this.users = users;
        this.teams = teams;
        this.calendars = calendars;
    }

    /**
     * Makes what is missing; returns one line for the start-up banner. The pieces are made through
     * the services, so they spend the demo people's write budgets: with budgets set very low (a
     * test of the budgets) the ward is left out and the banner says why, rather than the server
     * failing to start over demo data.
     */
    String seed() {
        try {
            return seedWard();
        } catch (RateLimitedException e) {
            return "Demo virtual visits: skipped (" + e.getMessage() + ")";
        }
    }

    private String seedWard() {
        Optional<User> sister = demo("fatima");
        Optional<User> nurse = demo("alice");
        if (sister.isEmpty() || nurse.isEmpty()) {
            return "Demo virtual visits: skipped (no demo ward sister and nurse)";
        }
        Principal fatima = principal(sister.get());
        if (calendars.list(fatima).stream().anyMatch(c -> c.slug().equals(SLUG))) {
            return "Demo virtual visits: /book/" + SLUG;
        }
        UUID team = teams.myTeams(fatima).stream().filter(t -> t.name().equals(TEAM)).map(t -> t.id()).findFirst()
                .orElseGet(() -> teams.createTeam(fatima, TEAM, "Respiratory ward: nurses, sisters and the ward's iPad").id());
        if (teams.teamMembers(fatima, team).stream().noneMatch(m -> m.userId().equals(nurse.get().id()))) {
            teams.addTeamMember(fatima, team, nurse.get().id(), TeamRole.MEMBER);
        }
        UUID channel = teams.channels(fatima, team).stream().filter(c -> CHANNEL.equals(c.name())).map(Conversation::id)
                .findFirst().orElseGet(() -> teams.createChannel(fatima, team, CHANNEL, "standard", List.of()).id());
        List<OpeningHours> hours = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            hours.add(new OpeningHours(day, LocalTime.of(10, 0), LocalTime.of(12, 0)));
            hours.add(new OpeningHours(day, LocalTime.of(14, 0), LocalTime.of(18, 0)));
        }
        calendars.create(fatima, new VisitCalendars.CalendarBody(team, channel, SLUG, "Ward 7 virtual visits", 30, 10, 2, 14, 60,
                hours, List.of(), List.of(new VisitField("bed", "Bed (if you know it)", false)),
                "Northgate Teaching Hospitals uses your name, email and mobile only to arrange and remind you of this visit, "
                        + "and deletes them after 30 days.",
                "I agree to the ward using these details to arrange the visit.", true,
                List.of(new Host(nurse.get().id(), false)), List.of()));
        return "Demo virtual visits: /book/" + SLUG + " (Ward 7, hosted by Alice Moreno)";
    }

    private Optional<User> demo(String localPart) {
        return users.credentialsByEmail(db.dsl(), localPart + "@" + DemoSeeder.DOMAIN).map(UserStore.Credentials::user);
    }

    private static Principal principal(User u) {
        return new Principal(u.id(), u.organisationId(), u.role(), null, false);
    }
}
