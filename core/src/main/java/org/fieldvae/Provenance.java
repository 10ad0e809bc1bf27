package org.fieldvae;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What made a file: FieldVAE version, Java version, OS and architecture, and the time. Kept because
 * floating-point results (Math vs StrictMath, native BLAS) can differ across platforms, so a file's
 * numbers can only be compared with its provenance in view. Settings and seeds are added by each stage.
 */
public record Provenance(String fieldvaeVersion, String javaVersion, String os, String arch, String time) {

    /** The version of this build of FieldVAE, from the Maven project version. */
    public static String version() {
        try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read FieldVAE's version.properties", e);
        }
    }

    /** The provenance of this process, now. */
    public static Provenance current() {
        return new Provenance(version(), System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"), Instant.now().toString());
    }

    /** The fields as ordered key/value pairs, keys prefixed {@code fieldvae_}, {@code java_}, ... */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("fieldvae_version", fieldvaeVersion);
        map.put("java_version", javaVersion);
        map.put("os", os);
        map.put("arch", arch);
        map.put("created", time);
        return map;
    }
}
