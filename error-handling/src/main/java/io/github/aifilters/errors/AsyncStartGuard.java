package io.github.aifilters.errors;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The request passed down the chain, so that a failure inside {@link AsyncContext#start(Runnable)} is answered like
 * any other error. The container runs such a runnable on one of its threads and, when it throws, only logs the
 * exception: nobody completes the async cycle, and the client waits for the async timeout. Here
 * {@link #startAsync()} (both forms) and {@link #getAsyncContext()} return a {@link GuardedAsyncContext} whose
 * {@code start} runs the runnable inside a try/catch that hands the throwable to the filter (which answers, logs and
 * completes). {@code complete()} first lets the filter resolve what the response holds (a {@code sendError} made on
 * a worker thread): after {@code complete()} the container finishes the response, and a held error not written by then
 * would go out as an empty {@code 200}. Everything else is delegated unchanged.
 */
final class AsyncStartGuard extends HttpServletRequestWrapper {

    private final Runnable onStart;
    private final Consumer<Failure> onFailure;
    private final Runnable beforeComplete;
    private final UnaryOperator<ServletResponse> responseView;
    private GuardedAsyncContext guarded;

    /** A throwable that escaped a started runnable, with the async cycle it belongs to. */
    record Failure(Throwable throwable, AsyncContext context) {
    }

    /**
     * @param onStart called right after an async cycle started (to register the filter's listener before the app's
     *                work can possibly finish)
     * @param onFailure called, on the container thread that ran it, with what a started runnable threw
     * @param beforeComplete called on the thread that calls {@code complete()}, before the container gets the call;
     *                       must not throw
     * @param responseView what {@code AsyncContext.getResponse()} answers for the container's response (the filter's
     *                     wrapper, so that async writes and sendError made through it are seen like any other)
     */
    AsyncStartGuard(HttpServletRequest request, Runnable onStart, Consumer<Failure> onFailure,
                    Runnable beforeComplete, UnaryOperator<ServletResponse> responseView) {
        super(request);
        this.onStart = onStart;
        this.onFailure = onFailure;
        this.beforeComplete = beforeComplete;
        this.responseView = responseView;
    }

    @Override
    public AsyncContext startAsync() throws IllegalStateException {
        AsyncContext started = super.startAsync();
        onStart.run();
        return guard(started);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) throws IllegalStateException {
        AsyncContext started = super.startAsync(request, response);
        onStart.run();
        return guard(started);
    }

    @Override
    public AsyncContext getAsyncContext() {
        return guard(super.getAsyncContext());
    }

    /** One guard per underlying context: the app may compare the contexts it gets back. */
    private synchronized AsyncContext guard(AsyncContext context) {
        if (context == null) {
            return null;
        }
        if (guarded == null || guarded.delegate != context) {
            guarded = new GuardedAsyncContext(context, onFailure, beforeComplete, responseView);
        }
        return guarded;
    }

    /** Delegates everything; {@link #start} catches what the runnable throws. */
    static final class GuardedAsyncContext implements AsyncContext {
        final AsyncContext delegate;
        private final Consumer<Failure> onFailure;
        private final Runnable beforeComplete;
        private final UnaryOperator<ServletResponse> responseView;

        GuardedAsyncContext(AsyncContext delegate, Consumer<Failure> onFailure, Runnable beforeComplete,
                            UnaryOperator<ServletResponse> responseView) {
            this.delegate = delegate;
            this.onFailure = onFailure;
            this.beforeComplete = beforeComplete;
            this.responseView = responseView;
        }

        @Override
        public void start(Runnable run) {
            delegate.start(() -> {
                try {
                    run.run();
                } catch (Throwable t) {
                    // Also a sneaky-thrown checked exception. The container would only log it and leave the
                    // request hanging until the async timeout: answer it now instead.
                    onFailure.accept(new Failure(t, delegate));
                }
            });
        }

        @Override
        public ServletRequest getRequest() {
            return delegate.getRequest();
        }

        @Override
        public ServletResponse getResponse() {
            return responseView.apply(delegate.getResponse());
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return delegate.hasOriginalRequestAndResponse();
        }

        @Override
        public void dispatch() {
            delegate.dispatch();
        }

        @Override
        public void dispatch(String path) {
            delegate.dispatch(path);
        }

        @Override
        public void dispatch(ServletContext context, String path) {
            delegate.dispatch(context, path);
        }

        @Override
        public void complete() {
            beforeComplete.run();
            delegate.complete();
        }

        @Override
        public void addListener(AsyncListener listener) {
            delegate.addListener(listener);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            delegate.addListener(listener, request, response);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> clazz) throws ServletException {
            return delegate.createListener(clazz);
        }

        @Override
        public void setTimeout(long timeout) {
            delegate.setTimeout(timeout);
        }

        @Override
        public long getTimeout() {
            return delegate.getTimeout();
        }
    }
}
