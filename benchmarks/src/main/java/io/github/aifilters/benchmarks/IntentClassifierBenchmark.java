package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.filters.intent.internal.IntentClassifier;
import io.github.aifilters.filters.internal.FiltersTestSupport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Embedded intent classification latency (one call: features, scores, calibration, entities) with the CLINC150 model.
 * Run: {@code java -jar benchmarks/target/ai-filters-bench.jar jmh --include IntentClassifierBenchmark}
 * (training data from {@code -Daifilters.intents.train=...}, default
 * {@code ../shared/data/intents/clinc150-train.jsonl}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IntentClassifierBenchmark {

    private static final List<String> TEXTS = List.of(
            "how do i say thank you in spanish",
            "please transfer $250 from my checking account to savings next Friday",
            "what's the weather going to be like tomorrow in new york",
            "I need to book a table for four at an italian restaurant",
            "can you tell me a joke",
            "帮我查一下明天的天气");

    private IntentClassifier model;
    private int next;

    @Setup
    public void train() throws Exception {
        Path train = Path.of(System.getProperty("aifilters.intents.train",
                "../shared/data/intents/clinc150-train.jsonl"));
        model = FiltersTestSupport.trainIntents(
                IntentsCommand.definition(IntentsCommand.read(new ObjectMapper(), train)));
    }

    @Benchmark
    public IntentResult classify() {
        String text = TEXTS.get(next);
        next = next + 1 == TEXTS.size() ? 0 : next + 1;
        return model.classify(text);
    }
}
