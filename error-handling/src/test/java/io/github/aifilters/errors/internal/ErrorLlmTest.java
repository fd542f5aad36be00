package io.github.aifilters.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.llm.LlmReply;
import io.github.aifilters.core.redact.DefaultRedactor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorLlmTest {

    private static LlmReply reply(String text) {
        return new LlmReply(text, "m", "e", 0, 0);
    }

    @Test
    void errorCategoryMustBeKnown() {
        var check = ErrorLlm.parser(DefaultRedactor.defaults());
        assertThat(check.parse(reply("{\"category\":\"database\",\"severity\":\"high\",\"probableCause\":\"pool"
                + " exhausted\",\"suggestedActions\":[\"raise pool size\"],\"confidence\":0.7}")))
                .hasValueSatisfying(a -> {
                    assertThat(a.category()).isEqualTo("database");
                    assertThat(a.actions()).containsExactly("raise pool size");
                });
        assertThat(check.parse(reply("{\"category\":\"cosmic_rays\",\"severity\":\"high\",\"probableCause\":\"x\","
                + "\"suggestedActions\":[],\"confidence\":0.7}"))).isEmpty();
        assertThat(check.parse(reply("{\"category\":\"database\",\"severity\":\"apocalyptic\",\"probableCause\":\"x\","
                + "\"suggestedActions\":[],\"confidence\":0.7}"))).isEmpty();
    }


    @Test
    void thePromptCarriesNoPeopleNoHostsAndNoSqlValues() {
        var d = new io.github.aifilters.errors.ErrorDescription("org.springframework.dao.DataIntegrityViolationException",
                "could not execute statement [insert into users (email, name) values ('alice@example.com', 'Alice')]",
                java.util.List.of(new io.github.aifilters.errors.ErrorDescription.Cause("org.postgresql.util.PSQLException",
                        "ERROR: duplicate key value violates unique constraint \"users_email_key\" Detail: Key (email)="
                                + "(bob@example.org) already exists. Connection to db-primary.internal:5432 from 10.2.3.4; "
                                + "url jdbc:postgresql://pg.corp.example.net/app")),
                java.util.List.of("com.acme.users.UserService.create"), null);
        String prompt = ErrorLlm.prompt(d, DefaultRedactor.defaults()).user();
        assertThat(prompt).doesNotContain("alice@example.com", "bob@example.org", "'Alice'", "db-primary.internal",
                "10.2.3.4", "pg.corp.example.net");
        // what the analysis needs stays: classes, the constraint, SQL keywords, the statement's shape
        assertThat(prompt).contains("org.postgresql.util.PSQLException", "users_email_key", "insert into users",
                "duplicate key value");
    }

    @Test
    void aMessageWithoutSqlKeepsItsQuotes() {
        assertThat(PromptScrubber.scrub("no bean named 'userRepository' available"))
                .isEqualTo("no bean named 'userRepository' available");
        assertThat(PromptScrubber.scrub("java.lang.IllegalStateException in com.acme.billing.Invoice.total"))
                .isEqualTo("java.lang.IllegalStateException in com.acme.billing.Invoice.total");
    }
}
