package io.github.aifilters.semantic.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.core.intent.IntentTierProvider;
import io.github.aifilters.core.intent.RankedIntent;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.filters.intent.IntentFilterConfig;
import io.github.aifilters.filters.intent.IntentRecognitionFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The intent filter's cascade over real HTTP (Jetty) with the real semantic tier (the quantised MiniLM model) behind a
 * gate: while the tier is not ready the lexical tier answers everything; once it is, a confident lexical answer still
 * stands and a weak one is answered by the semantic tier, with {@code SEMANTIC} as its source. Every answer carries
 * the ranked top-k. With the default {@code semanticFirstBelow}, an intents file this small (5 examples per intent)
 * has every request answered by the semantic tier once it is ready. The tier is found the way an app finds it, through {@code ServiceLoader} with the web app's class
 * loader (here one that lists the gated provider instead of the real one).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CascadeFilterTest {

    /** Words the lexical model knows: an exact training example. */
    static final String CONFIDENT = "how do i cancel an order";
    /**
     * Refund paraphrases with few words in common with the examples: the lexical tier is weak on some of them (the
     * test takes those, and checks there is at least one), a sentence encoder is not.
     */
    static final List<String> PARAPHRASES = List.of("I was charged twice, give the cash back",
            "please return the amount I paid", "can I have the money returned to me",
            "I'd like to be reimbursed");
    /** The paraphrases the lexical tier is not confident on, found before the semantic tier is ready. */
    private static final List<String> weak = new ArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static IntentRecognitionFilter filter;

    /** Echoes the intent attribute the app received. */
    static final class Echo extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            IntentResult r = AiAttributes.INTENT.get(req).orElse(null);
            res.setContentType("application/json");
            Map<String, Object> out = new LinkedHashMap<>();
            if (r != null) {
                out.put("intent", r.intent());
                out.put("source", r.source().name());
                out.put("confidence", r.confidence());
                out.put("ambiguous", r.ambiguous());
                List<Map<String, Object>> ranked = new ArrayList<>();
                for (RankedIntent i : r.ranked()) {
                    ranked.add(Map.of("intent", i.intent(), "score", i.score()));
                }
                out.put("ranked", ranked);
            }
            JSON.writeValue(res.getOutputStream(), out);
        }
    }

    /** Lists the gated provider as the only intent tier; everything else is the test class path. */
    static final class GatedLoader extends ClassLoader {
        GatedLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (("META-INF/services/" + IntentTierProvider.class.getName()).equals(name)) {
                return Collections.enumeration(List.of(getParent().getResource("cascade/gated-provider")));
            }
            return super.getResources(name);
        }
    }

    @BeforeAll
    static void start() {
        IntentFilterConfig config = IntentFilterConfig.builder().intentsFile("classpath:cascade/intents.yaml")
                // the test is about which tier answers, not about speed: a loaded build machine must not time out
                .semanticBudget(Duration.ofSeconds(60))
                // tests 1-3 are about the lexical confidence gate, which a file this small skips by default (test 4)
                .semanticFirstBelow(0).build();
        filter = new IntentRecognitionFilter(config);
        server = TestServer.start(ctx -> {
            ctx.setClassLoader(new GatedLoader(CascadeFilterTest.class.getClassLoader()));
            ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new Echo()), "/*");
        });
    }

    @AfterAll
    static void stop() {
        GatedTierProvider.GATE.countDown();
        server.close();
    }

    private static JsonNode ask(String text) throws IOException {
        HttpResponse<String> r = server.get("/q?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    @Order(1)
    void beforeTheTierIsReadyTheLexicalTierAnswersEverything() throws IOException {
        assertThat(filter.secondTierReady()).isFalse();
        for (String text : PARAPHRASES) {
            JsonNode lexical = ask(text);
            assertThat(lexical.path("source").asText()).isEqualTo("EMBEDDED");
            assertThat(lexical.path("ranked")).hasSize(IntentFilterConfig.DEFAULT_TOP_K);
            if (lexical.path("ranked").get(0).path("score").asDouble() < IntentFilterConfig.DEFAULT_LEXICAL_CONFIDENCE) {
                weak.add(text);
            }
        }
        // the premise of the next test: some paraphrases are below the lexical confidence
        assertThat(weak).isNotEmpty();
        JsonNode strong = ask(CONFIDENT);
        assertThat(strong.path("source").asText()).isEqualTo("EMBEDDED");
        assertThat(strong.path("intent").asText()).isEqualTo("cancel_order");
    }

    @Test
    @Order(2)
    void onceReadyAWeakLexicalAnswerIsAnsweredByTheSemanticTier() throws Exception {
        assertThat(weak).as("set by the first test").isNotEmpty();
        GatedTierProvider.GATE.countDown();
        waitUntilReady();

        for (String text : weak) {
            JsonNode answer = ask(text);
            assertThat(answer.path("source").asText()).as(text).isEqualTo("SEMANTIC");
            assertThat(answer.path("ranked").get(0).path("intent").asText()).as(text).isEqualTo("refund");
        }
        JsonNode semantic = ask(weak.get(0));
        JsonNode ranked = semantic.path("ranked");
        assertThat(ranked).hasSize(IntentFilterConfig.DEFAULT_TOP_K);
        assertThat(semantic.path("intent").asText()).isIn("refund", "none");
        for (int i = 1; i < ranked.size(); i++) {
            assertThat(ranked.get(i).path("score").asDouble())
                    .isLessThanOrEqualTo(ranked.get(i - 1).path("score").asDouble());
        }
        double margin = ranked.get(0).path("score").asDouble() - ranked.get(1).path("score").asDouble();
        assertThat(semantic.path("ambiguous").asBoolean()).isEqualTo(margin < IntentFilterConfig.DEFAULT_AMBIGUITY_MARGIN);
    }

    @Test
    @Order(3)
    void aConfidentLexicalAnswerStandsWhenTheTierIsReady() throws Exception {
        GatedTierProvider.GATE.countDown();
        waitUntilReady();
        JsonNode strong = ask(CONFIDENT);
        assertThat(strong.path("ranked").get(0).path("score").asDouble())
                .isGreaterThanOrEqualTo(IntentFilterConfig.DEFAULT_LEXICAL_CONFIDENCE);
        assertThat(strong.path("source").asText()).isEqualTo("EMBEDDED");
        assertThat(strong.path("intent").asText()).isEqualTo("cancel_order");
        assertThat(strong.path("ranked")).hasSize(IntentFilterConfig.DEFAULT_TOP_K);
    }

    @Test
    @Order(4)
    void withFewExamplesPerIntentTheSemanticTierAnswersEvenAConfidentLexicalOne() throws Exception {
        GatedTierProvider.GATE.countDown();
        IntentRecognitionFilter defaults = new IntentRecognitionFilter(IntentFilterConfig.builder()
                .intentsFile("classpath:cascade/intents.yaml").semanticBudget(Duration.ofSeconds(60)).build());
        assertThat(IntentFilterConfig.DEFAULT_SEMANTIC_FIRST_BELOW).isGreaterThan(5);
        try (TestServer few = TestServer.start(ctx -> {
            ctx.setClassLoader(new GatedLoader(CascadeFilterTest.class.getClassLoader()));
            ctx.addFilter(new FilterHolder(defaults), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new Echo()), "/*");
        })) {
            for (int i = 0; i < 3000 && !defaults.secondTierReady(); i++) {
                Thread.sleep(100);
            }
            assertThat(defaults.secondTierReady()).as("semantic tier trained within 5 minutes").isTrue();
            HttpResponse<String> r = few.get("/q?q=" + URLEncoder.encode(CONFIDENT, StandardCharsets.UTF_8));
            JsonNode answer = JSON.readTree(r.body());
            assertThat(answer.path("ranked").get(0).path("score").asDouble())
                    .isGreaterThan(0.5);
            assertThat(answer.path("source").asText()).isEqualTo("SEMANTIC");
            assertThat(answer.path("intent").asText()).isEqualTo("cancel_order");
        }
    }

    /** Training runs in the background (model load + encoding 25 sentences); wait for it, without a timed assertion. */
    private static void waitUntilReady() throws InterruptedException {
        for (int i = 0; i < 3000 && !filter.secondTierReady(); i++) {
            Thread.sleep(100);
        }
        assertThat(filter.secondTierReady()).as("semantic tier trained within 5 minutes").isTrue();
    }
}
