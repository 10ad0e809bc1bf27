package org.fieldvae.knime.support.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/**
 * The native fragments of the KNIME bundle (plugin/fragments): one per platform KNIME Analytics Platform runs on, each
 * restricted to its platform by {@code Eclipse-PlatformFilter} (OSGi {@code osgi.os}/{@code osgi.arch} names), attached
 * to org.fieldvae.knime, and holding the JNI libraries JavaCPP's {@code Loader} loads on that platform: the resource
 * {@code <package>/<platform>/<prefix>jni<name><suffix>} with the prefix and suffix of JavaCPP's own
 * {@code org/bytedeco/javacpp/properties/<platform>.properties}. What a jar holds is read from its natives.list
 * (written from the jars on Maven Central by plugin/fragments/list-natives.py) and, where the jar was fetched into the
 * fragment's lib/ ({@code mvn -Pknime package}), from the jar itself.
 */
class NativeFragmentsTest {

    private static final Path FRAGMENTS = Path.of("..", "fragments");
    private static final Pattern FILTER = Pattern.compile("\\(&\\(osgi\\.os=(\\w+)\\)\\(osgi\\.arch=(\\w+)\\)\\)");

    /** KNIME 5.6's platforms as OSGi names: Windows x86_64, macOS x86_64 and arm64, Linux x86_64 and arm64. */
    private static final Set<String> KNIME_PLATFORMS =
            Set.of("win32/x86_64", "macosx/x86_64", "macosx/aarch64", "linux/x86_64", "linux/aarch64");

    /** The JNI library of each native jar, JavaCPP's resource package of it, and the ND4J variants. */
    private record JniLibrary(String jarPrefix, String resourcePackage, String library) {
    }

    private static final List<JniLibrary> LIBRARIES = List.of(
            new JniLibrary("javacpp", "org/bytedeco/javacpp", "jnijavacpp"),
            new JniLibrary("openblas", "org/bytedeco/openblas", "jniopenblas_nolapack"),
            new JniLibrary("nd4j-native", "org/nd4j/linalg/cpu/nativecpu/bindings", "jnind4jcpu"));

    @Test
    void oneFragmentPerKnimePlatform() throws IOException {
        Set<String> platforms = new TreeSet<>();
        for (Path fragment : fragments()) {
            platforms.add(osgiPlatform(manifest(fragment)));
        }
        assertEquals(new TreeSet<>(KNIME_PLATFORMS), platforms);
    }

    @Test
    void everyFragmentIsAPlatformFilteredFragmentOfTheBundle() throws IOException {
        for (Path fragment : fragments()) {
            Attributes m = manifest(fragment);
            String platform = osgiPlatform(m);
            assertEquals("org.fieldvae.knime", m.getValue("Fragment-Host").split(";")[0], fragment.toString());
            assertEquals("org.fieldvae.knime.natives." + platform.replace('/', '.'),
                    m.getValue("Bundle-SymbolicName").split(";")[0]);
            assertEquals(fragment.getFileName().toString(), m.getValue("Bundle-SymbolicName").split(";")[0]);
        }
    }

    @Test
    void everyFragmentHoldsTheJniLibrariesJavaCppLoadsOnItsPlatform() throws IOException {
        for (Path fragment : fragments()) {
            Attributes m = manifest(fragment);
            String platform = javacppPlatform(osgiPlatform(m));
            Properties javacpp = Loader.loadProperties(platform, null);
            // JavaCPP tries each listed prefix and suffix in turn (e.g. ".dylib:.so" on macOS)
            String[] prefixes = javacpp.getProperty("platform.library.prefix", "").split(":", -1);
            String[] suffixes = javacpp.getProperty("platform.library.suffix").split(":");
            List<String> classPath = classPath(m);
            Set<String> listed = natives(fragment);
            for (JniLibrary lib : LIBRARIES) {
                String jar = "lib/" + lib.jarPrefix() + "-" + platform + ".jar";
                assertTrue(classPath.contains(jar), fragment + " misses " + jar);
                String dir = lib.resourcePackage() + "/" + platform + "/";
                assertTrue(holdsLibrary(listed, jar, dir, lib.library(), prefixes, suffixes),
                        fragment + ": " + jar + " lacks " + dir + lib.library());
            }
            String fast = "lib/nd4j-native-" + platform + "-onednn-avx512.jar";
            if (classPath.contains(fast)) {
                String dir = "org/nd4j/linalg/cpu/nativecpu/bindings/" + platform + "-onednn-avx512/";
                assertTrue(holdsLibrary(listed, fast, dir, "jnind4jcpu", prefixes, suffixes),
                        fragment + ": " + fast + " lacks " + dir + "jnind4jcpu");
            }
        }
    }

