package org.confer.app;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.chat.Conversation;
import org.confer.chat.TeamRole;
import org.confer.chat.TeamService;
import org.confer.db.Database;
import org.confer.identity.DemoSeeder;
import org.confer.identity.Principal;
import org.confer.identity.User;
import org.confer.identity.UserStore;
import org.confer.requests.FormField;
import org.confer.requests.ServiceCatalogue;
import org.confer.requests.Targets;
import org.confer.results.ResultAdmin;
import org.confer.results.ResultViews;

/**
 * Demo data for issue 14's features, so that {@code --demo} shows them (docs/integrations.md,
 * "Demo data"): in Northgate Teaching Hospitals, the results feed {@code DEMO-LAB}, GMC numbers on
 * the demo doctors, the on-call role "Medical consultant on call" held by Dr Bob Adeyemi as the
 * escalation chain, and a Phlebotomy team with its service and queue channel. Made through the
 * features' services as the demo organisation admin; each piece is made only when missing, so
 * a restart changes nothing (and an admin's later edits are kept).
 */
final class DemoIntegrations {
    static final String FEED = "DEMO-LAB";
    static final String ON_CALL_ROLE = "Medical consultant on call";
    static final String PHLEBOTOMY_TEAM = "Phlebotomy";
    /** Demo doctors and their (made-up) GMC numbers. */
    static final List<String[]> GMC = List.of(new String[] {"bob", "7000002"}, new String[] {"chloe", "7000003"},
            new String[] {"george", "7000004"});

    private final Database db;
    private final UserStore users;
    private final TeamService teams;
    private final ResultAdmin results;
    private final ServiceCatalogue services;

    DemoIntegrations(Database db, UserStore users, TeamService teams, ResultAdmin results, ServiceCatalogue services) {
        this.db = db;
        this.users = users;
        this.teams = teams;
        this.results = results;
        this.services = services;
    }

    /** Makes what is missing; returns one line for the start-up banner. */
    String seed() {
        Optional<User> admin = demo("priya");
        if (admin.isEmpty()) {
            return "Demo integrations: skipped (no demo organisation admin)";
        }
        Principal priya = principal(admin.get());
        if (results.feeds(priya).stream().noneMatch(f -> f.sendingFacility().equals(FEED))) {
            results.createFeed(priya, FEED, "Northgate Pathology (demo LIMS)");
        }
        for (String[] doctor : GMC) {
            demo(doctor[0]).filter(d -> results.identifiers(priya, d.id()).isEmpty()).ifPresent(d ->
                    results.setIdentifiers(priya, d.id(), List.of(new ResultViews.Identifier("GMC", doctor[1]))));
        }
        UUID role = results.roles(priya).stream().filter(r -> r.name().equals(ON_CALL_ROLE)).map(ResultViews.OnCallRole::id)
                .findFirst().orElseGet(() -> {
                    UUID made = results.createRole(priya, ON_CALL_ROLE).id();
                    demo("bob").ifPresent(bob -> results.setHolder(priya, made, bob.id()));
                    return made;
                });
        ResultViews.Settings settings = results.settings(priya);
        if (settings.chain().isEmpty()) {
            results.saveSettings(priya, new ResultViews.Settings(settings.inboxConversationId(), settings.deputyAfterMinutes(),
                    List.of(new ResultViews.Step(role, 5))));
        }
        phlebotomy(priya);
        return "Demo integrations: HL7 feed " + FEED + ", GMC numbers on the demo doctors, on-call role '" + ON_CALL_ROLE
                + "', the Phlebotomy service (/request phlebotomy ...)";
    }

    /** The Phlebotomy team (Fatima Hussain leads, Alice Moreno works in it), its queue channel and the service. */
    private void phlebotomy(Principal priya) {
        if (services.list(priya).stream().anyMatch(s -> s.slug().equals("phlebotomy"))) {
            return;
        }
        Optional<User> lead = demo("fatima");
        if (lead.isEmpty()) {
            return;
        }
        Principal fatima = principal(lead.get());
        UUID team = teams.myTeams(fatima).stream().filter(t -> t.name().equals(PHLEBOTOMY_TEAM)).map(t -> t.id()).findFirst()
                .orElseGet(() -> teams.createTeam(fatima, PHLEBOTOMY_TEAM, "Ward phlebotomy rounds and urgent bloods").id());
        demo("alice").filter(a -> teams.teamMembers(fatima, team).stream().noneMatch(m -> m.userId().equals(a.id())))
                .ifPresent(a -> teams.addTeamMember(fatima, team, a.id(), TeamRole.MEMBER));
        UUID queue = teams.channels(fatima, team).stream().filter(c -> "Phlebotomy queue".equals(c.name())).map(Conversation::id)
                .findFirst().orElseGet(() -> teams.createChannel(fatima, team, "Phlebotomy queue", "standard", List.of()).id());
        services.create(priya, new ServiceCatalogue.NewService("phlebotomy", "Phlebotomy", team, queue, lead.get().id(), true,
                List.of(new FormField("fasting", "Fasting sample", "choice", false, List.of("yes", "no")),
                        new FormField("tests", "Tests", "text", true, List.of())),
                new Targets(240, 60, 15)));
    }

    private Optional<User> demo(String localPart) {
        return users.credentialsByEmail(db.dsl(), localPart + "@" + DemoSeeder.DOMAIN).map(UserStore.Credentials::user);
    }

    private static Principal principal(User u) {
        return new Principal(u.id(), u.organisationId(), u.role(), null, false);
    }
}
