package org.confer.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The event records (ConversationEvent and UserEvent kinds) a test checks as a client sees them
 * with {@link VerifyAction}. EveryEventKindHasACaseTest fails for a kind no test covers, and
 * {@link VerifyAction#assertCovered} fails a test that names a kind it did not apply.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Covers {
    Class<?>[] value();
}
