package com.example.parcels.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The app's own answer to a change on a delivered parcel: a 409 with its JSON body, which the filters keep. */
@Provider
public class ParcelDeliveredMapper implements ExceptionMapper<ParcelDeliveredException> {

    @Override
    public Response toResponse(ParcelDeliveredException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Model.Refusal("already-delivered", e.parcelId(),
                        "The parcel was delivered; open a return instead."))
                .build();
    }
}
