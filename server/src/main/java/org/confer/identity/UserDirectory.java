package org.confer.identity;

import java.util.Optional;
import java.util.UUID;

/** What other features may ask about people: whether a user exists and is active. */
public interface UserDirectory {
    Optional<User> activeUser(UUID id);
}
