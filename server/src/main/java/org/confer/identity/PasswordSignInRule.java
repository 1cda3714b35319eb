package org.confer.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * Whether an organisation's people may sign in with a password. Single sign-on
 * (org.confer.sso) switches passwords off per organisation; identity sits below it, so the
 * composition root hands the rule over ({@link AuthService#usePasswordSignInRule}).
 */
@FunctionalInterface
public interface PasswordSignInRule {
    /** The organisation's code when its people must sign in through its identity provider, empty when passwords are allowed. */
    Optional<String> singleSignOnOnly(UUID organisationId);
}
