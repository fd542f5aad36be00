package com.example.parcels.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.spi.ReaderException;

/**
 * A request body RESTEasy could not read (malformed JSON, a wrong type, nesting too deep) is the client's error:
 * answered with the status alone. Without this mapper RESTEasy answers {@code 400 text/plain} with Jackson's message,
 * which names the app's classes; a bare 400 becomes the error filter's problem document for JSON clients.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ReaderException> {

    @Override
    public Response toResponse(ReaderException e) {
        return Response.status(Response.Status.BAD_REQUEST).build();
    }
}
