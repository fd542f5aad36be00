package io.github.aifilters.core.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.config.InitParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The redaction rules, written as a specification. */
class DefaultRedactorTest {

    private static final String M = Redactor.MASK;
    private final DefaultRedactor redactor = DefaultRedactor.defaults();
    private final ObjectMapper json = new ObjectMapper();

    @Nested
    class Headers {

        @ParameterizedTest
        @ValueSource(strings = {"Authorization", "authorization", "Proxy-Authorization", "X-Api-Key", "X-CSRF-Token",
                "X-XSRF-TOKEN", "X-Amz-Security-Token", "X-Auth-Token"})
        void credentialHeadersAreMaskedWhole(String name) {
            assertThat(redactor.isSensitiveHeader(name)).isTrue();
            assertThat(redactor.redactHeader(name, "anything at all")).isEqualTo(M);
        }

        @Test
        void ordinaryHeadersKeepTheirValueButSecretShapedValuesAreMasked() {
            assertThat(redactor.redactHeader("Accept", "application/json")).isEqualTo("application/json");
            assertThat(redactor.redactHeader("X-Debug", "key sk-proj-abc123def456ghi789jkl"))
                    .isEqualTo("key " + M);
        }

        @Test
        void aCookieHeaderIsRedactedPerCookie() {
            assertThat(redactor.redactHeader("Cookie", "theme=dark; JSESSIONID=node0abc123; lang=en; "
                    + "refreshToken=r1r2r3r4; XSRF-TOKEN=q9q8"))
                    .isEqualTo("theme=dark; JSESSIONID=" + M + "; lang=en; refreshToken=" + M + "; XSRF-TOKEN=" + M);
        }

        @Test
        void aCookieValueShapedLikeASecretIsMaskedWhateverItsName() {
            assertThat(redactor.redactCookieHeader("prefs=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.abcdefghij"))
                    .isEqualTo("prefs=" + M);
        }

        @Test
        void setCookieKeepsNameAndAttributesButNeverTheValue() {
            assertThat(redactor.redactHeader("Set-Cookie", "SESSION=abc; Path=/; HttpOnly; Secure"))
                    .isEqualTo("SESSION=" + M + "; Path=/; HttpOnly; Secure");
        }

        @Test
        void aHeaderMapIsCopiedWithEveryValueRedacted() {
            Map<String, List<String>> in = new LinkedHashMap<>();
            in.put("Authorization", List.of("Bearer abc.def.ghi"));
            in.put("Accept", List.of("text/html", "application/json"));
            assertThat(redactor.redactHeaders(in)).containsExactly(
                    Map.entry("Authorization", List.of(M)),
                    Map.entry("Accept", List.of("text/html", "application/json")));
        }
    }

    @Nested
    class CustomHeaders {

        @ParameterizedTest
        @ValueSource(strings = {"X-Db-Password", "X-Client-Secret", "X-Tenant-Api-Key", "X-Github-Token",
                "X-Upstream-Credentials", "X-Auth-User", "X-Authentication", "X-Upstream-Session", "X-Idempotency-Key",
                "X-Service-Cookie", "DB_PASSWORD"})
        void headersNamedLikeASecretAreMaskedWhole(String name) {
            assertThat(redactor.isSensitiveHeader(name)).as(name).isTrue();
            assertThat(redactor.redactHeader(name, "plain words")).isEqualTo(M);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Accept", "Content-Length", "Keep-Alive", "X-Request-Id", "X-Token-Count",
                "X-Author", "WWW-Authenticate", "X-Forwarded-For", "Cache-Control"})
        void ordinaryHeadersAreNotMaskedWhole(String name) {
            assertThat(redactor.isSensitiveHeader(name)).as(name).isFalse();
            assertThat(redactor.redactHeader(name, "plain words")).isEqualTo("plain words");
        }

