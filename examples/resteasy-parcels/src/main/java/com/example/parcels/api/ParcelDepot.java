package com.example.parcels.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory parcels and their scans: the example needs no database. */
public final class ParcelDepot {

    /** A parcel whose route planner, scan archive and carrier client are broken: its ETA, scans and label fail. */
    public static final String LOST = "PX-LOST";

    private final Map<String, Model.Parcel> parcels = new ConcurrentHashMap<>();
    private final Map<String, List<Model.Scan>> scans = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(2000);

    public ParcelDepot() {
        add(new Model.Parcel("PX-1001", "A. Moreau", "12 Rue Neuve, Lyon", "standard", 1200, "in_transit"));
        add(new Model.Parcel("PX-1002", "J. Novak", "Karlova 4, Prague", "express", 300, "delivered"));
        // Redirected twice already: the carrier allows no third redirect today.
        add(new Model.Parcel("PX-1003", "L. Berg", "Storgatan 9, Uppsala", "standard", 5400, "in_transit"));
        add(new Model.Parcel(LOST, "R. Costa", "Rua Augusta 1, Lisbon", "economy", 800, "in_transit"));
        scans.get("PX-1001").add(new Model.Scan("hub", "Frankfurt", "2026-03-02T06:40:00Z"));
    }

    private void add(Model.Parcel p) {
        parcels.put(p.id(), p);
        scans.put(p.id(), new CopyOnWriteArrayList<>());
    }

    public List<Model.Parcel> all() {
        List<Model.Parcel> out = new ArrayList<>(parcels.values());
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    public Optional<Model.Parcel> find(String id) {
        return Optional.ofNullable(parcels.get(id));
    }

    public Model.Parcel book(Model.NewParcel n) {
        Model.Parcel p = new Model.Parcel("PX-" + ids.incrementAndGet(), n.recipient(), n.destination(),
                n.service() == null ? "standard" : n.service(), n.weightGrams() == null ? 0 : n.weightGrams(), "booked");
        add(p);
        return p;
    }

    public List<Model.Scan> scans(String id) {
        if (LOST.equals(id)) {
            throw new IllegalStateException("scan archive shard 7 is read-only for " + id);
        }
        return scans.getOrDefault(id, List.of());
    }

    public void scan(String id, Model.Scan scan) {
        scans.get(id).add(scan.at() == null ? new Model.Scan(scan.kind(), scan.location(), Instant.now().toString())
                : scan);
    }

    /** The carrier's reference of a parcel; for {@link #LOST} its client returns the booking handle instead. */
    public Object carrierReference(String id) {
        return LOST.equals(id) ? new CarrierBooking(id) : "CR-" + id;
    }

    /** The carrier client's booking handle: no properties Jackson could write. */
    static final class CarrierBooking {
        private final String parcelId;

        CarrierBooking(String parcelId) {
            this.parcelId = parcelId;
        }

        @Override
        public String toString() {
            return "CarrierBooking[" + parcelId + "]";
        }
    }

    /** Redirects left today: PX-1003 has used its two. */
    public int redirectsLeft(String id) {
        return "PX-1003".equals(id) ? 0 : 2;
    }
}
