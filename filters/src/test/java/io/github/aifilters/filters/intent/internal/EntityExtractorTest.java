package io.github.aifilters.filters.intent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.exchange.Entity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {

    /** Wednesday 2026-11-25. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    private final EntityExtractor extractor = new EntityExtractor(Map.of(
            "product", List.of(GazetteerEntry.of("iPhone"),
                    new GazetteerEntry("Galaxy S24", List.of("galaxy s 24"))),
            "city", List.of(GazetteerEntry.of("北京"))), CLOCK);

    private static String at(String text, Entity e) {
        return text.substring(e.start(), e.end());
    }

    private Entity only(String text, String type) {
        List<Entity> found = extractor.extract(text).stream().filter(e -> e.type().equals(type)).toList();
        assertThat(found).as("%s in %s", type, text).hasSize(1);
        Entity e = found.get(0);
        assertThat(at(text, e)).isEqualTo(e.text());
        return e;
    }

    @Test
    void emailUrlUuid() {
        String t = "Mail Ana.Lee@Example.com about https://example.com/a?b=1, order "
                + "123e4567-e89b-12d3-a456-426614174000.";
        Entity email = only(t, "email");
        assertThat(email.start()).isEqualTo(5);
        assertThat(email.text()).isEqualTo("Ana.Lee@Example.com");
        assertThat(email.value()).isEqualTo("ana.lee@example.com");
        assertThat(only(t, "url").text()).isEqualTo("https://example.com/a?b=1");
        Entity uuid = only(t, "uuid");
        assertThat(uuid.text()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        // the digits inside the URL and the UUID are not numbers of their own
        assertThat(extractor.extract(t)).noneMatch(e -> e.type().equals("number"));
    }

    @Test
    void moneyAndNumbers() {
        String t = "transfer $1,250.50 and 30 euros, then buy 3 items for 2.5 each";
        List<Entity> all = extractor.extract(t);
        assertThat(all).extracting(Entity::type, Entity::value).containsSubsequence(
                org.assertj.core.groups.Tuple.tuple("money", "1250.50 USD"),
                org.assertj.core.groups.Tuple.tuple("money", "30 EUR"),
                org.assertj.core.groups.Tuple.tuple("number", "3"),
                org.assertj.core.groups.Tuple.tuple("number", "2.5"));
        Entity dollars = all.get(0);
        assertThat(dollars.text()).isEqualTo("$1,250.50");
        assertThat(dollars.start()).isEqualTo(9);
        Entity three = all.stream().filter(e -> e.value().equals("3")).findFirst().orElseThrow();
        assertThat(three.start()).isEqualTo(t.indexOf(" 3 ") + 1);
        assertThat(three.end()).isEqualTo(three.start() + 1);
    }

    @Test
    void datesAbsoluteAndRelative() {
        assertThat(only("ship it on 2026-12-24 please", "date").value()).isEqualTo("2026-12-24");
        assertThat(only("call me tomorrow", "date").value()).isEqualTo("2026-11-26");
        assertThat(only("what about yesterday", "date").value()).isEqualTo("2026-11-24");
        Entity nextFriday = only("meet next Friday at noon", "date");
        assertThat(nextFriday.text()).isEqualTo("next Friday");
        assertThat(nextFriday.start()).isEqualTo(5);
        assertThat(nextFriday.value()).isEqualTo("2026-11-27");
        assertThat(only("since last monday", "date").value()).isEqualTo("2026-11-23");
        assertThat(only("in 3 days", "date").value()).isEqualTo("2026-11-28");
        assertThat(only("due March 3rd", "date").value()).isEqualTo("2027-03-03");
        assertThat(extractor.extract("on 2026-02-30")).noneMatch(e -> e.type().equals("date"));
    }

    @Test
    void phone() {
        Entity p = only("call +1 415-555-0132 now", "phone");
        assertThat(p.text()).isEqualTo("+1 415-555-0132");
        assertThat(p.value()).isEqualTo("+14155550132");
        assertThat(p.start()).isEqualTo(5);
    }

    @Test
    void gazetteersCaseInsensitiveWithSynonymsAndChinese() {
        String t = "compare the IPHONE with a galaxy s 24 in 北京";
        List<Entity> products = extractor.extract(t).stream().filter(e -> e.type().equals("product")).toList();
        assertThat(products).extracting(Entity::text, Entity::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("IPHONE", "iPhone"),
                        org.assertj.core.groups.Tuple.tuple("galaxy s 24", "Galaxy S24"));
        assertThat(products.get(0).start()).isEqualTo(12);
        Entity city = only(t, "city");
        assertThat(city.start()).isEqualTo(t.indexOf("北京"));
        // a gazetteer value inside a longer word is not a match
        assertThat(extractor.extract("iphones4all")).noneMatch(e -> e.type().equals("product"));
    }

    @Test
    void emptyAndPlainText() {
        assertThat(extractor.extract("")).isEmpty();
        assertThat(extractor.extract("nothing to see here")).isEmpty();
    }

    @Test
    void theRelativeDateExpressionIsSkippedOnlyWhereItCannotMatch() throws java.io.IOException {
        List<String> crafted = List.of("book it for TOMORROW", "the day after tomorrow", "next Friday at noon",
                "in 3 days", "in 12 weeks please", "March 5th, 2026", "sept 12", "dec. 3", "coming sunday",
                "what about Tonight", "remind me yesterday");
        List<String> texts = new java.util.ArrayList<>(crafted);
        java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
        for (int i = 0; i < 5 && dir != null; i++, dir = dir.getParent()) {
            java.nio.file.Path intents = dir.resolve("shared/data/intents");
            if (java.nio.file.Files.isDirectory(intents)) {
                try (var files = java.nio.file.Files.list(intents)) {
                    for (java.nio.file.Path f : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                        for (String line : java.nio.file.Files.readAllLines(f)) {
                            int start = line.indexOf("\"text\": \"");
                            if (start >= 0) {
                                texts.add(line.substring(start + 9, line.indexOf('"', start + 9)));
                            }
                        }
                    }
                }
                break;
            }
        }
        int matched = 0;
        for (String t : texts) {
            boolean digit = t.chars().anyMatch(c -> c >= '0' && c <= '9');
            if (EntityExtractor.RELATIVE_DATE.matcher(t).find()) {
                matched++;
                assertThat(EntityExtractor.mayHaveRelativeDate(t, digit)).as(t).isTrue();
            }
        }
        assertThat(matched).isGreaterThanOrEqualTo(crafted.size());
        assertThat(EntityExtractor.mayHaveRelativeDate("find red shoes", false)).isFalse();
        assertThat(EntityExtractor.mayHaveRelativeDate("order 42 from the market", true)).isTrue();
    }
}
