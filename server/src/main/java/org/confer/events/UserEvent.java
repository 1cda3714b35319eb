package org.confer.events;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.confer.events.ConversationEvent.ConversationSnapshot;

/**
 * An event in one person's own log (userSeq): what they need to know wherever they are, on
 * every device. One record per kind, named as {@link ConversationEvent}'s are.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
public sealed interface UserEvent {

    /** They were added to a conversation (or created it); {@code lastSeq} is where its log stood then. */
    @JsonTypeName("conversation.added")
    record ConversationAdded(ConversationSnapshot conversation) implements UserEvent {}

    @JsonTypeName("conversation.removed")
    record ConversationRemoved(UUID conversationId) implements UserEvent {}

    /** An urgent message for them: the first notice (attempt 1) and each reminder after it. */
    @JsonTypeName("message.urgent")
    record UrgentNotice(UUID conversationId, UUID messageId, int attempt) implements UserEvent {}

    /** Their own settings of the web client, as they now are (changed on one of their devices). */
    record PreferencesSnapshot(boolean desktopNotifications, boolean messageSound, boolean urgentSound,
                               List<UUID> mutedConversations, String theme, String timeFormat) {}

    /** They changed their settings: every device applies them at once (a mute, a theme). */
    @JsonTypeName("preferences.changed")
    record PreferencesChanged(PreferencesSnapshot preferences) implements UserEvent {}

    /** Their read marker moved (on any of their devices). */
    @JsonTypeName("read.moved")
    record ReadMoved(UUID conversationId, long readSeq) implements UserEvent {}

    /** They saved a message for later (on one of their devices): private to them. */
    @JsonTypeName("message.saved")
    record MessageSaved(UUID conversationId, UUID messageId, OffsetDateTime savedAt) implements UserEvent {}

    @JsonTypeName("message.unsaved")
    record MessageUnsaved(UUID conversationId, UUID messageId) implements UserEvent {}

    /** A meeting as invitations carry it: the first occurrence's start and end, and the rule if it repeats. */
    record MeetingSnapshot(UUID meetingId, String title, UUID organiserId, UUID conversationId, OffsetDateTime startsAt,
                           OffsetDateTime endsAt, String timeZone, String recurrence, int sequence) {}

    /** They were invited to a meeting (docs/calls-and-meetings.md). */
    @JsonTypeName("meeting.invited")
    record MeetingInvited(MeetingSnapshot meeting, UUID by) implements UserEvent {}

    /** A meeting they are invited to changed (time, title, recurrence); {@code sequence} went up. */
    @JsonTypeName("meeting.updated")
    record MeetingUpdated(MeetingSnapshot meeting, UUID by) implements UserEvent {}

    /** A meeting they were invited to was cancelled, or they were taken off it. */
    @JsonTypeName("meeting.cancelled")
    record MeetingCancelled(UUID meetingId, String title, UUID by) implements UserEvent {}

    /**
     * A bot's answer to a slash command, shown only to the person who ran it (Slack's
     * "ephemeral" reply): built-in commands answer in the POST's response too; a bot behind an
     * outgoing webhook answers later, and this is how the answer reaches every device.
     */
    @JsonTypeName("command.replied")
    record CommandReplied(UUID conversationId, UUID botId, String command, String text, MessageCard card)
            implements UserEvent {}

    /** A service request as events carry it (docs/bots-and-results.md, "Service requests"). */
    record ServiceRequestSnapshot(UUID id, long number, UUID serviceId, String serviceName, String status,
                                  String priority, String location, String summary, UUID requesterId,
                                  UUID assigneeId, OffsetDateTime createdAt, OffsetDateTime dueAt,
                                  OffsetDateTime updatedAt, boolean overdue) {}

    /** A request this person filed, or is assigned to, changed (filed, claimed, status, overdue). */
    @JsonTypeName("request.updated")
    record ServiceRequestUpdated(ServiceRequestSnapshot request) implements UserEvent {}
}