        @Test
        void credentialsInsideAnyHeaderValueAreMaskedAndTheRestKept() {
            assertThat(redactor.redactHeader("X-Db-Url", "postgres://report:Pa55w0rd@replica:5432/dw"))
                    .isEqualTo("postgres://report:" + M + "@replica:5432/dw");
            assertThat(redactor.redactHeader("X-Upstream", "mongodb+srv://svc:s3cr3t@cluster0.example.net/prod"))
                    .isEqualTo("mongodb+srv://svc:" + M + "@cluster0.example.net/prod");
            assertThat(redactor.redactHeader("X-Debug-Note", "used ghp_1234567890abcdefghijklmnopqrstuvwxyz"))
                    .isEqualTo("used " + M);
            assertThat(redactor.redactHeader("Referer", "https://example.com/a?b=c"))
                    .isEqualTo("https://example.com/a?b=c");
        }

        @Test
        void aHeaderMapMasksByNameAndByValue() {
            Map<String, List<String>> in = new LinkedHashMap<>();
            in.put("X-Db-Password", List.of("hunter2"));
            in.put("X-Db-Url", List.of("redis://:r3d1s@cache:6379/0"));
            in.put("X-Request-Id", List.of("7c9e6679-7425-40de-944b-e07fc1f90ae7"));
            assertThat(redactor.redactHeaders(in)).containsExactly(
                    Map.entry("X-Db-Password", List.of(M)),
                    Map.entry("X-Db-Url", List.of("redis://:" + M + "@cache:6379/0")),
                    Map.entry("X-Request-Id", List.of("7c9e6679-7425-40de-944b-e07fc1f90ae7")));
        }
    }

    @Nested
    class FieldNames {

        @ParameterizedTest
        @ValueSource(strings = {"password", "Password", "PASSWORD", "new_password", "userPassword", "passwd", "pwd",
                "secret", "client_secret", "clientSecret", "token", "access_token", "accessToken", "refresh-token",
                "id_token", "apiKey", "api_key", "API-KEY", "apikey", "x.api.key", "creditCard", "credit_card_number",
                "cardNumber", "cvv", "cvc", "pin", "user_pin", "pinCode", "otp", "otpCode", "ssn", "iban",
                "authorization", "sessionId", "csrfToken", "_csrf", "credentials", "privateKey", "auth", "key",
                "db_password", "DB_PASSWORD", "SPRING_DATASOURCE_PASSWORD", "x-api-key", "x_api_key", "github_token",
                "aws_secret_access_key", "AccountKey", "encryption_key", "sig", "connectionString"})
        void secretFieldsAreRecognisedWhateverTheirCaseOrSeparators(String name) {
            assertThat(redactor.isSensitiveField(name)).as(name).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"shipping", "shippingAddress", "spinner", "pinned", "opinion", "max_tokens",
                "maxTokens", "tokens", "total_tokens", "token_count", "tokenType", "tokenizer", "secretary",
                "keyboard", "monkey", "keywords", "author", "authorName", "session_count", "email", "name",
                "message", "query", "description", "orderNumber", "expiry", "cookieConsent", "passwordPolicy",
                "pin_length", "otp_expiry", "token_url", "tokenExpiresIn", "primary_key", "sort_key", "signup", "design"})
        void ordinaryFieldsAreNotMistakenForSecrets(String name) {
            assertThat(redactor.isSensitiveField(name)).as(name).isFalse();
        }
    }

    @Nested
    class FreeText {

        @Test
        void bearerAndBasicCredentialsAreMaskedButTheSchemeStays() {
            assertThat(redactor.redactText("Authorization: Bearer abcDEF123456.xyz"))
                    .isEqualTo("Authorization: Bearer " + M);
            assertThat(redactor.redactText("used Basic dXNlcjpwYXNzd29yZA== to log in"))
                    .isEqualTo("used Basic " + M + " to log in");
        }

        @Test
        void theWordTokenInProseIsNotASecret() {
            String prose = "Your token expired yesterday; request a new token before the deadline. "
                    + "Basic understanding of tokenization helps.";
            assertThat(redactor.redactText(prose)).isEqualTo(prose);
        }

        @Test
        void aTokenValueAfterTheWordTokenIsMasked() {
            assertThat(redactor.redactText("retry with token 9f8e7d6c5b4a3f2e1d0c"))
                    .isEqualTo("retry with token " + M);
            assertThat(redactor.redactText("token=a1b2c3d4e5f6")).isEqualTo("token=" + M);
        }

        @Test
        void anAssignedTokenOrKeyIsMaskedWhateverItLooksLike() {
            assertThat(redactor.redactText("value token=abcdefghijklmnop is invalid"))
                    .isEqualTo("value token=" + M + " is invalid");
            assertThat(redactor.redactText("GET /x?access_token=letmein&key=hunter&page=2"))
                    .isEqualTo("GET /x?access_token=" + M + "&key=" + M + "&page=2");
            assertThat(redactor.redactText("max_tokens=100 monkey=3 token: expired"))
                    .isEqualTo("max_tokens=100 monkey=3 token: expired");
        }

        @Test
        void jwtsAreMasked() {
            String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N";
            assertThat(redactor.redactText("session " + jwt + " rejected")).isEqualTo("session " + M + " rejected");
        }

        @ParameterizedTest
        @ValueSource(strings = {"sk-proj-Abc123Def456Ghi789Jkl012", "sk-ant-api03-abcdef1234567890XYZ",
                "sk_live_51HxYzAbCdEf1234567890", "AIzaSyA1234567890abcdefghijklmnopqrstu",
                "ghp_1234567890abcdefghijklmnopqrstuvwxyz", "glpat-1234567890abcdefghij",
                "xoxb-1234567890-abcdefghij", "AKIAIOSFODNN7EXAMPLE"})
        void apiKeyShapesAreMasked(String key) {
            assertThat(redactor.redactText("key was " + key + ".")).isEqualTo("key was " + M + ".");
        }

        @Test
        void identifiersThatMerelyStartLikeAKeyStay() {
            String text = "violates constraint pk_order_items_by_customer and task-scheduler skipped";
            assertThat(redactor.redactText(text)).isEqualTo(text);
        }

        @Test
        void passwordAndSecretPairsAreMasked() {
            assertThat(redactor.redactText("login failed for user=bob password=hunter2 from 10.0.0.1"))
                    .isEqualTo("login failed for user=bob password=" + M + " from 10.0.0.1");
            assertThat(redactor.redactText("config: client_secret: abc, api_key=xyz"))
                    .isEqualTo("config: client_secret: " + M + ", api_key=" + M);
            assertThat(redactor.redactText("Forgot your password? Reset it.")).isEqualTo(
                    "Forgot your password? Reset it.");
        }

        @Test
        void aPrefixBeforeTheSensitiveWordDoesNotHideIt() {
            assertThat(redactor.redactText("db_password=hunter2 DB_PASSWORD=hunter3 SPRING_DATASOURCE_PASSWORD=h4"))
                    .isEqualTo("db_password=" + M + " DB_PASSWORD=" + M + " SPRING_DATASOURCE_PASSWORD=" + M);
            assertThat(redactor.redactText("x_api_key=abc github_token=def spring.datasource.password: ghi"))
                    .isEqualTo("x_api_key=" + M + " github_token=" + M + " spring.datasource.password: " + M);
        }

        @Test
        void jsonWrittenInsideTextKeepsItsQuotes() {
            assertThat(redactor.redactText("body {\"user\":\"ada\",\"password\":\"hunter 2\"} and {'secret': 'x y'}"))
                    .isEqualTo("body {\"user\":\"ada\",\"password\":\"" + M + "\"} and {'secret': '" + M + "'}");
        }

        @Test
        void onlyThePasswordOfAUrlIsMasked() {
            assertThat(redactor.redactText("connect postgres://app:pw@db:5432/x and https://example.com/a?b=c"))
                    .isEqualTo("connect postgres://app:" + M + "@db:5432/x and https://example.com/a?b=c");
        }

        @Test
        void theSchemeOfAnAuthorizationValueStays() {
            assertThat(redactor.redactText("Authorization: Bearer abc")).isEqualTo("Authorization: Bearer " + M);
            assertThat(redactor.redactText("Authorization: Basic dXNlcjpwYXNz")).isEqualTo("Authorization: Basic " + M);
        }

        @Test
        void aWordLevelNameAfterAColonNeedsACredentialLookingValue() {
            assertThat(redactor.redactText("key: expired, key: k3y-9f8e")).isEqualTo("key: expired, key: " + M);
            assertThat(redactor.redactText("key:token: abc123")).isEqualTo("key:token: " + M);
            assertThat(redactor.redactText("key:abc:token:bearer Xyz123")).isEqualTo("key:abc:token:bearer " + M);
        }

        @Test
        void jsonSerialisedInsideAJsonStringIsMaskedToo() {
            assertThat(redactor.redactText("x {\\\"password\\\":\\\"a b\\\"}"))
                    .isEqualTo("x {\\\"password\\\":\\\"" + M + "\\\"}");
        }

        @Test
        void privateKeysAreMasked() {
            assertThat(redactor.redactText("k=-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY----- ok"))
                    .isEqualTo("k=" + M + " ok");
        }

        @Test
        void cardNumbersPassingLuhnAreMasked() {
            assertThat(redactor.redactText("card 4111 1111 1111 1111 exp 12/29"))
                    .isEqualTo("card " + M + " exp 12/29");
            assertThat(redactor.redactText("card 5500-0000-0000-0004")).isEqualTo("card " + M);
            assertThat(redactor.redactText("amex 378282246310005.")).isEqualTo("amex " + M + ".");
        }

        @Test
        void numbersFailingLuhnOrNotStartingLikeACardStay() {
            String text = "order 4111111111111112 shipped at 1732611234567, tracking 9400100000000000000001, "
                    + "invoice 12345678901234, phone +1 555 123 4567";
            assertThat(redactor.redactText(text)).isEqualTo(text);
        }

        @Test
        void nullAndEmptyPassThrough() {
            assertThat(redactor.redactText(null)).isNull();
            assertThat(redactor.redactText("")).isEmpty();
        }
    }

    @Nested
    class Json {

        @Test
        void sensitiveFieldsAreMaskedAtAnyDepthAndTheRestIsKept() throws Exception {
            JsonNode in = json.readTree("""
                    {"user":{"name":"Ada","password":"hunter2","pin":1234},
                     "payment":{"cardNumber":"4111111111111111","amount":12.5,"card":4111111111111111},
                     "items":[{"sku":"A-1","apiKey":"k"}],
                     "usage":{"max_tokens":256,"total_tokens":1024},
                     "shipping":"express","token":null,
                     "note":"call me with Bearer abcDEF123456 please"}""");

            JsonNode out = redactor.redactJson(in);

            assertThat(out.toString()).isEqualTo(json.readTree("""
                    {"user":{"name":"Ada","password":"[REDACTED]","pin":"[REDACTED]"},
                     "payment":{"cardNumber":"[REDACTED]","amount":12.5,"card":"[REDACTED]"},
                     "items":[{"sku":"A-1","apiKey":"[REDACTED]"}],
                     "usage":{"max_tokens":256,"total_tokens":1024},
                     "shipping":"express","token":null,
                     "note":"call me with Bearer [REDACTED] please"}""").toString());
            assertThat(in.get("user").get("password").asText()).as("input untouched").isEqualTo("hunter2");
        }

        @Test
        void prefixedAndUpperCaseSecretNamesAreMaskedAndUrlCredentialsInValuesToo() throws Exception {
            JsonNode out = redactor.redactJson(json.readTree("""
                    {"db_password":"a1","SPRING_DATASOURCE_PASSWORD":"a2","x-api-key":"a3","clientSecret":"a4",
                     "github_token":"a5","aws_secret_access_key":"a6","max_tokens":5,
                     "DB_URL":"postgres://app:pw9@db:5432/orders","note":"card 4111.1111.1111.1111"}"""));
            assertThat(out.toString()).isEqualTo(json.readTree("""
                    {"db_password":"[REDACTED]","SPRING_DATASOURCE_PASSWORD":"[REDACTED]","x-api-key":"[REDACTED]",
                     "clientSecret":"[REDACTED]","github_token":"[REDACTED]","aws_secret_access_key":"[REDACTED]",
                     "max_tokens":5,"DB_URL":"postgres://app:[REDACTED]@db:5432/orders",
                     "note":"card [REDACTED]"}""").toString());
        }

        @Test
        void aSensitiveFieldHoldingAnObjectIsMaskedWhole() throws Exception {
            JsonNode out = redactor.redactJson(json.readTree("{\"credentials\":{\"u\":\"a\",\"p\":\"b\"}}"));
            assertThat(out.toString()).isEqualTo("{\"credentials\":\"[REDACTED]\"}");
        }
    }

    @Nested
    class FormsAndQueryStrings {

        @Test
        void sensitiveFieldValuesAreMaskedAndEverythingElseStaysByteForByte() {
            assertThat(redactor.redactForm("user=ada&password=s3cr%21t&q=caf%C3%A9+au+lait&api_key=abc&shipping=2"))
                    .isEqualTo("user=ada&password=" + M + "&q=caf%C3%A9+au+lait&api_key=" + M + "&shipping=2");
        }

        @Test
        void secretShapedValuesInOrdinaryFieldsAreMasked() {
            assertThat(redactor.redactForm("note=card+4111111111111111+thanks&x=1"))
                    .isEqualTo("note=card+" + M + "+thanks&x=1");
        }

        @Test
        void oddPairsSurvive() {
            assertThat(redactor.redactForm("flag&=v&a=%zz&token=")).isEqualTo("flag&=v&a=%zz&token=" + M);
        }
    }

    @Nested
    class Additions {

        @Test
        void theBuilderAddsToEveryDenylist() {
            DefaultRedactor custom = DefaultRedactor.builder()
                    .addHeaders(List.of("X-Tenant-Secret"))
                    .addCookies(List.of("my_sess"))
                    .addFields(List.of("dateOfBirth"))
                    .addFieldNames(List.of("tan"))
                    .addPatterns(List.of("\\bEMP-\\d{6}\\b"))
                    .build();
            assertThat(custom.redactHeader("x-tenant-secret", "v")).isEqualTo(M);
            assertThat(custom.redactCookieHeader("my_sess=1; a=2")).isEqualTo("my_sess=" + M + "; a=2");
            assertThat(custom.isSensitiveField("date_of_birth")).isTrue();
            assertThat(custom.isSensitiveField("userDateOfBirth")).isTrue();
            assertThat(custom.isSensitiveField("tan")).isTrue();
            assertThat(custom.isSensitiveField("tangent")).isFalse();
            assertThat(custom.redactText("employee EMP-123456 left")).isEqualTo("employee " + M + " left");
            assertThat(custom.redactText("user date_of_birth=1990-01-01 tan: 4711"))
                    .as("added names count in text").isEqualTo("user date_of_birth=" + M + " tan: " + M);
            assertThat(custom.isSensitiveHeader("X-Date-Of-Birth")).as("and in header names").isTrue();
            assertThat(custom.isSensitiveHeader("Authorization")).as("defaults kept").isTrue();
            assertThat(redactor.isSensitiveField("dateOfBirth")).as("defaults unchanged").isFalse();
        }

        @Test
        void initParamsAddToTheDefaults() {
            DefaultRedactor fromParams = DefaultRedactor.fromParams(InitParams.of("ctx", Map.of(
                    "aifilters.redact.headers", "X-One, X-Two",
                    "aifilters.redact.fields", "mothersMaidenName",
                    "aifilters.redact.patterns", "\\bACC-\\d{4,}\\b\n\\b(?:x|y){3},z\\b")), "aifilters.");
            assertThat(fromParams.isSensitiveHeader("x-two")).isTrue();
            assertThat(fromParams.isSensitiveField("mothers_maiden_name")).isTrue();
            assertThat(fromParams.redactText("acct ACC-12345 and xxy,z")).isEqualTo("acct " + M + " and " + M);
        }

        @Test
        void anInvalidPatternFailsAtStartUpNamingTheKey() {
            assertThatThrownBy(() -> DefaultRedactor.fromParams(InitParams.of("f", Map.of(DefaultRedactor.PATTERNS,
                    "([unclosed")), ""))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redact.patterns");
        }
    }
}
