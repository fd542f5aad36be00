package com.example.telemetry.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory devices and their readings: the example needs no database. */
public final class DeviceStore {

    private final Map<String, Model.Device> devices = new ConcurrentHashMap<>();
    private final Map<String, List<Model.Reading>> readings = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(100);

    public DeviceStore() {
        add(new Model.Device("dev-1", "boiler room sensor", "thermometer", "2.4.1", "2026-01-05T08:00:00Z"));
        add(new Model.Device("dev-2", "roof anemometer", "anemometer", "1.9.0", "2026-02-11T10:30:00Z"));
        // A device whose summaries always fail on the worker (a broken upstream aggregation service).
        add(new Model.Device("dev-broken", "legacy gateway", "gateway", "0.9.7", "2025-11-01T00:00:00Z"));
    }

    private void add(Model.Device d) {
        devices.put(d.id(), d);
        readings.put(d.id(), new CopyOnWriteArrayList<>());
    }

    public List<Model.Device> all() {
        List<Model.Device> out = new ArrayList<>(devices.values());
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    public Optional<Model.Device> find(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    public Model.Device register(Model.NewDevice n) {
        Model.Device d = new Model.Device("dev-" + ids.incrementAndGet(), n.name(), n.kind(), n.firmware(), Instant.now().toString());
        add(d);
        return d;
    }

    public List<Model.Reading> readings(String id) {
        return readings.getOrDefault(id, List.of());
    }

    public void record(String id, List<Model.Reading> batch) {
        readings.get(id).addAll(batch);
    }
}
