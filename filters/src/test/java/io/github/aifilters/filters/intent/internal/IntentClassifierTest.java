package io.github.aifilters.filters.intent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.exchange.IntentResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IntentClassifierTest {

    private static IntentsDefinition definition;
    private static IntentClassifier model;

    @BeforeAll
    static void train() {
        definition = new IntentsFileLoader("classpath:intent/shop-intents.yaml").load();
        model = new IntentClassifierTrainer().train(definition);
    }

    @Test
    void recognisesParaphrasesInEnglishAndChinese() {
        assertThat(model.classify("please search for red running shoes").intent()).isEqualTo("search");
        assertThat(model.classify("I'd like to register an account").intent()).isEqualTo("create_user");
        assertThat(model.classify("change the email address on my profile").intent()).isEqualTo("update_profile");
        assertThat(model.classify("export the quarterly sales report").intent()).isEqualTo("generate_report");
        assertThat(model.classify("analyze churn in the user data").intent()).isEqualTo("analyze_data");
        assertThat(model.classify("帮我搜索跑鞋").intent()).isEqualTo("search");
        assertThat(model.classify("我想注册新账号").intent()).isEqualTo("create_user");
        assertThat(model.classify("生成销售报告").intent()).isEqualTo("generate_report");
    }

    @Test
    void toleratesTypos() {
        assertThat(model.classify("serch for laptps").intent()).isEqualTo("search");
        assertThat(model.classify("genrate the monthly sales reprot").intent()).isEqualTo("generate_report");
    }

    @Test
    void probabilitiesAreSensible() {
        // a training example scores higher than a paraphrase, which scores higher than an unrelated sentence
        double example = model.predict("search for laptops").topProbability();
        double paraphrase = model.predict("could you look for some laptops").topProbability();
        double unrelated = model.predict("the weather on mars is cold").topProbability();
        assertThat(example).isBetween(0.0, 1.0).isGreaterThan(paraphrase);
        assertThat(paraphrase).isGreaterThan(0.9).isGreaterThan(unrelated);
        assertThat(unrelated).isBetween(0.0, 1.0);
        IntentResult r = model.classify("please search for red running shoes");
        assertThat(r.confidence()).isBetween(0.9, 1.0);
    }

    @Test
    void belowTheNoneThresholdTheAnswerIsNoneWithTheComplementAsConfidence() {
        IntentClassifier strict = new IntentClassifierTrainer(IntentTrainingOptions.DEFAULTS.withNoneThreshold(0.99))
                .train(definition);
        IntentClassifier.Prediction p = strict.predict("the weather on mars is cold");
        assertThat(p.topProbability()).isLessThan(0.99);
        assertThat(p.intent()).isEqualTo(IntentModel.NONE);
        assertThat(p.confidence()).isEqualTo(1.0 - p.topProbability());
        IntentResult r = strict.classify("the weather on mars is cold");
        assertThat(r.isNone()).isTrue();
        assertThat(r.suggestedAction()).isNull();
        // a clear request still passes the strict threshold
        assertThat(strict.classify("search for laptops").intent()).isEqualTo("search");
    }

    @Test
    void unrelatedSentencesAreNotConfidentOnASmallIntentsFile() {
        // about a dozen examples per intent: the held-out calibration sees no errors, so on its own it would give
        // "tell me a joke" 0.84 for "search"; the out-of-scope checks (negative top score, nearest-example
        // similarity) must bring such sentences under the filter's 0.8 header threshold
        for (String text : List.of("tell me a joke", "who won the football game", "how old is the universe",
                "where is my order")) {
            IntentClassifier.Prediction p = model.predict(text);
            assertThat(p.topProbability()).as(text).isLessThan(0.8);
        }
        assertThat(model.classify("tell me a joke").isNone()).isTrue();
        // text sharing (almost) no n-gram with the training examples has a similarity near 0: out of scope
        IntentClassifier.Prediction unseen = model.predict("qxzv wjkq");
        assertThat(unseen.topProbability()).isLessThan(0.1);
        assertThat(unseen.intent()).isEqualTo(IntentModel.NONE);
        // while the configured intents stay confident
        assertThat(model.predict("find me a pair of red shoes").confidence()).isGreaterThan(0.8);
        assertThat(model.predict("I want to sign up").confidence()).isGreaterThan(0.8);
    }

    @Test
    void deterministic() {
        IntentClassifier again = new IntentClassifierTrainer().train(definition);
        for (String text : List.of("find red shoes", "帮我开一个账户", "xyz", "report on sales trends")) {
            IntentClassifier.Prediction a = model.predict(text);
            IntentClassifier.Prediction b = again.predict(text);
            assertThat(b).isEqualTo(a);
        }
    }

    @Test
    void resultCarriesActionSourceEntitiesAndRoute() {
        IntentResult r = model.classify("search for the Galaxy S24 under $500");
        assertThat(r.intent()).isEqualTo("search");
        assertThat(r.suggestedAction()).isEqualTo("search");
        assertThat(r.source()).isEqualTo(EngineSource.EMBEDDED);
        assertThat(r.latency()).isNotNull();
        assertThat(r.entities()).extracting(e -> e.type() + "=" + e.value())
                .contains("product=Galaxy S24", "money=500 USD");
        assertThat(model.routeOf("search")).isEqualTo("/api/search");
        assertThat(model.labels()).containsExactly("search", "create_user", "update_profile", "generate_report",
                "analyze_data");
    }

    @Test
    void reportsTrainingFigures() {
        IntentClassifier.TrainingReport report = model.report();
        assertThat(report.examples()).isEqualTo(60);
        assertThat(report.intents()).isEqualTo(5);
        assertThat(report.heldOut()).isEqualTo(60); // small set: every fold held out once
        assertThat(model.estimatedBytes()).isPositive();
    }

    @Test
    void memoryBudgetDropsTheRarestFeatures() {
        IntentClassifier small = new IntentClassifierTrainer(IntentTrainingOptions.DEFAULTS.withMaxModelBytes(24_000))
                .train(definition);
        assertThat(small.dimension()).isLessThan(model.dimension()).isLessThanOrEqualTo(24_000 / (4 * 6));
        assertThat(small.classify("search for laptops").intent()).isEqualTo("search");
    }

    @Test
    void rankedTopKIsSortedConsistentWithTheAnswerAndFlagsCloseCalls() {
        var r = model.classify("please search for red running shoes", 3, 0.1);
        assertThat(r.ranked()).hasSize(3);
        assertThat(r.ranked().get(0).intent()).isEqualTo(r.intent()).isEqualTo("search");
        assertThat(r.ranked().get(0).score()).isEqualTo(r.confidence());
        assertThat(r.ranked()).extracting(io.github.aifilters.core.intent.RankedIntent::intent).doesNotHaveDuplicates();
        for (int i = 1; i < r.ranked().size(); i++) {
            assertThat(r.ranked().get(i).score()).isLessThanOrEqualTo(r.ranked().get(i - 1).score());
        }
        double gap = r.ranked().get(0).score() - r.ranked().get(1).score();
        assertThat(r.ambiguous()).isEqualTo(gap < 0.1);
        // a margin wider than any gap flags every answer; the plain classify() carries no ranking
        assertThat(model.classify("please search for red running shoes", 3, 1.01).ambiguous()).isTrue();
        assertThat(model.classify("please search for red running shoes").ranked()).isEmpty();
        assertThat(model.classify("please search for red running shoes", 1, 0.1).ambiguous()).isFalse();
    }
}
