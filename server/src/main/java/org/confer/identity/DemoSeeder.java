package org.confer.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.Database;

/**
 * Seeds the demo organisations and people for {@code --demo}. Idempotent: what exists is left
 * exactly as it is (including passwords), only what is missing is added. A generated demo
 * password is kept in the data directory (mode 600) so later starts can print it again.
 */
public final class DemoSeeder {
    public static final String DOMAIN = "demo.confer.test";

    /** One demo person. */
    public record DemoUser(String localPart, String displayName, String jobTitle, String department, Role role, String orgCode) {
        public String email() {
            return localPart + "@" + DOMAIN;
        }
    }

    /** What seeding did, for the start-up banner. */
    public record Result(List<DemoUser> people, String password, int created, boolean passwordKnown) {
        /** What the start banner says about the demo accounts: how many, their password if known, each one. */
        public List<String> bannerLines() {
            List<String> lines = new java.util.ArrayList<>();
            lines.add("Demo data: " + created + " accounts created this start, " + PEOPLE.size() + " in all.");
            lines.add(passwordKnown
                    ? "Every demo account's password: " + password
                    : "Demo accounts already existed; their password is unchanged (set CONFER_DEMO_PASSWORD to choose one for new data).");
            for (DemoUser p : people) {
                lines.add(String.format("  %-28s %-18s %s (%s)", p.email(), p.role().code(), p.displayName(), p.jobTitle()));
            }
            return lines;
        }
    }

    static final List<String[]> ORGANISATIONS = List.of(
            new String[] {"RDM", "Northgate Teaching Hospitals NHS Foundation Trust"},
            new String[] {"RDP", "Riverside Community Health NHS Trust"},
            new String[] {"YDX", "Westmoor Pathology Partnership"});

    public static final List<DemoUser> PEOPLE = List.of(
            new DemoUser("admin", "Sam Okafor", "Platform Service Manager", "Digital Services", Role.PLATFORM_ADMIN, "RDM"),
            new DemoUser("priya", "Priya Shah", "Clinical Systems Lead", "Digital Services", Role.ORG_ADMIN, "RDM"),
            new DemoUser("alice", "Alice Moreno", "Ward Nurse (Band 5)", "Ward 7 - Respiratory", Role.MEMBER, "RDM"),
            new DemoUser("bob", "Dr Bob Adeyemi", "Consultant Respiratory Physician", "Respiratory Medicine", Role.MEMBER, "RDM"),
            new DemoUser("chloe", "Dr Chloe Turner", "Specialty Registrar (ST5)", "Respiratory Medicine", Role.MEMBER, "RDM"),
            new DemoUser("fatima", "Fatima Hussain", "Ward Sister", "Ward 7 - Respiratory", Role.MEMBER, "RDM"),
            new DemoUser("george", "Dr George Lin", "Foundation Year 2 Doctor", "Acute Medicine", Role.MEMBER, "RDM"),
            new DemoUser("erin", "Erin Walsh", "Digital Lead", "Informatics", Role.ORG_ADMIN, "RDP"),
            new DemoUser("hannah", "Hannah Price", "District Nurse", "Community Nursing - East", Role.MEMBER, "RDP"),
            new DemoUser("dan", "Dan Kowalski", "Lab Liaison Biomedical Scientist", "Blood Sciences", Role.MEMBER, "YDX"),
            new DemoUser("olu", "Dr Olu Bankole", "Consultant Microbiologist", "Microbiology", Role.MEMBER, "YDX"));

    private final Database db;
    private final OrganisationStore organisations;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final Clock clock;

    public DemoSeeder(Database db, OrganisationStore organisations, UserStore users, PasswordHasher hasher, Tokens tokens, Clock clock) {
        this.db = db;
        this.organisations = organisations;
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
    }

    public Result seed(Optional<String> configuredPassword, Path dataDir) {
        Path passwordFile = dataDir.resolve("demo-password.txt");
        boolean anyExisting = PEOPLE.stream().anyMatch(p -> users.emailExists(db.dsl(), p.email()));
        String password;
        boolean known = true;
        if (configuredPassword.isPresent()) {
            password = configuredPassword.get();
        } else if (Files.isRegularFile(passwordFile)) {
            password = read(passwordFile);
        } else if (anyExisting) {
            password = null;
            known = false;
        } else {
            password = tokens.newPassword();
        }
        if (password != null && anyExisting && !opensExistingAccounts(password)) {
            // E.g. CONFER_DEMO_PASSWORD changed since the accounts were made: they keep their
            // password, so the banner must not print this one as theirs.
            known = false;
        }
        String hash = password == null ? null : hasher.hash(password);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int created = db.dsl().transactionResult(cfg -> {
            int n = 0;
            for (String[] o : ORGANISATIONS) {
                if (organisations.byCode(cfg.dsl(), o[0]).isEmpty()) {
                    organisations.insert(cfg.dsl(), UUID.randomUUID(), o[0], o[1], now);
                }
            }
            for (DemoUser p : PEOPLE) {
                if (!users.emailExists(cfg.dsl(), p.email()) && hash != null) {
                    UUID org = organisations.byCode(cfg.dsl(), p.orgCode()).orElseThrow().id();
                    users.insert(cfg.dsl(), new User(UUID.randomUUID(), org, p.email(), p.displayName(), p.jobTitle(),
                            p.department(), p.role(), UserStatus.ACTIVE, now), hash);
                    n++;
                }
            }
            return n;
        });
        if (password != null && configuredPassword.isEmpty() && !Files.exists(passwordFile)) {
            write(passwordFile, password);
        }
        return new Result(new ArrayList<>(PEOPLE), password, created, known);
    }

    /** Whether {@code password} signs in to the first existing demo account that has one. */
    private boolean opensExistingAccounts(String password) {
        for (DemoUser p : PEOPLE) {
            Optional<String> hash = users.credentialsByEmail(db.dsl(), p.email()).map(UserStore.Credentials::passwordHash);
            if (hash.isPresent()) {
                return hasher.verify(password, hash.get());
            }
        }
        return true;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String password) {
        try {
            Files.createDirectories(file.getParent());
            try {
                // Created owner-only from the first byte, never briefly world-readable.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions protect it.
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
