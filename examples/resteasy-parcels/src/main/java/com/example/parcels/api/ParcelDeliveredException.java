package com.example.parcels.api;

/** A change asked of a parcel that was already handed over: the app answers it itself, with its own body. */
public class ParcelDeliveredException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String parcelId;

    public ParcelDeliveredException(String parcelId) {
        super("parcel " + parcelId + " was already delivered");
        this.parcelId = parcelId;
    }

    public String parcelId() {
        return parcelId;
    }
}
