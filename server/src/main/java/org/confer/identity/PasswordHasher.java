package org.confer.identity;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashing. Hashes are PHC strings that carry their own parameters, so the
 * parameters can be raised later: old hashes still verify, and {@link #needsRehash} tells the
 * login path to upgrade them.
 */
public final class PasswordHasher {

    /** OWASP's recommended Argon2id floor (2025): 19 MiB, 2 passes, 1 lane. */
    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final Argon2Function function =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID, 19);
    /** Verified against when the account does not exist, so both answers take the same time. */
    private final String decoyHash;

    public PasswordHasher() {
        this.decoyHash = hash("decoy password for timing equalisation");
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult();
    }

    public boolean verify(String password, String phcHash) {
        if (phcHash == null || !phcHash.startsWith("$argon2")) {
            Password.check(password, decoyHash).with(function);
            return false;
        }
        try {
            return Password.check(password, phcHash).with(Argon2Function.getInstanceFromHash(phcHash));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** Burns the same work as a real verification; used when there is no account to check. */
    public void verifyDecoy(String password) {
        Password.check(password, decoyHash).with(function);
    }

    public boolean needsRehash(String phcHash) {
        return !phcHash.startsWith("$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$");
    }
}