    @Test
    void theAvx512VariantShipsForThePlatformsThatHaveOne() throws IOException {
        for (Path fragment : fragments()) {
            Attributes m = manifest(fragment);
            String platform = javacppPlatform(osgiPlatform(m));
            boolean hasFast = classPath(m).contains("lib/nd4j-native-" + platform + "-onednn-avx512.jar");
            // ND4J 1.0.0-M2.1 publishes -onednn-avx512 for these two only (checked on Maven Central)
            assertEquals(Set.of("linux-x86_64", "windows-x86_64").contains(platform), hasFast, platform);
        }
    }

    @Test
    void listsNameOnlyJarsOnTheClassPathAndEveryJarHasANativeLibrary() throws IOException {
        for (Path fragment : fragments()) {
            List<String> classPath = classPath(manifest(fragment));
            Set<String> jarsListed = natives(fragment).stream().map(e -> e.substring(0, e.indexOf('!')))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(classPath), jarsListed, fragment.toString());
        }
    }

    @Test
    void fetchedJarsHoldWhatTheirListSays() throws IOException {
        for (Path fragment : fragments()) {
            for (String jar : classPath(manifest(fragment))) {
                Path file = fragment.resolve(jar);
                if (!Files.isRegularFile(file)) {
                    continue; // not fetched: only mvn -Pknime package fills lib/
                }
                Set<String> entries;
                try (JarFile j = new JarFile(file.toFile())) {
                    entries = j.stream().map(e -> jar + "!" + e.getName()).collect(Collectors.toSet());
                }
                for (String listed : natives(fragment)) {
                    if (listed.startsWith(jar + "!")) {
                        assertTrue(entries.contains(listed), listed);
                    }
                }
            }
        }
    }

    @Test
    void theHostBundleCarriesNoPlatformSpecificJar() throws IOException {
        Attributes host = read(Path.of("..", "META-INF", "MANIFEST.MF"));
        for (String entry : classPath(host)) {
            for (String os : List.of("linux-", "windows-", "macosx-")) {
                assertFalse(entry.contains(os), "the host's Bundle-ClassPath names " + entry);
            }
        }
    }

    private static boolean holdsLibrary(Set<String> listed, String jar, String dir, String library, String[] prefixes,
            String[] suffixes) {
        for (String prefix : prefixes) {
            for (String suffix : suffixes) {
                if (listed.contains(jar + "!" + dir + prefix + library + suffix)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Path> fragments() throws IOException {
        try (Stream<Path> s = Files.list(FRAGMENTS)) {
            List<Path> found = s.filter(p -> Files.isRegularFile(p.resolve("META-INF/MANIFEST.MF"))).sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
            assertFalse(found.isEmpty(), "no fragments under " + FRAGMENTS.toAbsolutePath());
            return found;
        }
    }

    private static Attributes manifest(Path fragment) throws IOException {
        return read(fragment.resolve("META-INF/MANIFEST.MF"));
    }

    private static Attributes read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Manifest(in).getMainAttributes();
        }
    }

    private static String osgiPlatform(Attributes m) {
        Matcher f = FILTER.matcher(m.getValue("Eclipse-PlatformFilter"));
        assertTrue(f.matches(), m.getValue("Eclipse-PlatformFilter"));
        return f.group(1) + "/" + f.group(2);
    }

    /** OSGi's os/arch names to JavaCPP's platform name (JavaCPP's Loader: windows, macosx, linux; arm64). */
    private static String javacppPlatform(String osgi) {
        String[] p = osgi.split("/");
        String os = p[0].equals("win32") ? "windows" : p[0];
        String arch = p[1].equals("aarch64") ? "arm64" : p[1];
        return os + "-" + arch;
    }

    private static List<String> classPath(Attributes m) {
        String value = m.getValue("Bundle-ClassPath");
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
    }

    private static Set<String> natives(Path fragment) throws IOException {
        try (Stream<String> lines = Files.lines(fragment.resolve("natives.list"))) {
            return lines.filter(l -> !l.isBlank() && !l.startsWith("#")).collect(Collectors.toSet());
        }
    }
}
