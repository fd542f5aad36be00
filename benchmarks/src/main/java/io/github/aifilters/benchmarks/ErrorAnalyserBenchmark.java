package io.github.aifilters.benchmarks;

import io.github.aifilters.errors.ErrorAnalyser;
import io.github.aifilters.errors.ErrorAnalysis;
import io.github.aifilters.errors.ErrorCategories;
import io.github.aifilters.errors.ErrorDescription;
import io.github.aifilters.errors.ErrorFilterConfig;
import io.github.aifilters.errors.Fingerprinter;
import io.github.aifilters.errors.internal.ErrorsTestSupport;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the error filter does per failed request, off the LLM path: describe the live throwable, analyse it with the
 * embedded analyser, fingerprint it. Inputs: a live exception with a three-level cause chain and ~45-frame Spring +
 * Hikari + Jetty stacks, and a PostgreSQL pool-exhaustion error described as text (the driver class need not
 * be on the classpath, as when analysing a log line).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ErrorAnalyserBenchmark {

    private final ErrorAnalyser analyser = ErrorsTestSupport.analyser(ErrorFilterConfig.ofDefaults());
    /** Default configuration: every frame outside the framework list is the app's. */
    private final Fingerprinter fingerprinter = new Fingerprinter();
    private Throwable live;
    private Throwable liveNoAppFrame;
    private ErrorDescription liveNoAppFrameDescription;
    private ErrorDescription liveDescription;
    private ErrorDescription described;

    @Setup
    public void setUp() {
        live = chain(true);
        liveDescription = ErrorDescription.of(live);
        liveNoAppFrame = chain(false);
        liveNoAppFrameDescription = ErrorDescription.of(liveNoAppFrame);
        List<String> frames = new ArrayList<>(List.of(
                "org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication",
                "org.postgresql.core.v3.ConnectionFactoryImpl.tryConnect",
                "org.postgresql.jdbc.PgConnection.<init>",
                "com.zaxxer.hikari.pool.PoolBase.newConnection",
                "com.zaxxer.hikari.pool.HikariPool.getConnection",
                "org.springframework.jdbc.datasource.DataSourceUtils.doGetConnection",
                "org.springframework.jdbc.core.JdbcTemplate.execute",
                "com.acme.shop.orders.OrderRepository.findOpenOrders",
                "com.acme.shop.orders.OrderService.listOpen",
                "com.acme.shop.web.OrderController.list"));
        for (int i = 0; i < 20; i++) {
            frames.add("org.springframework.web.servlet.FrameworkServlet.service" + i);
        }
        described = new ErrorDescription("org.springframework.dao.DataAccessResourceFailureException",
                "Failed to obtain JDBC Connection",
                List.of(new ErrorDescription.Cause("org.postgresql.util.PSQLException",
                        "FATAL: remaining connection slots are reserved for non-replication superuser connections")),
                frames, null);
        ErrorAnalysis a = analyser.analyse(liveDescription, live);
        ErrorAnalysis b = analyser.analyse(described, null);
        if (!a.category().equals(ErrorCategories.DATABASE) || !b.category().equals(ErrorCategories.DATABASE)) {
            throw new IllegalStateException("expected database category, got " + a.category() + " / " + b.category());
        }
    }

    /**
     * A live three-level chain (IllegalStateException, pool timeout, PostgreSQL-like SQLException with SQLState
     * 53300) whose stacks are those of a Spring + Hikari + Jetty app: ~45 frames each, app frames ({@code com.acme.})
     * in the middle. Stacks are set explicitly so the input is the same on every JVM and does not depend on JMH's own
     * call depth. Without app frames, the fingerprinter scans every frame of every cause before its fallback.
     */
    private static Throwable chain(boolean withAppFrames) {
        SQLException root = new SQLException(
                "FATAL: remaining connection slots are reserved for non-replication superuser connections", "53300");
        root.setStackTrace(stack(withAppFrames, "org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication",
                "org.postgresql.core.v3.ConnectionFactoryImpl.tryConnect",
                "org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl",
                "org.postgresql.core.ConnectionFactory.openConnection", "org.postgresql.jdbc.PgConnection.<init>",
                "org.postgresql.Driver.makeConnection", "org.postgresql.Driver.connect",
                "com.zaxxer.hikari.util.DriverDataSource.getConnection", "com.zaxxer.hikari.pool.PoolBase.newConnection",
                "com.zaxxer.hikari.pool.HikariPool.createPoolEntry", "com.zaxxer.hikari.pool.HikariPool.getConnection"));
        SQLTransientConnectionException pool = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 30000ms.", "08001", root);
        pool.setStackTrace(stack(withAppFrames, "com.zaxxer.hikari.pool.HikariPool.createTimeoutException",
                "com.zaxxer.hikari.pool.HikariPool.getConnection", "com.zaxxer.hikari.HikariDataSource.getConnection"));
        IllegalStateException top = new IllegalStateException("Could not open JDBC Connection for transaction", pool);
        top.setStackTrace(stack(withAppFrames, "org.springframework.jdbc.datasource.DataSourceTransactionManager.doBegin"));
        return top;
    }

    private static StackTraceElement[] stack(boolean withAppFrames, String... innermost) {
        List<String> frames = new ArrayList<>(List.of(innermost));
        frames.addAll(List.of("org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection",
                "org.springframework.jdbc.datasource.DataSourceUtils.doGetConnection",
                "org.springframework.jdbc.core.JdbcTemplate.execute", "org.springframework.jdbc.core.JdbcTemplate.query"));
        if (withAppFrames) {
            frames.addAll(List.of("com.acme.shop.orders.OrderRepository.findOpenOrders",
                    "com.acme.shop.orders.OrderService.listOpen",
                    "com.acme.shop.orders.OrderService$$SpringCGLIB$$0.listOpen",
                    "com.acme.shop.web.OrderController.list"));
        }
        frames.addAll(List.of("jdk.internal.reflect.DirectMethodHandleAccessor.invoke", "java.lang.reflect.Method.invoke",
                "org.springframework.web.method.support.InvocableHandlerMethod.doInvoke",
                "org.springframework.web.method.support.InvocableHandlerMethod.invokeForRequest",
                "org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle",
                "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.invokeHandlerMethod",
                "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.handleInternal",
                "org.springframework.web.servlet.DispatcherServlet.doDispatch",
                "org.springframework.web.servlet.DispatcherServlet.doService",
                "org.springframework.web.servlet.FrameworkServlet.processRequest",
                "org.springframework.web.servlet.FrameworkServlet.doGet", "jakarta.servlet.http.HttpServlet.service",
                "org.springframework.web.servlet.FrameworkServlet.service",
                "org.eclipse.jetty.ee10.servlet.ServletHolder.handle",
                "org.eclipse.jetty.ee10.servlet.ServletHandler$ChainEnd.doFilter",
                "io.github.aifilters.errors.ErrorHandlingFilter.doFilter",
                "org.eclipse.jetty.ee10.servlet.FilterHolder.doFilter",
                "org.eclipse.jetty.ee10.servlet.ServletHandler$Chain.doFilter",
                "org.eclipse.jetty.ee10.servlet.ServletHandler.handle",
                "org.eclipse.jetty.ee10.servlet.ServletChannel.dispatch",
                "org.eclipse.jetty.ee10.servlet.ServletChannel.handle",
                "org.eclipse.jetty.ee10.servlet.ServletContextHandler.handle",
                "org.eclipse.jetty.server.handler.ContextHandler.handle", "org.eclipse.jetty.server.Server.handle",
                "org.eclipse.jetty.server.internal.HttpChannelState$HandlerInvoker.run",
                "org.eclipse.jetty.server.internal.HttpConnection.onFillable",
                "org.eclipse.jetty.io.AbstractConnection$ReadCallback.succeeded",
                "org.eclipse.jetty.io.FillInterest.fillable",
                "org.eclipse.jetty.util.thread.QueuedThreadPool.runJob",
                "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run", "java.lang.Thread.run"));
        StackTraceElement[] out = new StackTraceElement[frames.size()];
        for (int i = 0; i < out.length; i++) {
            String f = frames.get(i);
            int dot = f.lastIndexOf('.');
            String cls = f.substring(0, dot);
            out[i] = new StackTraceElement(cls, f.substring(dot + 1), cls.substring(cls.lastIndexOf('.') + 1)
                    .replaceAll("\\$.*", "") + ".java", 40 + i);
        }
        return out;
    }

    /** The filter's per-error work on a live throwable: describe it, then analyse. */
    @Benchmark
    public ErrorAnalysis describeAndAnalyseLive() {
        return analyser.analyse(ErrorDescription.of(live), live);
    }

    @Benchmark
    public ErrorAnalysis analyseDescribedPsql() {
        return analyser.analyse(described, null);
    }

    /** The root cause's first three app frames are found after ~15 library frames; the scan stops there. */
    @Benchmark
    public String fingerprintLiveInApp() {
        return fingerprinter.fingerprint(liveDescription, live);
    }

    /** Worst case: none of the ~3 x 40 frames is the app's; all are scanned before the fallback to the top frames. */
    @Benchmark
    public String fingerprintLiveNoInAppFrame() {
        return fingerprinter.fingerprint(liveNoAppFrameDescription, liveNoAppFrame);
    }

    @Benchmark
    public String fingerprintDescribed() {
        return fingerprinter.fingerprint(described, null);
    }
}
