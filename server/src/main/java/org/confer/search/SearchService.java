package org.confer.search;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.http.RateLimitedException;
import org.confer.identity.DirectoryService;
import org.confer.identity.Principal;
import org.confer.limits.KeyedBudget;
import org.confer.search.SearchQuery.Type;
import org.confer.search.SearchViews.ConversationHit;
import org.confer.search.SearchViews.MessageHit;
import org.confer.search.SearchViews.PersonHit;
import org.confer.search.SearchViews.Results;
import org.confer.search.SearchViews.TeamHit;

/**
 * One search box over messages, people, conversations, teams and files (docs/search.md). Who may
 * see what is decided now, never by the index: the caller's current memberships bound the index
 * query, and every hit is read again from its current row, which drops deleted messages, messages
 * of conversations the caller has just left, and messages whose current (edited) text no longer
 * matches, even while the index has not caught up yet.
 */
public final class SearchService {
    /**
     * Searches per person per minute: a search box sends one per pause in typing (the web client
     * waits 250 ms), so a fast typist sends about one a second; twice that leaves room and stops
     * a script reading the whole history through search.
     */
    static final int SEARCHES_PER_MINUTE = 120;
    /** The directory's people search takes 2..100 characters. */
    private static final int PEOPLE_MIN = 2;
    private static final int PEOPLE_MAX = 100;

    private final Database db;
    private final SearchStore store;
    private final SearchIndex index;
    private final SearchIndexer indexer;
    private final DirectoryService directory;
    private final KeyedBudget<UUID> budget;

    SearchService(Database db, SearchStore store, SearchIndex index, SearchIndexer indexer, DirectoryService directory, Clock clock) {
        this.db = db;
        this.store = store;
        this.index = index;
        this.indexer = indexer;
        this.directory = directory;
        this.budget = new KeyedBudget<>(SEARCHES_PER_MINUTE, Duration.ofMinutes(1), clock, 500_000);
    }

    Results search(Principal who, SearchQuery q) {
        budget.tryTake(who.userId()).ifPresent(seconds -> {
            throw new RateLimitedException("Too many searches: at most " + SEARCHES_PER_MINUTE + " a minute; try again in "
                    + seconds + " s", seconds);
        });
        List<MessageHit> messages = null;
        String next = null;
        if (q.types().contains(Type.MESSAGES)) {
            Page page = messages(who.userId(), q);
            messages = page.items;
            next = page.next;
        }
        String name = q.text() == null ? null : q.text().replace('"', ' ').strip();
        boolean byName = name != null && !name.isEmpty() && !q.messageFiltersOnly();
        List<PersonHit> people = q.types().contains(Type.PEOPLE) ? people(who, byName ? name : null, q.limit()) : null;
        List<ConversationHit> conversations = !q.types().contains(Type.CONVERSATIONS) ? null : !byName ? List.of()
                : store.conversations(db.dsl(), who.userId(), name, q.limit()).stream()
                        .map(c -> new ConversationHit(c.id(), c.kind(), c.name(), c.teamId(), c.teamName())).toList();
        List<TeamHit> teams = !q.types().contains(Type.TEAMS) ? null : !byName ? List.of()
                : store.teams(db.dsl(), who.userId(), name, q.limit()).stream().map(t -> new TeamHit(t.id(), t.name())).toList();
        // Files by name, or every file the message filters allow when there is no text (has=file, in, from, dates).
        List<SearchViews.FileHit> files = !q.types().contains(Type.FILES) ? null
                : name == null && !q.messageFiltersOnly() ? List.of()
                : store.filesNamed(db.dsl(), who.userId(), name, q).stream()
                        .map(f -> new SearchViews.FileHit(f.id(), f.name(), f.contentType(), f.size(), f.conversationId(), f.messageId(),
                                f.sharedAt()))
                        .toList();
        return new Results(messages, next, people, conversations, teams, files);
    }

    private record Page(List<MessageHit> items, String next) {}

    private Page messages(UUID caller, SearchQuery q) {
        Set<UUID> memberOf = store.memberOf(db.dsl(), caller);
        if (q.in() != null && !memberOf.contains(q.in())) {
            // Not a member (or no such conversation): nothing, exactly as for an empty one.
            return new Page(List.of(), null);
        }
        List<SearchIndex.Hit> hits = index.search(q, caller, memberOf, q.limit() + 1);
        List<SearchIndex.Hit> shown = hits.size() > q.limit() ? hits.subList(0, q.limit()) : hits;
        List<UUID> ids = shown.stream().map(SearchIndex.Hit::messageId).toList();
        Map<UUID, SearchStore.MessageRow> rows = store.visible(db.dsl(), caller, ids);
        Map<UUID, List<SearchStore.FileRow>> files = store.filesOf(db.dsl(), ids);
        List<MessageHit> out = new ArrayList<>(shown.size());
        for (SearchIndex.Hit h : shown) {
            SearchStore.MessageRow r = rows.get(h.messageId());
            if (r == null || !stillMatches(q, r, h)) {
                continue;
            }
            out.add(new MessageHit(r.id(), r.conversationId(), r.conversationName(), r.conversationKind(), r.teamId(), r.teamName(),
                    r.seq(), r.threadRootId(), r.authorId(), r.authorName(), r.text(), r.createdAt(), r.editedAt(),
                    files.containsKey(r.id()), files.getOrDefault(r.id(), List.of()).stream()
                            .map(f -> new SearchViews.FileRef(f.id(), f.name(), f.contentType())).toList()));
        }
        String next = hits.size() > q.limit()
                ? new SearchQuery.Cursor(IndexedMessage.micros(shown.getLast().createdAt()), shown.getLast().messageId()).encode()
                : null;
        return new Page(out, next);
    }

    /** The current text (and file names) still holds every clause: an edit the index has not seen yet cannot show old words. */
    private static boolean stillMatches(SearchQuery q, SearchStore.MessageRow r, SearchIndex.Hit h) {
        if (!q.hasText()) {
            return true;
        }
        String text = h.fileNames().isEmpty() ? IndexedMessage.nullToEmpty(r.text())
                : IndexedMessage.nullToEmpty(r.text()) + "\n" + String.join("\n", h.fileNames());
        return ClinicalTokens.matches(ClinicalTokens.terms(text), q.clauses());
    }

    private List<PersonHit> people(Principal who, String text, int limit) {
        if (text == null || text.length() < PEOPLE_MIN) {
            return List.of();
        }
        String q = text.length() > PEOPLE_MAX ? text.substring(0, PEOPLE_MAX).strip() : text;
        // The directory leaves out visit guests and inactive accounts.
        return directory.search(who, q, limit).stream()
                .map(p -> new PersonHit(p.id(), p.displayName(), p.jobTitle(), p.organisation() == null ? null : p.organisation().name()))
                .toList();
    }

    /** Starts a rebuild of the index from the database (platform admins; the route checks). */
    SearchViews.RebuildStarted rebuild(Principal who) {
        indexer.requestRebuild();
        return new SearchViews.RebuildStarted(index.engine(), "rebuilding");
    }
}
