package org.confer.media;

/** A VideoRoom Confer created on the SFU for one call; {@code id} is Janus's numeric room id. */
public record SfuRoom(long id) {}
