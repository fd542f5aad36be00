package io.github.aifilters.core.engine;

import io.github.aifilters.core.engine.llm.LlmGateway;
import io.github.aifilters.core.redact.Redactor;

/**
 * Answers from the embedded engine and asks the LLM only when allowed by the query and the embedded answer is weak;
 * the LLM answer replaces the embedded one only when it passes checks.
 * (Foundation placeholder: embedded answers only, until the LLM policy lands.)
 */
public final class HybridEngine implements AiEngine {

    private final EmbeddedEngine embedded;
    private final LlmGateway gateway;
    private final Redactor redactor;

    public HybridEngine(EmbeddedEngine embedded, LlmGateway gateway, Redactor redactor) {
        this.embedded = embedded;
        this.gateway = gateway;
        this.redactor = redactor;
    }

    @Override
    public IntentResult classifyIntent(IntentQuery query) {
        return embedded.classifyIntent(query);
    }

    @Override
    public CorrectionAdvice suggestCorrections(CorrectionQuery query) {
        return embedded.suggestCorrections(query);
    }

    @Override
    public ErrorAnalysis analyseError(ErrorQuery query) {
        return embedded.analyseError(query);
    }

    @Override
    public AlertMessage writeAlertMessage(AlertQuery query) {
        return embedded.writeAlertMessage(query);
    }

    @Override
    public void close() {
        gateway.close();
    }
}
