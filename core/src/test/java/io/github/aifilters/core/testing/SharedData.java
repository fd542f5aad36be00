package io.github.aifilters.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests on the public benchmark data beside the checkout ({@code ../shared/data}): skipped on a developer's machine
 * without it, but failed in CI (environment {@code CI=true}), where the data is always laid beside the clone and a
 * skip would hide a test that never ran.
 */
public final class SharedData {

    private SharedData() {
    }

    /** Skips the test when {@code present} is false, or fails it in CI. */
    public static void require(boolean present, String what) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertTrue(present, what + " (CI lays ../shared/data beside the clone)");
        } else {
            assumeTrue(present, what);
        }
    }
}
