package io.github.aifilters.openai;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts API keys for configuration files: {@code enc:BASE64(iv|ciphertext)} with AES-256-GCM (12-byte random IV,
 * 128-bit tag), under a master key given as base64 of 32 bytes in the environment variable
 * {@value #MASTER_KEY_ENV} (never in the same file as the encrypted keys).
 *
 * <p>CLI (the key is read from the console or stdin, never from the command line, so it stays out of shell history):
 * <pre>
 * java -cp ai-filters-openai.jar io.github.aifilters.openai.ApiKeyCipher generate-master-key
 * AI_FILTERS_MASTER_KEY=... java -cp ai-filters-openai.jar:... io.github.aifilters.openai.ApiKeyCipher encrypt
 * </pre>
 */
public final class ApiKeyCipher {

    /** Environment variable holding the master key (base64, 32 bytes). */
    public static final String MASTER_KEY_ENV = "AI_FILTERS_MASTER_KEY";
    /** Prefix marking an encrypted value. */
    public static final String PREFIX = "enc:";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param masterKey 32 bytes (AES-256) */
    public ApiKeyCipher(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException(MASTER_KEY_ENV + " must be base64 of exactly 32 bytes (AES-256)");
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
    }

    /** @param base64MasterKey base64 of 32 bytes, as in {@value #MASTER_KEY_ENV} */
    public static ApiKeyCipher fromBase64(String base64MasterKey) {
        if (base64MasterKey == null || base64MasterKey.isBlank()) {
            throw new IllegalArgumentException("an encrypted API key (enc:...) needs the master key in " + MASTER_KEY_ENV);
        }
        try {
            return new ApiKeyCipher(Base64.getDecoder().decode(base64MasterKey.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MASTER_KEY_ENV + " must be base64 of exactly 32 bytes (AES-256)");
        }
    }

    public static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** {@code enc:BASE64(iv|ciphertext)}. */
    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + ct.length);
            System.arraycopy(ct, 0, out, IV_BYTES, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Decrypts an {@code enc:} value; the error never contains the value. */
    public String decrypt(String value) {
        if (!isEncrypted(value)) {
            throw new IllegalArgumentException("not an encrypted value (expected enc:...)");
        }
        try {
            byte[] all = Base64.getDecoder().decode(value.substring(PREFIX.length()).trim());
            if (all.length <= IV_BYTES) {
                throw new IllegalArgumentException("encrypted API key is too short");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot decrypt the API key: wrong master key or corrupted value");
        }
    }

    /** A new random master key, base64. */
    public static String generateMasterKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    public static void main(String[] args) throws IOException {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "generate-master-key" -> System.out.println(generateMasterKey());
            case "encrypt" -> {
                ApiKeyCipher cipher = fromBase64(System.getenv(MASTER_KEY_ENV));
                String plain;
                Console console = System.console();
                if (console != null) {
                    char[] chars = console.readPassword("API key: ");
                    plain = chars == null ? "" : new String(chars);
                } else {
                    plain = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                }
                if (plain == null || plain.isBlank()) {
                    System.err.println("no key given");
                    System.exit(2);
                }
                System.out.println(cipher.encrypt(plain.trim()));
            }
            default -> {
                System.err.println("usage: ApiKeyCipher generate-master-key | encrypt  (key read from console/stdin;"
                        + " master key from " + MASTER_KEY_ENV + ")");
                System.exit(2);
            }
        }
    }
}
