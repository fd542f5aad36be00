package com.example.telemetry.api;

import jakarta.inject.Inject;
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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Devices, their readings and commands. Unknown devices answer with {@link NotFoundException} (Jersey turns it into
 * {@code sendError(404)}), a busy device with a 429, summaries are computed asynchronously with
 * {@code @Suspended AsyncResponse}, and a firmware check that never finishes is ended by Jersey's own timer.
 */
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    private final DeviceStore store;
    private final ExecutorService workers;

    @Inject
    public DeviceResource(DeviceStore store, ExecutorService workers) {
        this.store = store;
        this.workers = workers;
    }

    @GET
    public List<Model.Device> list() {
        return store.all();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(Model.NewDevice device) {
        Model.Device d = store.register(device);
        return Response.created(URI.create("/v1/devices/" + d.id())).entity(d).build();
    }

    @GET
    @Path("/{id}")
    public Model.Device get(@PathParam("id") String id) {
        return device(id);
    }

    @POST
    @Path("/{id}/readings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("id") String id, Model.ReadingBatch batch) {
        device(id);
        store.record(id, batch.readings());
        return Response.accepted().build();
    }

    @GET
    @Path("/{id}/readings")
    public List<Model.Reading> readings(@PathParam("id") String id) {
        device(id);
        return store.readings(id);
    }

    @PUT
    @Path("/{id}/label")
    @Consumes(MediaType.APPLICATION_JSON)
    public Model.Label label(@PathParam("id") String id, Model.Label label) {
        device(id);
        return label;
    }

    @POST
    @Path("/{id}/commands")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response command(@PathParam("id") String id, Model.Command command) {
        device(id);
        if ("dev-2".equals(id) && "reboot".equals(command.action())) {
            // The anemometer accepts one reboot an hour: a framework 429 with its own Retry-After.
            throw new WebApplicationException(Response.status(429).header("Retry-After", "3600").build());
        }
        return Response.accepted().build();
    }

    /** The summary is computed on a worker; a failure there is resumed as an exception Jersey does not map. */
    @GET
    @Path("/{id}/summary")
    public void summary(@PathParam("id") String id, @Suspended AsyncResponse response) {
        Model.Device d = device(id);
        workers.submit(() -> {
            try {
                response.resume(summarise(d));
            } catch (RuntimeException e) {
                response.resume(e);
            }
        });
    }

    /** Asks the vendor's update server, which never answers: Jersey's timer (not the servlet's) ends the request. */
    @GET
    @Path("/{id}/firmware")
    public void firmware(@PathParam("id") String id, @Suspended AsyncResponse response) {
        device(id);
        response.setTimeout(300, TimeUnit.MILLISECONDS);
    }

    private Model.Summary summarise(Model.Device d) {
        if (d.id().equals("dev-broken")) {
            throw new IllegalStateException("aggregation service returned no series for " + d.id());
        }
        List<Model.Reading> rs = store.readings(d.id());
        double sum = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        for (Model.Reading r : rs) {
            sum += r.value();
            min = Double.isNaN(min) ? r.value() : Math.min(min, r.value());
            max = Double.isNaN(max) ? r.value() : Math.max(max, r.value());
        }
        return new Model.Summary(d.id(), rs.size(), rs.isEmpty() ? 0 : sum / rs.size(),
                rs.isEmpty() ? 0 : min, rs.isEmpty() ? 0 : max);
    }

    private Model.Device device(String id) {
        return store.find(id).orElseThrow(NotFoundException::new);
    }
}
