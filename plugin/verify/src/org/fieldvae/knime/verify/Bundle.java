package org.fieldvae.knime.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * One OSGi bundle of a KNIME installation's {@code plugins/} folder: a folder with {@code META-INF/MANIFEST.MF} or a
 * jar file whose manifest names a {@code Bundle-SymbolicName}.
 *
 * @param name      the symbolic name, without directives
 * @param version   the {@code Bundle-Version}
 * @param location  the folder or jar
 * @param classPath the {@code Bundle-ClassPath} entries that exist, as paths ({@code .} is the location itself)
 * @param exports   {@code Export-Package}
 * @param requires  {@code Require-Bundle}
 * @param imports   {@code Import-Package}
 * @param host      {@code Fragment-Host}, for fragments
 */
record Bundle(String name, Version version, Path location, List<Path> classPath, List<ManifestClause> exports,
        List<ManifestClause> requires, List<ManifestClause> imports, String host) {

    /** Reads the bundle at {@code location}; empty when it is not a bundle (no manifest, no symbolic name). */
    static Optional<Bundle> read(Path location) throws IOException {
        Manifest manifest = manifest(location);
        if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
            return Optional.empty();
        }
        var main = manifest.getMainAttributes();
        String name = ManifestClause.parse(main.getValue("Bundle-SymbolicName")).get(0).name();
        List<Path> classPath = new ArrayList<>();
        List<ManifestClause> entries = ManifestClause.parse(main.getValue("Bundle-ClassPath"));
        if (entries.isEmpty()) {
            classPath.add(location);
        }
        for (ManifestClause entry : entries) {
            Path path = entry.name().equals(".") ? location : location.resolve(entry.name());
            if (entry.name().equals(".") || (Files.isDirectory(location) && Files.exists(path))) {
                classPath.add(path);
            }
        }
        String host = ManifestClause.parse(main.getValue("Fragment-Host")).stream().findFirst()
                .map(ManifestClause::name).orElse(null);
        return Optional.of(new Bundle(name, Version.parse(main.getValue("Bundle-Version")), location, classPath,
                ManifestClause.parse(main.getValue("Export-Package")),
                ManifestClause.parse(main.getValue("Require-Bundle")),
                ManifestClause.parse(main.getValue("Import-Package")), host));
    }

    /** Reads a manifest file directly (for a bundle's source folder, whose classes are elsewhere). */
    static Manifest manifestFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Manifest(in);
        }
    }

    private static Manifest manifest(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            Path file = location.resolve("META-INF/MANIFEST.MF");
            return Files.isRegularFile(file) ? manifestFile(file) : null;
        }
        if (!location.getFileName().toString().endsWith(".jar")) {
            return null;
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            return jar.getManifest();
        }
    }

    /** An OSGi version {@code major.minor.micro.qualifier}, ordered numerically then by qualifier. */
    record Version(int major, int minor, int micro, String qualifier) implements Comparable<Version> {

        static Version parse(String text) {
            String[] parts = (text == null ? "0" : text.trim()).split("\\.", 4);
            return new Version(number(parts, 0), number(parts, 1), number(parts, 2), parts.length > 3 ? parts[3] : "");
        }

        private static int number(String[] parts, int index) {
            try {
                return index < parts.length ? Integer.parseInt(parts[index]) : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        @Override
        public int compareTo(Version o) {
            int c = Integer.compare(major, o.major);
            c = c != 0 ? c : Integer.compare(minor, o.minor);
            c = c != 0 ? c : Integer.compare(micro, o.micro);
            return c != 0 ? c : qualifier.compareTo(o.qualifier);
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + micro + (qualifier.isEmpty() ? "" : "." + qualifier);
        }
    }
}
