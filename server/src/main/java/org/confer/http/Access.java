package org.confer.http;

/** Who may call a route. Checked before the handler runs; services check again with the data in hand. */
public enum Access {
    /** Anyone, signed in or not. */
    PUBLIC,
    /** Any signed-in user. */
    SIGNED_IN,
    /** Organisation admins (own organisation) and platform admins. */
    USER_ADMIN,
    /** Platform admins only. */
    PLATFORM_ADMIN,
    /**
     * A visit's guest, and only a guest (docs/virtual-visits.md, "Joining"): the route's path is
     * under /api/v1/guest, where guest credentials are read and staff ones are not.
     */
    GUEST
}
