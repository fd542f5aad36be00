package io.github.aifilters.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real default encoder (bge-small-en-v1.5, quantised) on a handful of intents: paraphrases it never saw, and text it must refuse. */
class SemanticIntentModelTest {

    private static SentenceEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = SentenceEncoders.allMiniLmL6V2Quantized(EncoderOptions.DEFAULTS);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    static List<LabeledText> examples() {
        List<LabeledText> out = new ArrayList<>();
        add(out, "track_order", "where is my order", "track my package", "when will my parcel arrive",
                "has my order shipped yet", "what is the delivery status of my purchase");
        add(out, "cancel_order", "cancel my order", "i want to cancel the purchase", "please stop my order",
                "i no longer want what i ordered", "how do i cancel an order");
        add(out, "reset_password", "i forgot my password", "reset my password", "i can't log in to my account",
                "how do i change my password", "my login credentials do not work");
        add(out, "refund", "i want my money back", "how do i get a refund", "refund my payment",
                "return the item and get reimbursed", "can i be refunded for this");
        return out;
    }

    private static void add(List<LabeledText> out, String intent, String... texts) {
        for (String t : texts) {
            out.add(new LabeledText(t, intent));
        }
    }

    @Test
    void everyHeadRecognisesUnseenParaphrases() {
        for (SemanticOptions.Head head : SemanticOptions.Head.values()) {
            SemanticIntentModel model = SemanticIntentModel.train(examples(), SemanticOptions.DEFAULTS.withHead(head)
                    .withOutOfScopeThreshold(0.0), encoder);
            assertThat(model.classify("where's my parcel right now?").topIntent()).as(head.name())
                    .isEqualTo("track_order");
            assertThat(model.classify("I'd like to get reimbursed").topIntent()).as(head.name())
                    .isEqualTo("refund");
            assertThat(model.classify("forgot the password for my account").topIntent()).as(head.name())
                    .isEqualTo("reset_password");
        }
    }

    @Test
    void rankingIsSortedAndConfidenceIsTheTopScore() {
        SemanticIntentModel model = SemanticIntentModel.train(examples(), SemanticOptions.DEFAULTS, encoder);
        SemanticPrediction p = model.classify("please cancel the order I placed");
        assertThat(p.topIntent()).isEqualTo("cancel_order");
        assertThat(p.ranked()).hasSize(4);
        for (int i = 1; i < p.ranked().size(); i++) {
            assertThat(p.ranked().get(i).score()).isLessThanOrEqualTo(p.ranked().get(i - 1).score());
        }
        assertThat(p.confidence()).isEqualTo(p.ranked().get(0).score()).isBetween(0.0, 1.0);
        assertThat(model.intents()).containsExactly("track_order", "cancel_order", "reset_password", "refund");
        // 4 intents: dense weights, biases and the hashed lexical weights
        assertThat(model.memoryBytes()).isEqualTo((4L * 384 + 4 + 4L * (1 << 14)) * Float.BYTES);
    }

    @Test
    void unrelatedTextIsLessConfidentThanAnInScopeOne() {
        SemanticIntentModel model = SemanticIntentModel.train(examples(), SemanticOptions.DEFAULTS, encoder);
        double inScope = model.classify("how can I get a refund for this").confidence();
        double outOfScope = model.classify("what is the capital of australia").confidence();
        assertThat(outOfScope).isLessThan(inScope);
        SemanticIntentModel strict = model.withOutOfScopeThreshold((inScope + outOfScope) / 2);
        assertThat(strict.classify("what is the capital of australia").outOfScope()).isTrue();
        assertThat(strict.classify("what is the capital of australia").intent()).isEmpty();
        assertThat(strict.classify("how can I get a refund for this").intent()).contains("refund");
    }

    @Test
    void trainsInTheBackgroundOnTheGivenExecutor() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "trainer-under-test"));
        try {
            SemanticIntentModel model = new SemanticIntentTrainer(encoder,
                    SemanticOptions.DEFAULTS.withLexicalWeight(0.3)).trainAsync(examples(), executor).get();
            assertThat(model.classify("i want to cancel my order").topIntent()).isEqualTo("cancel_order");
            assertThat(model.trainingExamples()).isEqualTo(20);
            // the lexical weights are part of the reported memory
            assertThat(model.memoryBytes()).isGreaterThan((long) 4 * (1 << 14) * Float.BYTES);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void anIntentsNameIsOneMoreExampleUnlessSwitchedOff() {
        List<LabeledText> few = List.of(
                new LabeledText("will i need an umbrella tomorrow", "weather_forecast"),
                new LabeledText("get me to paris on friday", "book_flight"),
                new LabeledText("what did i spend on groceries", "spending_history"));
        SemanticIntentModel named = SemanticIntentModel.train(few, SemanticOptions.DEFAULTS, encoder);
        SemanticIntentModel unnamed = SemanticIntentModel.train(few,
                SemanticOptions.DEFAULTS.withIntentNameExamples(false), encoder);
        assertThat(SemanticOptions.DEFAULTS.intentNameExamples()).isTrue();
        assertThat(named.classify("book a flight").topIntent()).isEqualTo("book_flight");
        assertThat(named.classify("book a flight").confidence())
                .isGreaterThan(unnamed.classify("book a flight").confidence());
        // the names are not counted as the user's examples
        assertThat(named.trainingExamples()).isEqualTo(3);
    }

    @Test
    void trainingIsDeterministic() {
        SemanticIntentModel a = SemanticIntentModel.train(examples(), SemanticOptions.DEFAULTS, encoder);
        SemanticIntentModel b = SemanticIntentModel.train(examples(), SemanticOptions.DEFAULTS, encoder);
        String text = "my package has not arrived";
        assertThat(a.classify(text).ranked()).isEqualTo(b.classify(text).ranked());
    }
}
