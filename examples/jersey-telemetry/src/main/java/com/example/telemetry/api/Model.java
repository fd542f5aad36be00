package com.example.telemetry.api;

import java.util.List;

/** The API's JSON shapes (Jackson reads and writes records; times are ISO-8601 strings). */
public final class Model {

    /** A registered device. */
    public record Device(String id, String name, String kind, String firmware, String registeredAt) {
    }

    /** What a client sends to register a device. */
    public record NewDevice(String name, String kind, String firmware) {
    }

    /** One measurement a device reports. */
    public record Reading(String metric, double value, String unit, String at) {
    }

    /** A batch of readings as a device uploads it. */
    public record ReadingBatch(List<Reading> readings) {
    }

    /** A command sent to a device. */
    public record Command(String action, Integer delaySeconds) {
    }

    /** A free-text label on a device (no schema: the body goes straight to Jackson). */
    public record Label(String text) {
    }

    /** Summary of a device's readings, computed off the request thread. */
    public record Summary(String deviceId, int readings, double mean, double min, double max) {
    }

    private Model() {
    }
}
