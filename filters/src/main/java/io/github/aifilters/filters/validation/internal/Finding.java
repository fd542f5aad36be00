package io.github.aifilters.filters.validation.internal;

import io.github.aifilters.filters.validation.Violation;

import com.networknt.schema.ValidationMessage;

/** A raw validator message with the violation it maps to (correction needs both). */
record Finding(ValidationMessage raw, Violation violation) {
}
