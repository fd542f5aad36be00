package io.github.aifilters.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.github.aifilters.core.body.CapturedBody;
import io.github.aifilters.core.filter.AiFilterContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One parse per body whatever limits the app's filters judge it by, and each judged as its own parser would. */
class JsonLimitsTest {

    private static final JsonBodies STRICT = new JsonBodies(4, 10, 5);

    @Test
    void stricterLimitsAreJudgedOnTheOneTreeAsAParserWithThemWould() {
        ServletContext app = context();
        AiFilterContext.registerJsonLimits(app, STRICT);
        String[] bodies = {
            "{\"a\":[[[1]]]}", "{\"a\":[[[[1]]]]}",            // depth 4 admitted, 5 refused
            "{\"a\":\"0123456789\"}", "{\"a\":\"0123456789x\"}", // 10 characters admitted, 11 refused
            "{\"a\":-12345}", "{\"a\":123456}",                  // the sign is no digit
            "{\"a\":1.2e34}", "{\"a\":1.23e45}",                 // point and exponent marker are not either
            "{\"aaaaaaaaaaaaaaaa\":1}",                          // a long name is no string value
        };
        for (String text : bodies) {
            CapturedBody body = body(text);
            AiExchange exchange = AiExchange.of(request(app));
            JsonBody judged = exchange.json(body, STRICT);
            JsonBody parsedStrictly = JsonBodies.parse(STRICT.newMapper(), body.bytes(), body.charset());
            assertThat(judged.malformed()).as(text).isEqualTo(parsedStrictly.malformed());
            if (judged.malformed()) {
                assertThat(judged.error()).as(text).isInstanceOf(StreamConstraintsException.class);
                assertThat(kind(judged.error().getMessage())).as(text).isEqualTo(kind(parsedStrictly.error().getMessage()));
            }
            // the toolkit's default limits admit every one of these, on the same parse
            assertThat(exchange.json(body).malformed()).as(text).isFalse();
            assertThat(exchange.jsonParses()).as(text).isEqualTo(1);
        }
    }

    @Test
    void looserLimitsWidenTheOneParseAndTheDefaultsStillHold() {
        ServletContext app = context();
        AiFilterContext.registerJsonLimits(app, new JsonBodies(200, 1_000_000, 100));
        CapturedBody deep = body("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}");
        AiExchange exchange = AiExchange.of(request(app));
        assertThat(exchange.json(deep, new JsonBodies(200, 1_000_000, 100)).malformed()).isFalse();
        assertThat(exchange.json(deep).malformed()).isTrue(); // 101 levels: beyond the default 64
        assertThat(exchange.jsonParses()).isEqualTo(1);
    }

    @Test
    void withoutRegisteredLimitsNothingIsMeasured() {
        ServletContext app = context();
        AiExchange exchange = AiExchange.of(request(app));
        CapturedBody body = body("{\"a\":[[[[[1]]]]]}");
        assertThat(exchange.json(body).malformed()).isFalse();
        // limits no filter registered: a parse with them is the only way to know, and it is counted
        assertThat(exchange.json(body, STRICT).malformed()).isTrue();
        assertThat(exchange.jsonParses()).isEqualTo(2);
    }

    private static String kind(String message) {
        return message.substring(0, message.indexOf('('));
    }

    private static CapturedBody body(String text) {
        return new CapturedBody(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, "application/json");
    }

    private static ServletContext context() {
        Map<String, Object> attributes = new HashMap<>();
        return (ServletContext) Proxy.newProxyInstance(JsonLimitsTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    case "getInitParameterNames", "getAttributeNames" -> java.util.Collections.emptyEnumeration();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private static HttpServletRequest request(ServletContext app) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(JsonLimitsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "POST";
                    case "getRequestURI", "getServletPath" -> "/notes";
                    case "getServletContext" -> app;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
