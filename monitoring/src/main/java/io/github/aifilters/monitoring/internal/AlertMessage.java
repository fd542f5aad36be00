package io.github.aifilters.monitoring.internal;

import io.github.aifilters.core.llm.EngineSource;
import java.time.Duration;

/**
 * @param text the alert text
 * @param source which engine wrote it
 * @param latency time spent writing it
 */
public record AlertMessage(String text, EngineSource source, Duration latency) {
}
