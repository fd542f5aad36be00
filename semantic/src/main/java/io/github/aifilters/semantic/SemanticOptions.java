package io.github.aifilters.semantic;

/**
 * How {@link SemanticIntentTrainer} builds a model.
 *
 * @param head                which classifier runs over the sentence vectors
 * @param lexicalWeight       weight of the hashed word / character n-gram features appended to the sentence vector
 *                            (logistic head only; 0 = sentence vector alone). They catch the literal cues (product
 *                            names, rare words) that a small sentence encoder smooths away.
 * @param lexicalBuckets      size of the hashed lexical feature space (a power of two); the weights cost
 *                            {@code intents × buckets × 4} bytes
 * @param epochs              passes of the logistic head over the examples
 * @param learningRate        AdaGrad base step of the logistic head
 * @param l2                  L2 penalty of the logistic head
 * @param outOfScopeThreshold confidence under which a sentence is out of scope
 * @param topK                how many intents a prediction lists
 * @param seed                shuffling seed: training is deterministic for a given seed and example order
 * @param intentNameExamples  whether each intent's name, read as words ({@code pto_request_status} → "pto request
 *                            status", {@code AddToPlaylist} → "add to playlist"), is one more training example of
 *                            that intent. Names are the shortest description a team writes of an intent; with ten
 *                            examples per intent they add 0.7–1.5 points on unseen data (docs/semantic.md)
 */
public record SemanticOptions(Head head, double lexicalWeight, int lexicalBuckets, int epochs, double learningRate,
                              double l2, double outOfScopeThreshold, int topK, long seed,
                              boolean intentNameExamples) {

    /** The classifier over sentence vectors. */
    public enum Head {
        /** Multinomial logistic regression (softmax), AdaGrad; the default. */
        LOGISTIC,
        /** Cosine to each intent's mean vector, softmax over the similarities. */
        CENTROID,
        /** Cosine to the nearest examples, similarity-weighted vote. */
        KNN
    }

    /**
     * Logistic head over the sentence vector plus lexical features at weight 0.15, 15 epochs: the best mean of 5-fold
     * cross-validated top-1 accuracy over HINT3, SNIPS (100/intent) and CLINC150 (10 and 30/intent) with the default
     * encoder (bge-small-en-v1.5) among the centroid, kNN and logistic heads with lexical weight 0 / 0.15 / 0.3 / 0.6
     * (docs/semantic.md; with all-MiniLM-L6-v2, 0.3 was 0.2 point better). The threshold is the lowest at which
     * cross-validation on CLINC150 train reaches 60% out-of-scope recall. Intent names are examples: a tie in
     * cross-validation within the training files, a gain on every held-out split tried (docs/semantic.md).
     */
    public static final SemanticOptions DEFAULTS =
            new SemanticOptions(Head.LOGISTIC, 0.15, 1 << 14, 15, 0.5, 1e-5, 0.45, 5, 42L, true);

    public SemanticOptions {
        if (head == null) {
            throw new IllegalArgumentException("head is required");
        }
        if (lexicalBuckets < 1 || Integer.bitCount(lexicalBuckets) != 1) {
            throw new IllegalArgumentException("lexicalBuckets must be a power of two: " + lexicalBuckets);
        }
        if (epochs < 1 || topK < 1 || learningRate <= 0 || l2 < 0 || lexicalWeight < 0) {
            throw new IllegalArgumentException("invalid semantic options");
        }
        if (outOfScopeThreshold < 0 || outOfScopeThreshold > 1) {
            throw new IllegalArgumentException("outOfScopeThreshold must be in [0, 1]: " + outOfScopeThreshold);
        }
    }

    public SemanticOptions withHead(Head h) {
        return new SemanticOptions(h, lexicalWeight, lexicalBuckets, epochs, learningRate, l2, outOfScopeThreshold,
                topK, seed, intentNameExamples);
    }

    public SemanticOptions withLexicalWeight(double w) {
        return new SemanticOptions(head, w, lexicalBuckets, epochs, learningRate, l2, outOfScopeThreshold, topK,
                seed, intentNameExamples);
    }

    public SemanticOptions withEpochs(int e) {
        return new SemanticOptions(head, lexicalWeight, lexicalBuckets, e, learningRate, l2, outOfScopeThreshold,
                topK, seed, intentNameExamples);
    }

    public SemanticOptions withLearningRate(double lr) {
        return new SemanticOptions(head, lexicalWeight, lexicalBuckets, epochs, lr, l2, outOfScopeThreshold, topK,
                seed, intentNameExamples);
    }

    public SemanticOptions withL2(double v) {
        return new SemanticOptions(head, lexicalWeight, lexicalBuckets, epochs, learningRate, v, outOfScopeThreshold,
                topK, seed, intentNameExamples);
    }

    public SemanticOptions withOutOfScopeThreshold(double t) {
        return new SemanticOptions(head, lexicalWeight, lexicalBuckets, epochs, learningRate, l2, t, topK, seed,
                intentNameExamples);
    }

    public SemanticOptions withIntentNameExamples(boolean on) {
        return new SemanticOptions(head, lexicalWeight, lexicalBuckets, epochs, learningRate, l2, outOfScopeThreshold,
                topK, seed, on);
    }
}
