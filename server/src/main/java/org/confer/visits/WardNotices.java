package org.confer.visits;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.confer.bots.BotPoster;
import org.confer.bots.BuiltInBot;
import org.confer.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ward channel's notice of each booking, posted by the Visits bot after the booking
 * commits. The clientMsgId {@code visit:<id>:booked} makes a second post of the same notice a
 * no-op, so the tick may post any notice still marked owed without asking whether it went.
 */
final class WardNotices {
    private static final Logger log = LoggerFactory.getLogger(WardNotices.class);

    private final Database db;
    private final VisitStore store;
    private final BotPoster bots;
    private final Clock clock;

    WardNotices(Database db, VisitStore store, BotPoster bots, Clock clock) {
        this.db = db;
        this.store = store;
        this.bots = bots;
        this.clock = clock;
    }

    /** Posts the notice and marks it posted; a failure is logged and left owed for the tick. */
    void booked(VisitCalendar c, Visit v) {
        try {
            bots.post(bots.builtIn(c.organisationId(), BuiltInBot.VISITS), c.channelId(), text(c, v), null, false,
                    "visit:" + v.id() + ":booked");
            store.markNoticePosted(db.dsl(), v.id(), OffsetDateTime.now(clock));
        } catch (RuntimeException e) {
            log.warn("the ward notice of visit {} was not posted; the next tick tries again", v.id(), e);
        }
    }

    /**
     * Tells the ward channel someone waits for a visit (once per guest and visit: the clientMsgId
     * makes a repeat a no-op), so a waiting relative is seen by whoever watches the channel, not
     * only by someone with the Visits view open. A failure is logged; the Visits view still shows them.
     */
    void waiting(VisitCalendar c, Visit v, UUID guestId, String name, String role) {
        try {
            bots.post(bots.builtIn(c.organisationId(), BuiltInBot.VISITS), c.channelId(), "**" + name + "** (" + role
                    + ") is waiting in the lobby for the visit at **" + VisitMail.when(v, c) + "**, reference " + v.reference()
                    + ". Admit them from Visits.", null, false, waitingKey(v.id(), guestId));
        } catch (RuntimeException e) {
            log.warn("the waiting notice of visit {} was not posted", v.id(), e);
        }
    }

    /** The waiting notice's clientMsgId: visit and guest, within the 64 characters a clientMsgId may have. */
    static String waitingKey(UUID visitId, UUID guestId) {
        return visitId + ":w:" + guestId.toString().replace("-", "").substring(0, 24);
    }

    static String text(VisitCalendar c, Visit v) {
        String bed = v.answers().get("bed");
        return "New virtual visit booked: **" + VisitMail.when(v, c) + "** — patient " + v.patientName()
                + (bed != null ? " (bed " + bed + ")" : "") + ", visitor " + v.visitorName() + ", reference " + v.reference()
                + ". Patient details come from the visitor and are not verified.";
    }
}
