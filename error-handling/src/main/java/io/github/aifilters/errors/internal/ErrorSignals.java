package io.github.aifilters.errors.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evidence tables of the scorer: what a class name, a package, a simple-name fragment, a message phrase or a stack
 * frame says about each category, with a weight. Each table holds general signals of libraries and HTTP/SQL
 * conventions, not individual cases; the scorer adds up everything that fires, so no single entry decides alone.
 */
final class ErrorSignals {

    static final int VALIDATION = 0;
    static final int AUTHENTICATION = 1;
    static final int AUTHORIZATION = 2;
    static final int NOT_FOUND = 3;
    static final int RATE_LIMIT = 4;
    static final int EXTERNAL = 5;
    static final int DATABASE = 6;
    static final int INTERNAL = 7;
    static final int N = 8;

    static final String[] NAMES = {"validation", "authentication", "authorization", "not_found", "rate_limit",
        "external_service", "database", "internal"};

    /** One piece of evidence: category and weight, with a label for the ops explanation. */
    record Signal(String label, int category, double weight) {
    }

    /** Exact class names (also matched against ancestors of live exceptions). */
    static final Map<String, Signal> CLASSES = new HashMap<>();
    /** Package prefixes; the longest matching prefix counts. */
    static final Map<String, Signal> PACKAGES = new HashMap<>();
    /** Fragments of the lower-cased simple name (after the last dot, nested names included). All matches add. */
    static final List<Signal> NAME_FRAGMENTS = new ArrayList<>();
    /** Phrases of the lower-cased message. All matches add. */
    static final List<Signal> MESSAGE_PHRASES = new ArrayList<>();
    /** Prefixes of stack frames ({@code package.Class.method}) of the outermost exception. */
    static final List<Signal> FRAME_PREFIXES = new ArrayList<>();
    /** Fragments of the lower-cased method name of the throwing frame. */
    static final List<Signal> FRAME_METHODS = new ArrayList<>();

    /**
     * Exceptions that only wrap another: their own name says little, the cause decides. Exact names only, so that a
     * subclass with a telling name keeps its weight.
     */
    static final Set<String> WRAPPERS = Set.of(
            "jakarta.servlet.ServletException", "javax.servlet.ServletException",
            "org.springframework.web.util.NestedServletException", "java.util.concurrent.ExecutionException",
            "java.util.concurrent.CompletionException", "java.lang.reflect.InvocationTargetException",
            "java.lang.reflect.UndeclaredThrowableException", "java.lang.RuntimeException", "java.lang.Exception",
            "java.lang.Throwable", "com.google.common.util.concurrent.UncheckedExecutionException",
            "jakarta.ejb.EJBException", "javax.ejb.EJBException", "reactor.core.Exceptions$ReactiveException",
            "org.springframework.web.servlet.ServletException", "jakarta.el.ELException",
            "org.apache.catalina.connector.ClientAbortException$Wrapper", "java.io.UncheckedIOException",
            "org.springframework.beans.factory.BeanCreationException$Wrapper", "kotlin.Exception",
            "io.vavr.control.Try$NonFatalException", "org.springframework.core.NestedRuntimeException");

    /**
     * Packages of HTTP/RPC clients: a status such an exception carries is the status of the service called, not of
     * this application, so it is evidence, not a declared status.
     */
    static final List<String> CLIENT_PACKAGES = List.of("feign.", "org.springframework.web.client.",
            "org.springframework.web.reactive.function.client.", "software.amazon.awssdk.", "com.amazonaws.",
            "retrofit2.", "okhttp3.", "org.apache.http.", "org.apache.hc.", "jakarta.ws.rs.client.",
            "javax.ws.rs.client.", "io.grpc.", "com.google.api.", "com.google.cloud.", "com.azure.", "com.stripe.",
            "org.springframework.cloud.openfeign.", "io.micronaut.http.client.", "org.asynchttpclient.",
            "com.github.tomakehurst.", "org.eclipse.jetty.client.");

    /**
     * SDKs of vendors reached with this service's own credentials. Unlike generic HTTP clients (Feign, WebClient...),
     * which often relay the caller's token, their authentication/authorization failures are configuration faults.
     */
    static final List<String> VENDOR_SDK_PACKAGES = List.of("software.amazon.awssdk.", "com.amazonaws.",
            "com.google.cloud.", "com.google.api.", "com.google.firebase.messaging.", "com.azure.",
            "com.microsoft.azure.", "com.paypal.", "com.stripe.", "com.braintreegateway.", "com.adyen.", "com.twilio.",
            "com.sendgrid.", "com.slack.", "org.kohsuke.github.", "org.springframework.vault.", "com.openai.",
            "com.mailgun.", "com.mailjet.", "com.shopify.", "com.squareup.");

    private static void cls(String name, int category, double weight) {
        CLASSES.put(name, new Signal(name, category, weight));
    }

    private static void pkg(String prefix, int category, double weight) {
        PACKAGES.put(prefix, new Signal("package " + prefix, category, weight));
    }

    private static void name(String fragment, int category, double weight) {
        NAME_FRAGMENTS.add(new Signal(fragment, category, weight));
    }

    private static void msg(String phrase, int category, double weight) {
        MESSAGE_PHRASES.add(new Signal(phrase, category, weight));
    }

    private static void frame(String prefix, int category, double weight) {
        FRAME_PREFIXES.add(new Signal(prefix, category, weight));
    }

    private static void method(String fragment, int category, double weight) {
        FRAME_METHODS.add(new Signal(fragment, category, weight));
    }

