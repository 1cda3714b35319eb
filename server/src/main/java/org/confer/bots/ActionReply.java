package org.confer.bots;

/** What the person who pressed a button is told (a short line shown as a toast). */
public record ActionReply(String text) {}
