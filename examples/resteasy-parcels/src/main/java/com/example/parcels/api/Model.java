package com.example.parcels.api;

import java.util.List;

/** The API's JSON shapes (Jackson reads and writes records; times are ISO-8601 strings). */
public final class Model {

    /** A parcel as the carrier tracks it. */
    public record Parcel(String id, String recipient, String destination, String service, int weightGrams,
                         String status) {
    }

    /** What a sender submits to book a parcel. */
    public record NewParcel(String recipient, String destination, String service, Integer weightGrams) {
    }

    /** One scan of a parcel at a hub, a van or the door. */
    public record Scan(String kind, String location, String at) {
    }

    /** A request to deliver the parcel somewhere else. */
    public record Redirect(String address) {
    }

    /** A free-text note for the driver (no schema: the body goes straight to Jackson). */
    public record Note(String text) {
    }

    /** The estimated delivery, computed off the request thread. */
    public record Eta(String parcelId, String estimatedDelivery, int hops) {
    }

    /**
     * A shipping label. {@code carrier} is the carrier's reference, written as it comes from the carrier's client: a
     * string, except where the client hands back its booking handle, which Jackson cannot write.
     */
    public record Label(String parcelId, String barcode, Object carrier) {
    }

    /** The app's own error body, written by its exception mapper. */
    public record Refusal(String code, String parcelId, String message) {
    }

    /** The scans of a parcel, oldest first. */
    public record History(String parcelId, List<Scan> scans) {
    }

    private Model() {
    }
}
