package org.confer.bots;

/** Handles the buttons whose ids start with one prefix (e.g. {@code requests.claim}). */
@FunctionalInterface
public interface ActionHandler {
    ActionReply act(ActionCall call);
}
