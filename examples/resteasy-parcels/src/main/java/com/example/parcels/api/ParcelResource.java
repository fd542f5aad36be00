package com.example.parcels.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Parcels, their scans, redirects and notes. An unknown parcel answers with {@link NotFoundException} (RESTEasy
 * writes the bare status), a used-up redirect allowance with a 429, a delivered parcel with the app's own 409; the
 * delivery estimate is computed asynchronously with {@code @Suspended AsyncResponse}, a customs check that never
 * finishes is ended by RESTEasy's own timer, and the label of {@value ParcelDepot#LOST} is a response Jackson cannot
 * write.
 */
@Path("/parcels")
@Produces(MediaType.APPLICATION_JSON)
public class ParcelResource {

    private final ParcelDepot depot;
    private final ExecutorService workers;

    public ParcelResource(ParcelDepot depot, ExecutorService workers) {
        this.depot = depot;
        this.workers = workers;
    }

    @GET
    public List<Model.Parcel> list() {
        return depot.all();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response book(Model.NewParcel parcel) {
        Model.Parcel p = depot.book(parcel);
        return Response.created(URI.create("/api/parcels/" + p.id())).entity(p).build();
    }

    @GET
    @Path("/{id}")
    public Model.Parcel get(@PathParam("id") String id) {
        return parcel(id);
    }

    @GET
    @Path("/{id}/scans")
    public Model.History scans(@PathParam("id") String id) {
        parcel(id);
        return new Model.History(id, depot.scans(id));
    }

    @POST
    @Path("/{id}/scans")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response scan(@PathParam("id") String id, Model.Scan scan) {
        parcel(id);
        depot.scan(id, scan);
        return Response.accepted().build();
    }

    @POST
    @Path("/{id}/redirect")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response redirect(@PathParam("id") String id, Model.Redirect redirect) {
        Model.Parcel p = parcel(id);
        if ("delivered".equals(p.status())) {
            throw new ParcelDeliveredException(id);
        }
        if (depot.redirectsLeft(id) == 0) {
            // The carrier's allowance resets at midnight: a framework 429 with its own Retry-After.
            throw new WebApplicationException(Response.status(429).header("Retry-After", "3600").build());
        }
        return Response.accepted().build();
    }

    @PUT
    @Path("/{id}/note")
    @Consumes(MediaType.APPLICATION_JSON)
    public Model.Note note(@PathParam("id") String id, Model.Note note) {
        parcel(id);
        return note;
    }

    @GET
    @Path("/{id}/label")
    public Model.Label label(@PathParam("id") String id) {
        parcel(id);
        return new Model.Label(id, "JJD" + id.hashCode(), depot.carrierReference(id));
    }

    /** The estimate is computed on a worker; a failure there is resumed as an exception no mapper of the app maps. */
    @GET
    @Path("/{id}/eta")
    public void eta(@PathParam("id") String id, @Suspended AsyncResponse response) {
        Model.Parcel p = parcel(id);
        workers.submit(() -> {
            try {
                response.resume(estimate(p));
            } catch (RuntimeException e) {
                response.resume(e);
            }
        });
    }

    /** Asks the customs broker, who never answers: RESTEasy's timer (not the servlet container's) ends the request. */
    @GET
    @Path("/{id}/customs")
    public void customs(@PathParam("id") String id, @Suspended AsyncResponse response) {
        parcel(id);
        response.setTimeout(300, TimeUnit.MILLISECONDS);
    }

    private Model.Eta estimate(Model.Parcel p) {
        if (ParcelDepot.LOST.equals(p.id())) {
            throw new IllegalStateException("route planner has no leg from hub FRA-3 for " + p.id());
        }
        int hops = "express".equals(p.service()) ? 1 : 3;
        return new Model.Eta(p.id(), LocalDate.of(2026, 3, 4).plusDays(hops).toString(), hops);
    }

    private Model.Parcel parcel(String id) {
        return depot.find(id).orElseThrow(NotFoundException::new);
    }
}
