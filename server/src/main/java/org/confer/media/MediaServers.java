package org.confer.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media side of the composition root: which SFU calls get (an operator's Janus, the embedded
 * one, or none), where the relay finds Janus's WebSocket API, and the ICE servers of grants.
 * Built before {@link #start()} so calls can hold it; until then, and whenever no Janus is
 * available, it behaves as {@link NoSfu} and calls use the mesh.
 *
 * <p>It is also the first join policy of the relay: a person may join a room only while a grant
 * this node issued them for it is live and not revoked. Calls adds its own rules on top (a
 * removed person's grant is revoked here and their relayed sockets closed by {@link JanusRelay#closeFor}).
 * Grants, like room secrets, live in this node's memory.
 */
public final class MediaServers implements Sfu, JanusJoinPolicy, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaServers.class);

    private final MediaSettings settings;
    private final Path dataDir;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final IceServerSource ice;
    private volatile Sfu sfu = new NoSfu();
    private volatile Optional<URI> janusWs = Optional.empty();
    private volatile EmbeddedJanus embedded;
    /** room → person → when their grant expires. */
    private final Map<Long, Map<UUID, Instant>> grants = new ConcurrentHashMap<>();

    public MediaServers(MediaSettings settings, Path dataDir, Clock clock, ObjectMapper mapper) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.clock = clock;
        this.mapper = mapper;
        this.ice = new IceServerSource(settings, clock);
    }

    /** Connects to the configured Janus, or starts the embedded one; never fails the server's start. */
    public void start() {
        if (settings.janusUrl().isPresent()) {
            JanusApi api = new JanusApi(settings.janusUrl().get(), settings.janusApiSecret().orElseThrow(), mapper);
            sfu = new JanusSfu(api, new JanusTokens(settings.janusTokenSecret().orElseThrow()), settings.janusAdminKey(), clock, mapper);
            janusWs = settings.janusWsUrl();
            log.info("SFU: Janus at {}{}", api.base(), sfu.available() ? "" : " (not answering yet; calls use the mesh until it does)");
            return;
        }
        if (!settings.embedded()) {
            log.info("SFU: none (CONFER_JANUS_EMBEDDED=off and no CONFER_JANUS_URL); calls use the mesh");
            return;
        }
        Optional<Path> binary = EmbeddedJanus.findBinary();
        if (binary.isEmpty()) {
            log.info("SFU: none; install Janus (apt-get install janus) or set CONFER_JANUS_URL for calls above the mesh size"
                    + " (docs/operations.md); calls use the mesh");
            return;
        }
        try {
            EmbeddedJanus j = EmbeddedJanus.start(binary.get(), dataDir, settings.janusInterfaces(), mapper);
            embedded = j;
            sfu = new JanusSfu(j.api(), new JanusTokens(j.tokenSecret()), Optional.of(j.adminKey()), clock, mapper);
            janusWs = Optional.of(j.wsUrl());
        } catch (JanusApi.JanusException e) {
            log.warn("SFU: the embedded Janus did not start ({}); calls use the mesh", e.getMessage());
        }
    }

    /** Janus's WebSocket API for {@link JanusRelay}; empty without an SFU. */
    public Optional<URI> janusWsUrl() {
        return janusWs;
    }

    public IceServerSource ice() {
        return ice;
    }

    /** The embedded Janus, if Confer started one (tests). */
    public Optional<EmbeddedJanus> embedded() {
        return Optional.ofNullable(embedded);
    }

    /** The current SFU itself (tests reach JanusSfu's extras through it). */
    public Sfu current() {
        return sfu;
    }

    @Override
    public boolean available() {
        return sfu.available();
    }

    @Override
    public SfuRoom openRoom(UUID callId, int maxPublishers) {
        return sfu.openRoom(callId, maxPublishers);
    }

    @Override
    public void closeRoom(SfuRoom room) {
        grants.remove(room.id());
        sfu.closeRoom(room);
    }

    @Override
    public SfuGrant grant(SfuRoom room, UUID userId, Duration ttl) {
        SfuGrant g = sfu.grant(room, userId, ttl);
        grants.computeIfAbsent(room.id(), r -> new ConcurrentHashMap<>()).put(userId, g.expiresAt());
        return g;
    }

    /** The person may no longer join the room (left, removed, denied); close their relayed sockets too. */
    public void revoke(UUID userId, long room) {
        Map<UUID, Instant> people = grants.get(room);
        if (people != null) {
            people.remove(userId);
        }
    }

    @Override
    public boolean mayJoin(UUID userId, long room) {
        Map<UUID, Instant> people = grants.get(room);
        Instant until = people == null ? null : people.get(userId);
        return until != null && clock.instant().isBefore(until);
    }

    @Override
    public void close() {
        EmbeddedJanus j = embedded;
        sfu = new NoSfu();
        janusWs = Optional.empty();
        if (j != null) {
            j.close();
        }
    }
}