    static {
        // --- JDK classes (and ancestors: a live subclass of SQLException is a database error) ---
        cls("java.lang.NullPointerException", INTERNAL, 4);
        cls("java.lang.ArrayIndexOutOfBoundsException", INTERNAL, 4);
        cls("java.lang.IndexOutOfBoundsException", INTERNAL, 3.5);
        cls("java.lang.StringIndexOutOfBoundsException", INTERNAL, 3.5);
        cls("java.lang.ClassCastException", INTERNAL, 4);
        cls("java.lang.IllegalStateException", INTERNAL, 2);
        cls("java.lang.UnsupportedOperationException", INTERNAL, 3);
        cls("java.lang.ArithmeticException", INTERNAL, 3);
        cls("java.lang.ArrayStoreException", INTERNAL, 4);
        cls("java.lang.NegativeArraySizeException", INTERNAL, 4);
        cls("java.lang.IllegalMonitorStateException", INTERNAL, 4);
        cls("java.lang.CloneNotSupportedException", INTERNAL, 4);
        cls("java.lang.InterruptedException", INTERNAL, 2);
        cls("java.lang.ClassNotFoundException", INTERNAL, 5);
        cls("java.lang.NoSuchMethodException", INTERNAL, 5);
        cls("java.lang.NoSuchFieldException", INTERNAL, 5);
        cls("java.lang.ReflectiveOperationException", INTERNAL, 2);
        cls("java.lang.Error", INTERNAL, 3);
        cls("java.lang.VirtualMachineError", INTERNAL, 2);
        cls("java.lang.LinkageError", INTERNAL, 3);
        cls("java.lang.OutOfMemoryError", INTERNAL, 5);
        cls("java.lang.StackOverflowError", INTERNAL, 5);
        cls("java.lang.NoSuchMethodError", INTERNAL, 5);
        cls("java.lang.NoSuchFieldError", INTERNAL, 5);
        cls("java.lang.NoClassDefFoundError", INTERNAL, 5);
        cls("java.lang.AbstractMethodError", INTERNAL, 5);
        cls("java.lang.ExceptionInInitializerError", INTERNAL, 5);
        cls("java.lang.AssertionError", INTERNAL, 4);
        cls("java.util.ConcurrentModificationException", INTERNAL, 4);
        cls("java.util.MissingResourceException", INTERNAL, 4);
        cls("java.util.concurrent.RejectedExecutionException", INTERNAL, 2);
        cls("java.util.NoSuchElementException", NOT_FOUND, 2.5);
        cls("java.util.InputMismatchException", VALIDATION, 3);
        cls("java.util.IllegalFormatException", INTERNAL, 3);
        cls("java.util.UnknownFormatConversionException", INTERNAL, 4);
        cls("java.util.MissingFormatArgumentException", INTERNAL, 4);
        cls("java.util.regex.PatternSyntaxException", INTERNAL, 3);
        cls("java.lang.IllegalArgumentException", VALIDATION, 1.2);
        cls("java.lang.NumberFormatException", VALIDATION, 3.5);
        cls("java.time.format.DateTimeParseException", VALIDATION, 4);
        cls("java.time.DateTimeException", VALIDATION, 1.5);
        cls("java.text.ParseException", VALIDATION, 3);
        cls("java.net.URISyntaxException", VALIDATION, 2.5);
        cls("java.net.MalformedURLException", VALIDATION, 1.5);
        cls("java.nio.charset.MalformedInputException", VALIDATION, 2.5);
        cls("java.nio.BufferOverflowException", INTERNAL, 4);
        cls("java.io.FileNotFoundException", INTERNAL, 4.5);
        cls("java.nio.file.NoSuchFileException", INTERNAL, 4.5);
        cls("java.nio.file.AccessDeniedException", INTERNAL, 5);
        cls("java.nio.file.FileSystemException", INTERNAL, 2);
        cls("java.io.EOFException", VALIDATION, 1);
        cls("java.util.zip.ZipException", VALIDATION, 1.5);
        cls("java.security.InvalidKeyException", INTERNAL, 2);
        cls("java.security.GeneralSecurityException", INTERNAL, 1);
        cls("java.security.AccessControlException", AUTHORIZATION, 2);
        cls("java.lang.SecurityException", AUTHORIZATION, 2.5);
        cls("javax.security.auth.login.LoginException", AUTHENTICATION, 3);
        cls("javax.security.auth.login.FailedLoginException", AUTHENTICATION, 3);
        cls("javax.security.auth.login.CredentialExpiredException", AUTHENTICATION, 3);
        cls("java.net.ConnectException", EXTERNAL, 3);
        cls("java.net.SocketTimeoutException", EXTERNAL, 3);
        cls("java.net.UnknownHostException", EXTERNAL, 3.5);
        cls("java.net.NoRouteToHostException", EXTERNAL, 3.5);
        cls("java.net.SocketException", EXTERNAL, 2);
        cls("java.net.PortUnreachableException", EXTERNAL, 3);
        cls("java.net.ProtocolException", EXTERNAL, 2);
        cls("java.net.http.HttpTimeoutException", EXTERNAL, 3.5);
        cls("java.net.http.HttpConnectTimeoutException", EXTERNAL, 3.5);
        cls("java.net.BindException", INTERNAL, 4);
        cls("java.util.concurrent.TimeoutException", EXTERNAL, 2.5);
        cls("java.io.InterruptedIOException", EXTERNAL, 1.5);
        cls("java.io.IOException", EXTERNAL, 0.6);
        cls("javax.net.ssl.SSLException", EXTERNAL, 3);
        cls("javax.net.ssl.SSLHandshakeException", EXTERNAL, 3);
        cls("java.sql.SQLException", DATABASE, 3);
        cls("java.sql.SQLTransientConnectionException", DATABASE, 4);
        cls("java.sql.SQLNonTransientConnectionException", DATABASE, 4);
        cls("java.sql.SQLTimeoutException", DATABASE, 4);
        cls("java.sql.SQLIntegrityConstraintViolationException", DATABASE, 4);
        cls("java.sql.SQLSyntaxErrorException", DATABASE, 4);
        cls("java.sql.SQLRecoverableException", DATABASE, 4);
        cls("java.sql.SQLDataException", DATABASE, 3);
        cls("java.sql.BatchUpdateException", DATABASE, 4);
        cls("java.sql.SQLFeatureNotSupportedException", INTERNAL, 3);

        // --- well-known framework and library classes whose package alone would mislead ---
        cls("org.springframework.dao.EmptyResultDataAccessException", NOT_FOUND, 6);
        cls("org.springframework.dao.IncorrectResultSizeDataAccessException", DATABASE, 1);
        cls("org.springframework.dao.InvalidDataAccessApiUsageException", INTERNAL, 5);
        cls("org.springframework.dao.DataAccessException", DATABASE, 2);
        cls("jakarta.persistence.NoResultException", NOT_FOUND, 5);
        cls("javax.persistence.NoResultException", NOT_FOUND, 5);
        cls("jakarta.persistence.EntityNotFoundException", NOT_FOUND, 4);
        cls("javax.persistence.EntityNotFoundException", NOT_FOUND, 4);
        cls("org.hibernate.ObjectNotFoundException", NOT_FOUND, 5);
        cls("org.hibernate.LazyInitializationException", INTERNAL, 6);
        cls("org.hibernate.MappingException", INTERNAL, 5);
        cls("org.hibernate.query.SemanticException", INTERNAL, 4);
        cls("org.hibernate.TransientObjectException", INTERNAL, 5);
        cls("org.hibernate.NonUniqueObjectException", INTERNAL, 4);
        cls("jakarta.persistence.TransactionRequiredException", INTERNAL, 5);
        cls("org.springframework.security.core.userdetails.UsernameNotFoundException", AUTHENTICATION, 6);
        cls("org.springframework.security.authentication.AuthenticationCredentialsNotFoundException",
                AUTHENTICATION, 6);
        cls("org.springframework.security.web.csrf.InvalidCsrfTokenException", AUTHORIZATION, 6);
        cls("org.springframework.security.web.csrf.MissingCsrfTokenException", AUTHORIZATION, 6);
        cls("org.springframework.security.oauth2.server.resource.InvalidBearerTokenException", AUTHENTICATION, 5);
        cls("org.springframework.security.authentication.InsufficientAuthenticationException", AUTHENTICATION, 5);
        cls("org.springframework.web.HttpMediaTypeNotSupportedException", VALIDATION, 5);
        cls("org.springframework.web.HttpMediaTypeNotAcceptableException", VALIDATION, 4);
        cls("org.springframework.web.HttpRequestMethodNotSupportedException", VALIDATION, 4);
        cls("org.springframework.http.converter.HttpMessageNotWritableException", INTERNAL, 6);
        cls("org.springframework.http.converter.HttpMessageConversionException", VALIDATION, 2);
        cls("org.springframework.beans.factory.NoSuchBeanDefinitionException", INTERNAL, 7);
        cls("org.springframework.beans.factory.BeanCreationException", INTERNAL, 6);
        cls("org.springframework.beans.BeanInstantiationException", INTERNAL, 6);
        cls("org.springframework.web.servlet.NoHandlerFoundException", NOT_FOUND, 6);
        cls("org.springframework.web.servlet.resource.NoResourceFoundException", NOT_FOUND, 6);
        cls("org.springframework.web.context.request.async.AsyncRequestTimeoutException", EXTERNAL, 4);
        cls("org.springframework.web.multipart.MaxUploadSizeExceededException", VALIDATION, 5);
        cls("org.springframework.web.client.HttpServerErrorException", EXTERNAL, 3);
        cls("org.springframework.web.client.UnknownContentTypeException", EXTERNAL, 3);
        cls("com.fasterxml.jackson.databind.exc.InvalidDefinitionException", INTERNAL, 7);
        cls("com.fasterxml.jackson.databind.exc.InvalidTypeIdException", VALIDATION, 3);
        cls("com.fasterxml.jackson.databind.exc.MismatchedInputException", VALIDATION, 3);
        cls("com.fasterxml.jackson.databind.exc.InvalidFormatException", VALIDATION, 3);
        cls("com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException", VALIDATION, 3);
        cls("com.fasterxml.jackson.databind.exc.ValueInstantiationException", VALIDATION, 2);
        cls("com.fasterxml.jackson.core.JsonGenerationException", INTERNAL, 6);
        cls("com.fasterxml.jackson.core.exc.StreamConstraintsException", VALIDATION, 3);
        cls("com.google.gson.JsonSyntaxException", VALIDATION, 4);
        cls("com.google.gson.JsonParseException", VALIDATION, 3);
        cls("org.json.JSONException", VALIDATION, 3);
        cls("io.github.resilience4j.bulkhead.BulkheadFullException", RATE_LIMIT, 4);
        cls("io.grpc.StatusRuntimeException", EXTERNAL, 1);
        cls("io.grpc.StatusException", EXTERNAL, 1);
        cls("org.apache.kafka.common.errors.RecordTooLargeException", VALIDATION, 2);
        cls("org.apache.kafka.common.errors.SerializationException", INTERNAL, 3);
        cls("org.apache.kafka.common.errors.TopicAuthorizationException", EXTERNAL, 2);
        cls("org.apache.kafka.common.errors.InvalidTopicException", INTERNAL, 3);
        cls("org.eclipse.jetty.io.EofException", EXTERNAL, 1);
        cls("org.apache.catalina.connector.ClientAbortException", EXTERNAL, 1);
        cls("jakarta.ws.rs.ProcessingException", EXTERNAL, 2.5);
        cls("javax.ws.rs.ProcessingException", EXTERNAL, 2.5);
        cls("jakarta.ws.rs.NotAuthorizedException", AUTHENTICATION, 6);
        cls("javax.ws.rs.NotAuthorizedException", AUTHENTICATION, 6);
        cls("jakarta.ws.rs.NotAllowedException", VALIDATION, 5);
        cls("jakarta.ws.rs.NotSupportedException", VALIDATION, 5);
        cls("jakarta.ws.rs.NotAcceptableException", VALIDATION, 5);
        cls("jakarta.ws.rs.BadRequestException", VALIDATION, 5);
        cls("jakarta.ws.rs.ServiceUnavailableException", EXTERNAL, 4);
        cls("jakarta.ws.rs.InternalServerErrorException", INTERNAL, 4);
        cls("com.auth0.jwt.exceptions.JWTDecodeException", AUTHENTICATION, 4);
        cls("com.stripe.exception.CardException", VALIDATION, 6);
        cls("org.springframework.security.authentication.AuthenticationServiceException", EXTERNAL, 5);
        cls("org.springframework.security.web.firewall.RequestRejectedException", VALIDATION, 6);
        cls("org.springframework.data.mapping.PropertyReferenceException", VALIDATION, 6);
        cls("java.nio.channels.UnresolvedAddressException", EXTERNAL, 4);
        cls("java.time.zone.ZoneRulesException", VALIDATION, 4);
        cls("java.util.IllformedLocaleException", VALIDATION, 4);
        cls("java.util.EmptyStackException", INTERNAL, 4);
        cls("jakarta.validation.UnexpectedTypeException", INTERNAL, 8);
        cls("javax.validation.UnexpectedTypeException", INTERNAL, 8);
        cls("jakarta.validation.ConstraintDeclarationException", INTERNAL, 8);
        cls("javax.validation.ConstraintDeclarationException", INTERNAL, 8);
        cls("jakarta.validation.ConstraintDefinitionException", INTERNAL, 8);
        cls("javax.validation.ConstraintDefinitionException", INTERNAL, 8);
        cls("jakarta.validation.GroupDefinitionException", INTERNAL, 8);
        cls("org.springframework.security.authentication.ProviderNotFoundException", INTERNAL, 9);
        cls("io.jsonwebtoken.security.WeakKeyException", INTERNAL, 8);
        cls("jakarta.ejb.EJBAccessException", AUTHORIZATION, 5);
        cls("javax.ejb.EJBAccessException", AUTHORIZATION, 5);
        cls("java.util.concurrent.CancellationException", INTERNAL, 2);
        cls("com.stripe.exception.InvalidRequestException", VALIDATION, 4);
        cls("java.security.NoSuchAlgorithmException", INTERNAL, 6);
        cls("java.security.NoSuchProviderException", INTERNAL, 6);
        cls("org.xml.sax.SAXParseException", VALIDATION, 4);
        cls("org.yaml.snakeyaml.scanner.ScannerException", VALIDATION, 3);
        cls("java.lang.reflect.MalformedParameterizedTypeException", INTERNAL, 5);

        // --- packages: the library an exception comes from ---
        pkg("java.sql", DATABASE, 2.5);
        pkg("javax.sql", DATABASE, 2.5);
        pkg("java.net", EXTERNAL, 1.5);
        pkg("java.net.http", EXTERNAL, 2.5);
        pkg("javax.net.ssl", EXTERNAL, 2.5);
        pkg("org.postgresql", DATABASE, 4);
        pkg("com.mysql", DATABASE, 4);
        pkg("org.mariadb", DATABASE, 4);
        pkg("oracle.jdbc", DATABASE, 4);
        pkg("com.microsoft.sqlserver", DATABASE, 4);
        pkg("org.h2", DATABASE, 4);
        pkg("org.hsqldb", DATABASE, 4);
        pkg("org.apache.derby", DATABASE, 4);
        pkg("org.sqlite", DATABASE, 4);
        pkg("com.ibm.db2", DATABASE, 4);
        pkg("org.firebirdsql", DATABASE, 4);
        pkg("com.zaxxer.hikari", DATABASE, 4);
        pkg("org.apache.commons.dbcp", DATABASE, 4);
        pkg("org.apache.commons.dbcp2", DATABASE, 4);
        pkg("org.apache.tomcat.jdbc", DATABASE, 4);
        pkg("com.mchange.v2", DATABASE, 4);
        pkg("io.r2dbc", DATABASE, 4);
        pkg("io.vertx.pgclient", DATABASE, 4);
        pkg("io.vertx.mysqlclient", DATABASE, 4);
        pkg("io.vertx.sqlclient", DATABASE, 4);
        pkg("org.hibernate", DATABASE, 3);
        pkg("org.hibernate.exception", DATABASE, 4);
        pkg("org.hibernate.validator", VALIDATION, 4);
        pkg("jakarta.persistence", DATABASE, 2.5);
        pkg("javax.persistence", DATABASE, 2.5);
        pkg("jakarta.transaction", DATABASE, 2.5);
        pkg("javax.transaction", DATABASE, 2.5);
        pkg("org.eclipse.persistence", DATABASE, 3);
        pkg("org.springframework.dao", DATABASE, 3.5);
        pkg("org.springframework.jdbc", DATABASE, 4);
        pkg("org.springframework.orm", DATABASE, 3.5);
        pkg("org.springframework.transaction", DATABASE, 3.5);
        pkg("org.springframework.data.redis", DATABASE, 4);
        pkg("org.springframework.data.mongodb", DATABASE, 4);
        pkg("org.springframework.data.elasticsearch", DATABASE, 3.5);
        pkg("org.springframework.data.cassandra", DATABASE, 4);
        pkg("org.springframework.r2dbc", DATABASE, 4);
        pkg("org.jooq", DATABASE, 3.5);
        pkg("org.apache.ibatis", DATABASE, 3.5);
        pkg("org.mybatis", DATABASE, 3.5);
        pkg("org.jdbi", DATABASE, 3.5);
        pkg("org.flywaydb", DATABASE, 3.5);
        pkg("liquibase", DATABASE, 3.5);
        pkg("redis.clients", DATABASE, 4);
        pkg("io.lettuce", DATABASE, 4);
        pkg("org.redisson", DATABASE, 4);
        pkg("com.mongodb", DATABASE, 4);
        pkg("org.mongodb", DATABASE, 4);
        pkg("com.datastax", DATABASE, 4);
        pkg("org.apache.cassandra", DATABASE, 4);
        pkg("org.elasticsearch", DATABASE, 3);
        pkg("co.elastic.clients", DATABASE, 3);
        pkg("org.opensearch", DATABASE, 3);
        pkg("net.spy.memcached", DATABASE, 3);
        pkg("com.couchbase", DATABASE, 4);
        pkg("org.neo4j", DATABASE, 4);
        pkg("com.arangodb", DATABASE, 4);
        pkg("software.amazon.awssdk.services.dynamodb", DATABASE, 4);
        pkg("software.amazon.awssdk.services.rds", DATABASE, 3);
        pkg("com.amazonaws.services.dynamodbv2", DATABASE, 4);
        pkg("io.jsonwebtoken", AUTHENTICATION, 4);
        pkg("com.auth0.jwt", AUTHENTICATION, 4);
        pkg("com.nimbusds.jwt", AUTHENTICATION, 3.5);
        pkg("com.nimbusds.jose", AUTHENTICATION, 3.5);
        pkg("org.jose4j", AUTHENTICATION, 3.5);
        pkg("org.springframework.security", AUTHENTICATION, 1.5);
        pkg("org.springframework.security.authentication", AUTHENTICATION, 4);
        pkg("org.springframework.security.core", AUTHENTICATION, 2.5);
        pkg("org.springframework.security.oauth2", AUTHENTICATION, 3.5);
        pkg("org.springframework.security.oauth2.jwt", AUTHENTICATION, 4);
        pkg("org.springframework.security.access", AUTHORIZATION, 4);
        pkg("org.springframework.security.authorization", AUTHORIZATION, 4);
        pkg("org.springframework.security.web.csrf", AUTHORIZATION, 4);
        pkg("org.springframework.security.web.authentication", AUTHENTICATION, 4);
        pkg("org.springframework.security.web.firewall", VALIDATION, 4);
        pkg("javax.naming", EXTERNAL, 2.5);
        pkg("org.apache.shiro.authc", AUTHENTICATION, 4);
        pkg("org.apache.shiro.authz", AUTHORIZATION, 4);
        pkg("org.keycloak", AUTHENTICATION, 2.5);
        pkg("jakarta.security.auth.message", AUTHENTICATION, 2);
        pkg("jakarta.validation", VALIDATION, 4);
        pkg("javax.validation", VALIDATION, 4);
        pkg("com.networknt.schema", VALIDATION, 4);
        pkg("com.fasterxml.jackson.core", VALIDATION, 3);
        pkg("com.fasterxml.jackson.databind", VALIDATION, 2);
        pkg("com.fasterxml.jackson.databind.exc", VALIDATION, 2);
        pkg("com.fasterxml.jackson.dataformat", VALIDATION, 2);
        pkg("org.springframework.web.bind", VALIDATION, 4);
        pkg("org.springframework.web.method.annotation", VALIDATION, 3.5);
        pkg("org.springframework.web.multipart", VALIDATION, 3.5);
        pkg("org.springframework.http.converter", VALIDATION, 3.5);
        pkg("org.springframework.validation", VALIDATION, 4);
        pkg("org.springframework.beans", VALIDATION, 1);
        pkg("org.springframework.core.convert", VALIDATION, 3);
        pkg("org.springframework.web.client", EXTERNAL, 3.5);
        pkg("org.springframework.web.reactive.function.client", EXTERNAL, 3.5);
        pkg("org.springframework.cloud.gateway", EXTERNAL, 3);
        pkg("org.springframework.cloud.client", EXTERNAL, 3);
        pkg("org.springframework.cloud.openfeign", EXTERNAL, 3.5);
        pkg("org.springframework.retry", EXTERNAL, 2);
        pkg("org.springframework.amqp", EXTERNAL, 3);
        pkg("org.springframework.kafka", EXTERNAL, 3);
        pkg("org.springframework.jms", EXTERNAL, 3);
        pkg("org.springframework.mail", EXTERNAL, 3);
        pkg("feign", EXTERNAL, 3.5);
        pkg("retrofit2", EXTERNAL, 3.5);
        pkg("okhttp3", EXTERNAL, 3.5);
        pkg("org.apache.http", EXTERNAL, 3.5);
        pkg("org.apache.hc", EXTERNAL, 3.5);
        pkg("org.asynchttpclient", EXTERNAL, 3.5);
        pkg("org.eclipse.jetty.client", EXTERNAL, 3.5);
        pkg("io.netty.channel", EXTERNAL, 2.5);
        pkg("io.netty.handler.timeout", EXTERNAL, 3);
        pkg("io.netty.handler.ssl", EXTERNAL, 3);
        pkg("reactor.netty", EXTERNAL, 3);
        pkg("io.micronaut.http.client", EXTERNAL, 3.5);
        pkg("jakarta.ws.rs.client", EXTERNAL, 3.5);
        pkg("javax.ws.rs.client", EXTERNAL, 3.5);
        pkg("software.amazon.awssdk", EXTERNAL, 3);
        pkg("com.amazonaws", EXTERNAL, 3);
        pkg("com.google.api.gax", EXTERNAL, 3);
        pkg("com.google.cloud", EXTERNAL, 3);
        pkg("com.azure", EXTERNAL, 3);
        pkg("com.microsoft.azure", EXTERNAL, 3);
        pkg("io.grpc", EXTERNAL, 2.5);
        pkg("com.stripe", EXTERNAL, 3);
        pkg("com.twilio", EXTERNAL, 3);
        pkg("com.sendgrid", EXTERNAL, 3);
        pkg("com.openai", EXTERNAL, 3);
        pkg("org.apache.kafka", EXTERNAL, 3);
        pkg("com.rabbitmq", EXTERNAL, 3);
        pkg("org.apache.activemq", EXTERNAL, 3);
        pkg("jakarta.jms", EXTERNAL, 3);
        pkg("javax.jms", EXTERNAL, 3);
        pkg("jakarta.mail", EXTERNAL, 3);
        pkg("javax.mail", EXTERNAL, 3);
        pkg("org.apache.zookeeper", EXTERNAL, 3);
        pkg("io.nats", EXTERNAL, 3);
        pkg("org.apache.pulsar", EXTERNAL, 3);
        pkg("io.github.resilience4j.circuitbreaker", EXTERNAL, 4.5);
        pkg("io.github.resilience4j.timelimiter", EXTERNAL, 4);
        pkg("io.github.resilience4j.retry", EXTERNAL, 3.5);
        pkg("io.github.resilience4j.ratelimiter", RATE_LIMIT, 5);
        pkg("io.github.resilience4j.bulkhead", RATE_LIMIT, 3);
        pkg("com.netflix.hystrix", EXTERNAL, 3.5);
        pkg("io.github.bucket4j", RATE_LIMIT, 5);
        pkg("io.github.bucket4j.grid", RATE_LIMIT, 5);
        pkg("es.moki.ratelimitj", RATE_LIMIT, 5);
        pkg("com.giffing.bucket4j", RATE_LIMIT, 5);
        pkg("org.springframework.web.servlet", INTERNAL, 0.5);
        pkg("org.springframework.beans.factory", INTERNAL, 3);
        pkg("org.springframework.context", INTERNAL, 2.5);
        pkg("org.springframework.boot", INTERNAL, 1.5);
        pkg("org.springframework.aop", INTERNAL, 2);
        pkg("org.thymeleaf", INTERNAL, 3);
        pkg("freemarker", INTERNAL, 3);
        pkg("org.apache.velocity", INTERNAL, 3);
        pkg("org.mapstruct", INTERNAL, 2);
        pkg("org.modelmapper", INTERNAL, 2);
        pkg("kotlin", INTERNAL, 0.5);
        pkg("java.security", INTERNAL, 2);
        pkg("jakarta.json", VALIDATION, 3);
        pkg("javax.json", VALIDATION, 3);
        pkg("org.eclipse.yasson", VALIDATION, 3);
        pkg("org.glassfish.json", VALIDATION, 3);
        pkg("javax.imageio", VALIDATION, 2);
        pkg("com.hazelcast", DATABASE, 3.5);
        pkg("org.apache.ignite", DATABASE, 3.5);
        pkg("org.infinispan", DATABASE, 3.5);
        pkg("org.ehcache", DATABASE, 2);
        pkg("org.apache.solr", DATABASE, 3.5);
        pkg("io.micronaut.data", DATABASE, 3);
        pkg("com.netflix", EXTERNAL, 2.5);
        pkg("com.netflix.discovery", EXTERNAL, 3.5);
        pkg("org.springframework.cloud", EXTERNAL, 2);
        pkg("org.springframework.ldap", EXTERNAL, 2.5);
        pkg("javax.crypto", INTERNAL, 3);
        pkg("com.fasterxml.jackson.module", VALIDATION, 2.5);
        pkg("com.google.gson", VALIDATION, 3);
        pkg("org.json", VALIDATION, 3);
        pkg("org.yaml.snakeyaml", VALIDATION, 2.5);
        pkg("org.xml.sax", VALIDATION, 3);
        pkg("org.apache.tomcat.util.http.fileupload", VALIDATION, 3.5);
        pkg("org.apache.commons.fileupload", VALIDATION, 3.5);
        pkg("org.apache.commons.fileupload2", VALIDATION, 3.5);

        // --- fragments of simple names: what developers call their exceptions ---
        name("notfound", NOT_FOUND, 3.5);
        name("nosuch", NOT_FOUND, 2.5);
        name("doesnotexist", NOT_FOUND, 3);
        name("notexist", NOT_FOUND, 2.5);
        name("missingentity", NOT_FOUND, 3);
        name("unknownentity", NOT_FOUND, 2);
        name("noresult", NOT_FOUND, 2.5);
        name("emptyresult", NOT_FOUND, 3.5);
        name("gone", NOT_FOUND, 1.5);
        name("unauthenticated", AUTHENTICATION, 4);
        name("unauthorized", AUTHENTICATION, 3.5);
        name("notauthorized", AUTHENTICATION, 2);
        name("authentication", AUTHENTICATION, 3.5);
        name("authn", AUTHENTICATION, 2);
        name("credential", AUTHENTICATION, 3);
        name("badcredentials", AUTHENTICATION, 2);
        name("login", AUTHENTICATION, 2.5);
        name("password", AUTHENTICATION, 2);
        name("jwt", AUTHENTICATION, 3);
        name("token", AUTHENTICATION, 2);
        name("expiredtoken", AUTHENTICATION, 2);
        name("tokenexpired", AUTHENTICATION, 2);
        name("signature", AUTHENTICATION, 1.5);
        name("sessionexpired", AUTHENTICATION, 3);
        name("invalidtoken", AUTHENTICATION, 3.5);
        name("revoked", AUTHENTICATION, 3);
        name("mfa", AUTHENTICATION, 4);
        name("twofactor", AUTHENTICATION, 4);
        name("secondfactor", AUTHENTICATION, 4);
        name("session", AUTHENTICATION, 2.5);
        name("expired", AUTHENTICATION, 2);
        name("apikey", AUTHENTICATION, 3);
        name("forbidden", AUTHORIZATION, 4);
        name("accessdenied", AUTHORIZATION, 4);
        name("authorizationdenied", AUTHORIZATION, 4);
        name("authorization", AUTHORIZATION, 2);
        name("authz", AUTHORIZATION, 2);
        name("permission", AUTHORIZATION, 3.5);
        name("privilege", AUTHORIZATION, 3);
        name("owner", AUTHORIZATION, 2.5);
        name("notallowed", AUTHORIZATION, 3);
        name("unauthorizedoperation", AUTHORIZATION, 5);
        name("role", AUTHORIZATION, 3);
        name("notallowedtoaccess", AUTHORIZATION, 3);
        name("insufficientscope", AUTHORIZATION, 3);
        name("insufficientrole", AUTHORIZATION, 3);
        name("csrf", AUTHORIZATION, 3);
        name("ratelimit", RATE_LIMIT, 5);
        name("toomanyrequests", RATE_LIMIT, 5);
        name("throttl", RATE_LIMIT, 5);
        name("quota", RATE_LIMIT, 4);
        name("requestnotpermitted", RATE_LIMIT, 4);
        name("toomany", RATE_LIMIT, 3.5);
        name("overlimit", RATE_LIMIT, 4);
        name("limitreached", RATE_LIMIT, 4);
        name("dailylimit", RATE_LIMIT, 4);
        name("limitexceeded", RATE_LIMIT, 3.5);
        name("throughputexceeded", RATE_LIMIT, 5);
        name("toomanyconcurrent", RATE_LIMIT, 3);
        name("slowdown", RATE_LIMIT, 3);
        name("validation", VALIDATION, 4);
        name("invalid", VALIDATION, 2.5);
        name("constraintviolation", VALIDATION, 2.5);
        name("notvalid", VALIDATION, 3);
        name("badrequest", VALIDATION, 4);
        name("malformed", VALIDATION, 2.5);
        name("parse", VALIDATION, 2.5);
        name("mismatch", VALIDATION, 2);
        name("typemismatch", VALIDATION, 2);
        name("numberformat", VALIDATION, 2);
        name("conversion", VALIDATION, 1.5);
        name("binding", VALIDATION, 2);
        name("bindexception", VALIDATION, 2);
        name("missingservletrequest", VALIDATION, 3);
        name("missingrequest", VALIDATION, 3);
        name("missingparameter", VALIDATION, 3);
        name("missingpathvariable", VALIDATION, 2);
        name("requestparameter", VALIDATION, 2);
        name("notreadable", VALIDATION, 4);
        name("unrecognizedproperty", VALIDATION, 2);
        name("unsupportedmediatype", VALIDATION, 3);
        name("mediatypenotsupported", VALIDATION, 3);
        name("methodnotsupported", VALIDATION, 3);
        name("methodnotallowed", VALIDATION, 5);
        name("notacceptable", VALIDATION, 3);
        name("uploadsize", VALIDATION, 3);
        name("payloadtoolarge", VALIDATION, 3);
        name("unprocessable", VALIDATION, 3);
        name("illegalargument", VALIDATION, 0.5);
        name("sizelimit", VALIDATION, 4);
        name("sizeexceeded", VALIDATION, 4);
        name("toolarge", VALIDATION, 4);
        name("maxupload", VALIDATION, 3);
        name("declined", VALIDATION, 3);
        name("already", VALIDATION, 2.5);
        name("conflict", VALIDATION, 3);
        name("outofstock", VALIDATION, 3.5);
        name("empty", VALIDATION, 1.5);
        name("illformed", VALIDATION, 3);
        name("insufficientfunds", VALIDATION, 3.5);
        name("insufficientbalance", VALIDATION, 3.5);
        name("businessrule", VALIDATION, 3);
        name("rulesviolat", VALIDATION, 3);
        name("unprocessableentity", VALIDATION, 2);
        name("cache", DATABASE, 2);
        name("timeout", EXTERNAL, 2);
        name("timedout", EXTERNAL, 2.5);
        name("deadline", EXTERNAL, 2);
        name("connect", EXTERNAL, 2);
        name("unknownhost", EXTERNAL, 2);
        name("unreachable", EXTERNAL, 2.5);
        name("unavailable", EXTERNAL, 3);
        name("serviceunavailable", EXTERNAL, 2);
        name("badgateway", EXTERNAL, 4);
        name("gatewaytimeout", EXTERNAL, 3);
        name("circuitbreaker", EXTERNAL, 3);
        name("callnotpermitted", EXTERNAL, 3);
        name("upstream", EXTERNAL, 3);
        name("external", EXTERNAL, 3);
        name("thirdparty", EXTERNAL, 3);
        name("partner", EXTERNAL, 2);
        name("integration", EXTERNAL, 2);
        name("downstream", EXTERNAL, 3);
        name("remote", EXTERNAL, 2);
        name("restclient", EXTERNAL, 3);
        name("webclient", EXTERNAL, 3);
        name("httpclient", EXTERNAL, 2);
        name("resourceaccess", EXTERNAL, 2);
        name("retryable", EXTERNAL, 2);
        name("retriesexhausted", EXTERNAL, 2.5);
        name("maxretries", EXTERNAL, 2.5);
        name("gateway", EXTERNAL, 2);
        name("socket", EXTERNAL, 1.5);
        name("ssl", EXTERNAL, 1.5);
        name("sql", DATABASE, 4);
        name("query", DATABASE, 2);
        name("jdbc", DATABASE, 4);
        name("dataaccess", DATABASE, 3.5);
        name("database", DATABASE, 4);
        name("datasource", DATABASE, 3.5);
        name("deadlock", DATABASE, 4);
        name("lockacquisition", DATABASE, 3.5);
        name("pessimisticlock", DATABASE, 3.5);
        name("optimisticlock", DATABASE, 3);
        name("staleobject", DATABASE, 3);
        name("staledata", DATABASE, 3);
        name("transaction", DATABASE, 2.5);
        name("dataintegrity", DATABASE, 3.5);
        name("duplicatekey", DATABASE, 3.5);
        name("persistence", DATABASE, 2.5);
        name("hibernate", DATABASE, 3);
        name("redis", DATABASE, 3.5);
        name("jedis", DATABASE, 4);
        name("mongo", DATABASE, 3.5);
        name("cassandra", DATABASE, 3.5);
        name("elasticsearch", DATABASE, 3);
        name("connectionpool", DATABASE, 4);
        name("poolexhausted", DATABASE, 3.5);
        name("pooltimeout", DATABASE, 2);
        name("nullpointer", INTERNAL, 3);
        name("indexoutofbounds", INTERNAL, 3);
        name("classcast", INTERNAL, 3);
        name("illegalstate", INTERNAL, 2);
        name("unsupportedoperation", INTERNAL, 3);
        name("notimplemented", INTERNAL, 3);
        name("configuration", INTERNAL, 3);
        name("config", INTERNAL, 3);
        name("misconfigur", INTERNAL, 3);
        name("beancreation", INTERNAL, 3);
        name("nosuchbean", INTERNAL, 4);
        name("nosuchmethod", INTERNAL, 4);
        name("nosuchfield", INTERNAL, 4);
        name("classnotfound", INTERNAL, 5);
        name("nosuchfile", INTERNAL, 3);
        name("filenotfound", INTERNAL, 3);
        name("resourcenotfound", NOT_FOUND, 1);
        name("serializ", INTERNAL, 1.5);
        name("definition", INTERNAL, 2);
        name("template", INTERNAL, 2.5);
        name("outofmemory", INTERNAL, 4);
        name("stackoverflow", INTERNAL, 4);
        name("assertion", INTERNAL, 3);
        name("concurrentmodification", INTERNAL, 3);
        name("lazyinitialization", INTERNAL, 3);
        name("notwritable", INTERNAL, 3);
        name("encod", INTERNAL, 1);

        // --- phrases of messages: HTTP reason phrases, SQL and network wording, validation wording ---
        msg("too many requests", RATE_LIMIT, 4);
        msg("too many ", RATE_LIMIT, 1.5);
        msg("rate limit", RATE_LIMIT, 4);
        msg("ratelimit", RATE_LIMIT, 3);
        msg("rate-limit", RATE_LIMIT, 3);
        msg("rate exceeded", RATE_LIMIT, 3.5);
        msg("throttl", RATE_LIMIT, 3.5);
        msg("quota", RATE_LIMIT, 3);
        msg("throughput", RATE_LIMIT, 2);
        msg("slow down", RATE_LIMIT, 4.5);
        msg("slowdown", RATE_LIMIT, 4);
        msg("does not permit further calls", RATE_LIMIT, 1);
        msg("limit exceeded", RATE_LIMIT, 2.5);
        msg("limit reached", RATE_LIMIT, 3);
        msg("requests per", RATE_LIMIT, 2.5);
        msg("try again later", RATE_LIMIT, 1);
        msg("retry after", RATE_LIMIT, 1.5);
        msg("unauthorized", AUTHENTICATION, 3);
        msg("unauthenticated", AUTHENTICATION, 3.5);
        msg("not authenticated", AUTHENTICATION, 3.5);
        msg("authentication", AUTHENTICATION, 2);
        msg("bad credentials", AUTHENTICATION, 4);
        msg("invalid credentials", AUTHENTICATION, 4);
        msg("credentials", AUTHENTICATION, 1.5);
        msg("jwt", AUTHENTICATION, 3);
        msg("token expired", AUTHENTICATION, 3);
        msg("token has expired", AUTHENTICATION, 3);
        msg("expired token", AUTHENTICATION, 3);
        msg("invalid token", AUTHENTICATION, 3);
        msg("bearer", AUTHENTICATION, 2);
        msg("signature", AUTHENTICATION, 1.5);
        msg("session expired", AUTHENTICATION, 3);
        msg("api key", AUTHENTICATION, 2);
        msg("login", AUTHENTICATION, 1.5);
        msg("full authentication is required", AUTHENTICATION, 4);
        msg("forbidden", AUTHORIZATION, 3.5);
        msg("access denied", AUTHORIZATION, 3.5);
        msg("access is denied", AUTHORIZATION, 3.5);
        msg("permission denied", AUTHORIZATION, 3.5);
        msg("permission", AUTHORIZATION, 1.5);
        msg("not authorized to", AUTHORIZATION, 2.5);
        msg("not allowed to", AUTHORIZATION, 2.5);
        msg("not the owner", AUTHORIZATION, 3);
        msg("may not ", AUTHORIZATION, 1.5);
        msg("admin", AUTHORIZATION, 1.5);
        msg("revoked", AUTHENTICATION, 2.5);
        msg("not authorized", AUTHORIZATION, 2.5);
        msg("role_", AUTHORIZATION, 2);
        msg("insufficient scope", AUTHORIZATION, 3);
        msg("insufficient privileges", AUTHORIZATION, 3);
        msg("does not have", AUTHORIZATION, 1);
        msg("csrf", AUTHORIZATION, 3);
        msg("not found", NOT_FOUND, 2.5);
        msg("does not exist", NOT_FOUND, 2);
        msg("no such", NOT_FOUND, 1.5);
        msg("unable to find", NOT_FOUND, 2.5);
        msg("could not find", NOT_FOUND, 2.5);
        msg("no value present", NOT_FOUND, 3);
        msg("no entity", NOT_FOUND, 2.5);
        msg("no row with the given identifier", NOT_FOUND, 3);
        msg("unknown id", NOT_FOUND, 2);
        msg("no handler found", NOT_FOUND, 3);
        msg("no static resource", NOT_FOUND, 3);
        msg("incorrect result size: expected 1, actual 0", NOT_FOUND, 3);
        msg("connection refused", EXTERNAL, 3);
        msg("connect timed out", EXTERNAL, 3);
        msg("read timed out", EXTERNAL, 3);
        msg("timed out", EXTERNAL, 2);
        msg("timeout", EXTERNAL, 1);
        msg("deadline exceeded", EXTERNAL, 3);
        msg("deadline_exceeded", EXTERNAL, 3);
        msg("unavailable", EXTERNAL, 2);
        msg("service unavailable", EXTERNAL, 2);
        msg("bad gateway", EXTERNAL, 4);
        msg("gateway timeout", EXTERNAL, 4);
        msg("internal server error", EXTERNAL, 1.5);
        msg("i/o error on", EXTERNAL, 3);
        msg("name or service not known", EXTERNAL, 3.5);
        msg("nodename nor servname", EXTERNAL, 3.5);
        msg("temporary failure in name resolution", EXTERNAL, 3.5);
        msg("no route to host", EXTERNAL, 3.5);
        msg("network is unreachable", EXTERNAL, 3.5);
        msg("connection reset", EXTERNAL, 3);
        msg("broken pipe", EXTERNAL, 2);
        msg("connection closed", EXTERNAL, 1.5);
        msg("connection was closed", EXTERNAL, 2.5);
        msg("prematurely closed", EXTERNAL, 3);
        msg("unreachable", EXTERNAL, 2);
        msg("unexpected end of stream", EXTERNAL, 2.5);
        msg("unable to connect", EXTERNAL, 2);
        msg("ldap", EXTERNAL, 2);
        msg("failed to respond", EXTERNAL, 3);
        msg("handshake", EXTERNAL, 2.5);
        msg("certificate", EXTERNAL, 2);
        msg("pkix path", EXTERNAL, 3);
        msg("circuitbreaker", EXTERNAL, 3);
        msg("circuit breaker", EXTERNAL, 3);
        msg("is open", EXTERNAL, 1.5);
        msg("executing get", EXTERNAL, 2.5);
        msg("executing post", EXTERNAL, 2.5);
        msg("executing put", EXTERNAL, 2.5);
        msg("executing delete", EXTERNAL, 2.5);
        msg("unable to execute http request", EXTERNAL, 3.5);
        msg("http://", EXTERNAL, 1);
        msg("https://", EXTERNAL, 1);
        msg("upstream", EXTERNAL, 2.5);
        msg("remote host", EXTERNAL, 2);
        msg("max retries", EXTERNAL, 1.5);
        msg("retries exhausted", EXTERNAL, 2);
        msg("sqlstate", DATABASE, 4);
        msg("sql state", DATABASE, 4);
        msg("jdbc", DATABASE, 3.5);
        msg("hikari", DATABASE, 4);
        msg("connection is not available", DATABASE, 2.5);
        msg("could not get a resource from the pool", DATABASE, 2);
        msg("connection pool", DATABASE, 2.5);
        msg("deadlock", DATABASE, 4);
        msg("lock wait timeout", DATABASE, 4);
        msg("could not serialize access", DATABASE, 4);
        msg("duplicate key", DATABASE, 4);
        msg("duplicate entry", DATABASE, 4);
        msg("unique constraint", DATABASE, 3.5);
        msg("unique index", DATABASE, 3.5);
        msg("foreign key", DATABASE, 3.5);
        msg("violates not-null constraint", DATABASE, 3.5);
        msg("violates check constraint", DATABASE, 3.5);
        msg("integrity constraint", DATABASE, 3.5);
        msg("could not execute statement", DATABASE, 4);
        msg("could not execute query", DATABASE, 4);
        msg("could not extract resultset", DATABASE, 4);
        msg("unable to acquire jdbc connection", DATABASE, 4);
        msg("query timed out", DATABASE, 3);
        msg("statement timeout", DATABASE, 3.5);
        msg("syntax error at or near", DATABASE, 4);
        msg("you have an error in your sql syntax", DATABASE, 4);
        msg("relation \"", DATABASE, 2.5);
        msg("column \"", DATABASE, 1.5);
        msg("table", DATABASE, 1);
        msg("too many connections", DATABASE, 4);
        msg("too many clients", DATABASE, 4);
        msg("communications link failure", DATABASE, 4);
        msg("postmaster", DATABASE, 4);
        msg("postgres", DATABASE, 3);
        msg("mysql", DATABASE, 3);
        msg("oracle", DATABASE, 2);
        msg("ora-", DATABASE, 3);
        msg("mongo", DATABASE, 3);
        msg("e11000", DATABASE, 4);
        msg("redis", DATABASE, 3);
        msg("cassandra", DATABASE, 3);
        msg("elasticsearch", DATABASE, 3);
        msg("couchbase", DATABASE, 3);
        msg("replica", DATABASE, 2);
        msg("database", DATABASE, 3);
        msg("transaction", DATABASE, 2);
        msg("rolled back", DATABASE, 2);
        msg("optimistic lock", DATABASE, 3);
        msg("row was updated or deleted by another transaction", DATABASE, 4);
        msg("sql [", DATABASE, 3);
        msg("select ", DATABASE, 1);
        msg("insert into", DATABASE, 2);
        msg("must be", VALIDATION, 2.5);
        msg("must not be", VALIDATION, 3);
        msg("is required", VALIDATION, 2.5);
        msg("required request", VALIDATION, 3);
        msg("required parameter", VALIDATION, 3);
        msg("is not present", VALIDATION, 2);
        msg("invalid", VALIDATION, 1.5);
        msg("malformed", VALIDATION, 2);
        msg("unexpected character", VALIDATION, 3.5);
        msg("unexpected end-of-input", VALIDATION, 3.5);
        msg("unexpected token", VALIDATION, 2.5);
        msg("cannot deserialize", VALIDATION, 3.5);
        msg("json parse error", VALIDATION, 3.5);
        msg("unrecognized field", VALIDATION, 3.5);
        msg("for input string", VALIDATION, 3);
        msg("could not be parsed", VALIDATION, 3);
        msg("failed to convert", VALIDATION, 3);
        msg("not a valid", VALIDATION, 3);
        msg("out of range", VALIDATION, 1);
        msg("missing", VALIDATION, 1);
        msg("expected", VALIDATION, 1);
        msg("bad request", VALIDATION, 3);
        msg("content type", VALIDATION, 2);
        msg("maximum upload size", VALIDATION, 3.5);
        msg("validation failed", VALIDATION, 4);
        msg("maximum permitted size", VALIDATION, 3.5);
        msg("exceeds the maximum", VALIDATION, 2);
        msg("too large", VALIDATION, 2);
        msg("declined", VALIDATION, 3);
        msg("already exists", VALIDATION, 2.5);
        msg("out of stock", VALIDATION, 3);
        msg("due to missing", VALIDATION, 2.5);
        msg("expected begin_", VALIDATION, 3.5);
        msg("malformedjson", VALIDATION, 3);
        msg("content is not allowed in prolog", VALIDATION, 4);
        msg("constraint violation", VALIDATION, 1);
        msg("cannot invoke", INTERNAL, 3.5);
        msg("because \"", INTERNAL, 2);
        msg("is null", INTERNAL, 1.5);
        msg("out of bounds for length", INTERNAL, 4);
        msg("cannot be cast", INTERNAL, 4);
        msg("heap space", INTERNAL, 4);
        msg("gc overhead", INTERNAL, 4);
        msg("metaspace", INTERNAL, 4);
        msg("unable to create native thread", INTERNAL, 4);
        msg("violates its general contract", INTERNAL, 4);
        msg("argument type mismatch", INTERNAL, 4);
        msg("wrong number of arguments", INTERNAL, 4);
        msg("infinite recursion", INTERNAL, 5);
        msg("stackoverflowerror", INTERNAL, 4);
        msg("no space left on device", INTERNAL, 4);
        msg("has already been called for this response", INTERNAL, 4);
        msg("no serializer found", INTERNAL, 6);
        msg("no validator could be found", INTERNAL, 4);
        msg("not initialized", INTERNAL, 2.5);
        msg("not been initialized", INTERNAL, 2.5);
        msg("no bean", INTERNAL, 3);
        msg("could not initialize class", INTERNAL, 4);
        msg("failed to lazily initialize", INTERNAL, 3);
        msg("not implemented", INTERNAL, 3);
        msg("invalid state", VALIDATION, 2);
        msg("state transition", VALIDATION, 2);
        msg("failed to construct", INTERNAL, 2.5);
        msg("no property", VALIDATION, 2);
        msg("unknown ", VALIDATION, 1.5);
        msg("unsupported ", VALIDATION, 1.5);
        msg("ill-formed", VALIDATION, 3);
        msg("deserializ", VALIDATION, 2.5);
        msg("unexpected char", VALIDATION, 3);
        msg("cannot ", VALIDATION, 1);
        msg("second factor", AUTHENTICATION, 3);
        msg("no result", NOT_FOUND, 2.5);
        msg("no connection available", DATABASE, 2.5);
        msg("no instances available", EXTERNAL, 3);
        msg("known server", EXTERNAL, 2.5);
        msg("unexpected", INTERNAL, 0.5);

        // --- frames: where it was thrown ---
        frame("java.lang.Integer.parse", VALIDATION, 2.5);
        frame("java.lang.Long.parse", VALIDATION, 2.5);
        frame("java.lang.Double.parse", VALIDATION, 2.5);
        frame("java.lang.Float.parse", VALIDATION, 2.5);
        frame("java.lang.Short.parse", VALIDATION, 2.5);
        frame("java.lang.Byte.parse", VALIDATION, 2.5);
        frame("java.lang.Boolean.parse", VALIDATION, 2);
        frame("java.lang.Enum.valueOf", VALIDATION, 2.5);
        frame("java.lang.NumberFormatException", VALIDATION, 1);
        frame("java.math.BigDecimal", VALIDATION, 1.5);
        frame("java.math.BigInteger", VALIDATION, 1.5);
        frame("java.util.UUID.fromString", VALIDATION, 3);
        frame("java.time.format", VALIDATION, 2.5);
        frame("java.time.LocalDate.parse", VALIDATION, 2.5);
        frame("java.time.LocalDateTime.parse", VALIDATION, 2.5);
        frame("java.time.Instant.parse", VALIDATION, 2.5);
        frame("java.util.Base64$Decoder", VALIDATION, 2);
        frame("com.fasterxml.jackson", VALIDATION, 2);
        frame("com.google.gson", VALIDATION, 2.5);
        frame("org.json", VALIDATION, 2.5);
        frame("org.yaml.snakeyaml", VALIDATION, 2.5);
        frame("javax.xml.parsers", VALIDATION, 2);
        frame("jdk.internal.reflect", INTERNAL, 3);
        frame("java.lang.reflect", INTERNAL, 2.5);
        frame("sun.reflect", INTERNAL, 3);
        frame("java.util.TimSort", INTERNAL, 3);
        frame("java.util.ArrayList$Itr", INTERNAL, 3);
        frame("java.util.AbstractList$Itr", INTERNAL, 3);
        frame("java.util.HashMap$HashIterator", INTERNAL, 3);
        frame("java.util.LinkedList", INTERNAL, 2.5);
        frame("java.util.ArrayDeque", INTERNAL, 2.5);
        frame("org.springframework.util.Assert", INTERNAL, 5.5);
        frame("com.google.common.base.Preconditions", INTERNAL, 3);
        frame("org.apache.commons.lang3.Validate", INTERNAL, 3);
        frame("java.util.ComparableTimSort", INTERNAL, 3);
        frame("java.util.Objects.requireNonNull", INTERNAL, 2.5);
        frame("java.util.Objects.checkIndex", INTERNAL, 2.5);
        frame("jdk.internal.util.Preconditions", INTERNAL, 2.5);
        frame("java.util.ArrayList", INTERNAL, 1.5);
        frame("java.util.HashMap", INTERNAL, 1.5);
        frame("java.util.ImmutableCollections", INTERNAL, 2.5);
        frame("java.util.Collections$Unmodifiable", INTERNAL, 3);
        frame("java.util.Optional.get", NOT_FOUND, 2);
        frame("java.util.Optional.orElseThrow", NOT_FOUND, 2);
        frame("java.util.Collections$EmptyIterator", INTERNAL, 1);
        frame("java.net", EXTERNAL, 1.5);
        frame("sun.nio.ch", EXTERNAL, 1.5);
        frame("java.sql", DATABASE, 1.5);
        frame("org.springframework.security.access", AUTHORIZATION, 2);
        frame("org.springframework.security.authorization", AUTHORIZATION, 2);
        frame("org.springframework.validation", VALIDATION, 2);
        frame("org.springframework.web.method.annotation", VALIDATION, 1.5);
        frame("org.springframework.beans.factory", INTERNAL, 2);

        method("validat", VALIDATION, 1.5);
        method("parse", VALIDATION, 1);
        method("authenticat", AUTHENTICATION, 1.5);
        method("login", AUTHENTICATION, 1.5);
        method("verifytoken", AUTHENTICATION, 1.5);
        method("authoriz", AUTHORIZATION, 1.5);
        method("checkpermission", AUTHORIZATION, 2);
        method("checkaccess", AUTHORIZATION, 2);
        method("requirerole", AUTHORIZATION, 2);
        method("orelsethrow", NOT_FOUND, 1);
        method("notfound", NOT_FOUND, 1.5);
        method("findby", NOT_FOUND, 0.5);
        method("ratelimit", RATE_LIMIT, 1.5);
        method("throttle", RATE_LIMIT, 1.5);
        method("createtimeoutexception", DATABASE, 0.5);
    }

    /** One-pass matchers over the fragment and phrase tables (built once, after the tables). */
    static final PhraseMatcher NAME_MATCHER = new PhraseMatcher(
            NAME_FRAGMENTS.stream().map(Signal::label).toList());
    static final PhraseMatcher MESSAGE_MATCHER = new PhraseMatcher(
            MESSAGE_PHRASES.stream().map(Signal::label).toList());

    private ErrorSignals() {
    }
}
