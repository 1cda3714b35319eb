package org.confer.media;

import java.util.List;

/** One entry of a browser's RTCConfiguration.iceServers; username and credential are null for STUN. */
public record IceServer(List<String> urls, String username, String credential) {}
