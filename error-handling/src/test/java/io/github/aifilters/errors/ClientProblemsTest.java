package io.github.aifilters.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.redact.DefaultRedactor;
import org.junit.jupiter.api.Test;

class ClientProblemsTest {

    private final ClientProblems problems = new ClientProblems(DefaultRedactor.defaults(), true, 30);

    @Test
    void keepsPlainValidationMessages() {
        assertThat(problems.sanitise("For input string: \"12a\"")).isEqualTo("For input string: \"12a\"");
        assertThat(problems.sanitise("createUser.request.email: must be a well-formed email address"))
                .isEqualTo("email: must be a well-formed email address");
        assertThat(problems.sanitise("save.arg0: must not be null")).isEqualTo("value: must not be null");
        assertThat(problems.sanitise("JSON parse error: Cannot deserialize value of type `int` from String \"ten\""))
                .isEqualTo("JSON parse error: Cannot deserialize value of type `int` from String \"ten\"");
        assertThat(problems.sanitise("Cannot deserialize value of type `java.time.LocalDate` from String \"x\""))
                .isEqualTo("Cannot deserialize value of type `LocalDate` from String \"x\"");
    }

    @Test
    void neverNamesLibraryInternalsOrTheAppsClasses() {
        // Jackson 2.15+ on a too deeply nested document: the limit is fine to say, the setting behind it is not.
        assertThat(problems.sanitise("Document nesting depth (1001) exceeds the maximum allowed (1000, from "
                + "`StreamReadConstraints.getMaxNestingDepth()`)"))
                .isEqualTo("Document nesting depth (1001) exceeds the maximum allowed (1000)");
        assertThat(problems.sanitise("Cannot construct instance of `com.example.fleet.api.Model$Command` (no "
                + "Creators, like default constructor, exist)")).isNull();
        assertThat(problems.sanitise("limit from StreamReadConstraints.getMaxNumberLength() exceeded")).isNull();
    }

    @Test
    void aBareStatusGetsAFixedTextAndKeepsAllow() {
        var p = problems.forStatus(405, "/v1/devices", "GET, OPTIONS, HEAD");
        assertThat(p.status()).isEqualTo(405);
        assertThat(p.type().toString()).endsWith("/method-not-allowed");
        assertThat(p.extensions().get("allow")).isEqualTo(java.util.List.of("GET", "OPTIONS", "HEAD"));
        assertThat(problems.forStatus(404, "/x", null).extensions().get("category")).isEqualTo("not_found");
        assertThat(problems.forStatus(409, "/x", null).title()).isEqualTo("Conflict");
        assertThat(problems.forStatus(409, "/x", null).type().toString()).isEqualTo("about:blank");
    }

    @Test
    void extractsSpringFieldErrors() {
        String spring = "Validation failed for argument [0] in public org.springframework.http.ResponseEntity<com.acme"
                + ".UserDto> com.acme.UserController.create(com.acme.CreateUser): [Field error in object 'createUser' "
                + "on field 'email': rejected value [foo]; codes [Email.createUser.email]; default message "
                + "[must be a well-formed email address]]";
        assertThat(problems.sanitise(spring)).isEqualTo("email: must be a well-formed email address");
    }

    @Test
    void rejectsAnythingRevealingInternals() {
        assertThat(problems.sanitise("Unrecognized field \"x\" (class com.acme.dto.UserDto), not marked as ignorable"))
                .isEqualTo("Unrecognized field \"x\"");
        for (String bad : new String[] {
            "Invalid filter: SELECT * FROM users WHERE id = 1",
            "bad value in com.acme.internal.Parser",
            "could not read /etc/app/config.yml",
            "invalid callback http://10.0.0.3:8080/hook",
            "host db.internal:5432 rejected the value",
            "value token=abcdefghijklmnop is invalid",
            "login rejected: password = letmein",
            "expired bearer abcdefghijklmnop",
            "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijk",
            "at com.acme.Foo.bar(Foo.java:12)",
            "IllegalArgumentException: nope",
            "SQLSTATE 23505 duplicate",
            "x".repeat(500)}) {
            assertThat(problems.sanitise(bad)).as(bad).isNull();
        }
    }

    @Test
    void onlyRetryableCategoriesGetRetryAfter() {
        assertThat(problems.retryAfter("rate_limit")).isEqualTo(30);
        assertThat(problems.retryAfter("database")).isEqualTo(30);
        assertThat(problems.retryAfter("external_service")).isEqualTo(30);
        assertThat(problems.retryAfter("internal")).isEqualTo(-1);
        assertThat(problems.retryAfter("validation")).isEqualTo(-1);
    }
}
