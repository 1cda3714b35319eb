package org.confer.identity;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser
 * that has signed in to an account before carries proof of it, so that sign-in budgets spent by
 * strangers on that account do not apply to it.
 *
 * <p>The cookie {@value #NAME} holds up to {@value #MAX_ENTRIES} entries (a shared ward PC is
 * used by many people), newest first, each {@code deviceId:issuedEpochSeconds:mac}, where mac is
 * HMAC-SHA256, truncated to 128 bits, over the normalised email, the device id and the time,
 * keyed by a server secret. It proves only "this browser signed in to this account before"; it
 * is not a session and grants nothing else. It is sent only to the sign-in route.
 */
public final class DeviceCookies {
    public static final String NAME = "confer_device";
    static final int MAX_ENTRIES = 20;
    /** Browsers cap cookie lifetimes at 400 days; an entry older than this is not recognised. */
    static final Duration LIFETIME = Duration.ofDays(400);

    /** A device recognised for one account: the budget key of that browser. */
    public record Device(String id) {}

    private record Entry(String deviceId, long issued, String mac) {
        String encoded() {
            return deviceId + ":" + issued + ":" + mac;
        }
    }

    private final Supplier<String> key;
    private final Clock clock;
    private final boolean secure;
    private final SecureRandom random = new SecureRandom();

    /** {@code key} is read on first use (it lives in the database, which is migrated after construction). */
    public DeviceCookies(Supplier<String> key, Clock clock, boolean secureCookies) {
        this.key = key;
        this.clock = clock;
        this.secure = secureCookies;
    }

    /** The device this cookie proves for the account, if any of its entries does. */
    public Optional<Device> recognise(String cookie, String normalisedEmail) {
        long now = clock.instant().getEpochSecond();
        for (Entry e : parse(cookie)) {
            if (now - e.issued() <= LIFETIME.toSeconds() && e.issued() <= now + 300
                    && MessageDigest.isEqual(e.mac().getBytes(StandardCharsets.US_ASCII),
                            mac(normalisedEmail, e.deviceId(), e.issued()).getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(new Device(e.deviceId()));
            }
        }
        return Optional.empty();
    }

    /**
     * After a successful sign-in: the cookie value with a fresh entry for this account first
     * (keeping the device id it had), other accounts' entries after it, at most {@value #MAX_ENTRIES}.
     */
    public String remember(String cookie, String normalisedEmail) {
        Optional<Device> known = recognise(cookie, normalisedEmail);
        String deviceId = known.map(Device::id).orElseGet(this::newDeviceId);
        long now = clock.instant().getEpochSecond();
        List<String> out = new ArrayList<>();
        out.add(new Entry(deviceId, now, mac(normalisedEmail, deviceId, now)).encoded());
        for (Entry e : parse(cookie)) {
            if (out.size() >= MAX_ENTRIES) {
                break;
            }
            boolean sameAccount = MessageDigest.isEqual(e.mac().getBytes(StandardCharsets.US_ASCII),
                    mac(normalisedEmail, e.deviceId(), e.issued()).getBytes(StandardCharsets.US_ASCII));
            if (!sameAccount && now - e.issued() <= LIFETIME.toSeconds()) {
                out.add(e.encoded());
            }
        }
        return String.join(".", out);
    }

    /** Path=/api/v1/auth: only sign-in needs it, so it does not travel with every request. */
    public void set(Context ctx, String value) {
        ctx.res().addHeader("Set-Cookie", NAME + "=" + value + "; Path=/api/v1/auth; Max-Age=" + LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }

    private static List<Entry> parse(String cookie) {
        List<Entry> out = new ArrayList<>();
        if (cookie == null || cookie.isEmpty() || cookie.length() > 4096) {
            return out;
        }
        for (String part : cookie.split("\\.", MAX_ENTRIES + 1)) {
            String[] f = part.split(":");
            if (f.length != 3 || f[0].length() != 16 || f[2].length() != 22 || f[1].length() > 12) {
                continue;
            }
            try {
                out.add(new Entry(f[0], Long.parseLong(f[1]), f[2]));
            } catch (NumberFormatException ignored) {
                // A damaged entry is simply not recognised.
            }
            if (out.size() >= MAX_ENTRIES) {
                break;
            }
        }
        return out;
    }

    private String newDeviceId() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private String mac(String normalisedEmail, String deviceId, long issued) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] full = hmac.doFinal((normalisedEmail + "|" + deviceId + "|" + issued).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
