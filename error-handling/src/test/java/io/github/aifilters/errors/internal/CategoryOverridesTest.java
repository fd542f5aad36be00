package io.github.aifilters.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aifilters.errors.ErrorAnalysis;
import io.github.aifilters.errors.ErrorCategories;
import io.github.aifilters.errors.ErrorDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ops corrections: loaded, validated, applied at once, re-read when the file changes (a fake clock, no sleeping). */
class CategoryOverridesTest {

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000);
    private final EmbeddedErrorAnalyser base = new EmbeddedErrorAnalyser();

    private static final ErrorDescription NPE = new ErrorDescription("java.lang.NullPointerException", null,
            List.of(), List.of(), null);
    private static final ErrorDescription DECLINED = new ErrorDescription("java.lang.RuntimeException", "x",
            List.of(new ErrorDescription.Cause("com.acme.billing.CardDeclinedException", "declined")), List.of(),
            null);

    private Path write(String yaml, long epochSecond) throws IOException {
        Path f = dir.resolve("overrides.yaml");
        Files.writeString(f, yaml);
        // Explicit times: a rewrite within the file system's timestamp granularity must still count as a change.
        Files.setLastModifiedTime(f, FileTime.from(Instant.ofEpochSecond(epochSecond)));
        return f;
    }

    private CategoryOverrides overrides(Path f) {
        return new CategoryOverrides(f, Duration.ofSeconds(10), base.categories(), now::get);
    }

    @Test
    void fingerprintAndClassOverridesApplyBeforeAnyEvidence() throws IOException {
        Path f = write("fingerprints:\n  70ccd5e44e3b57d5: database\nclasses:\n"
                + "  com.acme.billing.CardDeclinedException: external_service\n", 1);
        EmbeddedErrorAnalyser a = new EmbeddedErrorAnalyser().withOverrides(overrides(f));
        ErrorAnalysis byFingerprint = a.analyse(NPE, null, "70ccd5e44e3b57d5");
        assertThat(byFingerprint.category()).isEqualTo(ErrorCategories.DATABASE);
        assertThat(byFingerprint.status()).isEqualTo(503);
        assertThat(a.analyse(NPE, null, "0000000000000000").category()).isEqualTo(ErrorCategories.INTERNAL);
        assertThat(a.analyse(DECLINED, null).category()).isEqualTo(ErrorCategories.EXTERNAL_SERVICE);
        assertThat(base.analyse(DECLINED, null).category()).isNotEqualTo(ErrorCategories.EXTERNAL_SERVICE);
    }

    @Test
    void aChangedFileAppliesAfterTheRecheckPeriod() throws IOException {
        Path f = write("fingerprints:\n  70ccd5e44e3b57d5: database\n", 1);
        CategoryOverrides o = overrides(f);
        write("fingerprints:\n  70ccd5e44e3b57d5: external_service\n", 2);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(o.categoryFor("70ccd5e44e3b57d5", NPE)).as("not re-checked yet").isEqualTo("database");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(o.categoryFor("70ccd5e44e3b57d5", NPE)).isEqualTo("external_service");
    }

    @Test
    void aFileBrokenAtRunTimeKeepsThePreviousOverrides() throws IOException {
        Path f = write("classes:\n  com.acme.billing.CardDeclinedException: validation\n", 1);
        CategoryOverrides o = overrides(f);
        write("classes:\n  com.acme.billing.CardDeclinedException: kaput\n", 2);
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(o.categoryFor(null, DECLINED)).isEqualTo("validation");
        // Fixed again: picked up.
        write("classes:\n  com.acme.billing.CardDeclinedException: internal\n", 3);
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(o.categoryFor(null, DECLINED)).isEqualTo("internal");
    }

    @Test
    void aMissingFileIsNoOverridesUntilItAppears() throws IOException {
        Path f = dir.resolve("later.yaml");
        CategoryOverrides o = overrides(f);
        assertThat(o.size()).isZero();
        Files.writeString(f, "fingerprints:\n  70ccd5e44e3b57d5: database\n");
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(o.categoryFor("70ccd5e44e3b57d5", NPE)).isEqualTo("database");
    }

    @Test
    void aMalformedFileFailsAtStartUpNamingFileAndEntry() throws IOException {
        Path f = write("fingerprints:\n  70ccd5e44e3b57d5: kaput\n", 1);
        assertThatThrownBy(() -> overrides(f)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("fingerprints.70ccd5e44e3b57d5")
                .hasMessageContaining("unknown category 'kaput'");
        Path g = write("fingerprint:\n  70ccd5e44e3b57d5: database\n", 2);
        assertThatThrownBy(() -> overrides(g)).hasMessageContaining("unknown section");
        Path h = write("fingerprints:\n  NOT-HEX: database\n", 3);
        assertThatThrownBy(() -> overrides(h)).hasMessageContaining("hex");
    }

    @Test
    void userCategoriesMayBeNamedThroughTheBuilder() throws IOException {
        Path f = write("classes:\n  com.acme.billing.CardDeclinedException: payment_declined\n", 1);
        EmbeddedErrorAnalyser a = EmbeddedErrorAnalyser.builder().category("payment_declined", 402)
                .overrides(f, Duration.ofSeconds(5)).build();
        ErrorAnalysis r = a.analyse(DECLINED, null);
        assertThat(r.category()).isEqualTo("payment_declined");
        assertThat(r.status()).isEqualTo(402);
    }
}
