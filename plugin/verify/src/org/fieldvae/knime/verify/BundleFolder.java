package org.fieldvae.knime.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The bundles of a {@code plugins/} folder, the newest version of each symbolic name, and the OSGi wiring a bundle
 * gets from its manifest: which bundles it sees (Require-Bundle with their re-exports, OSGi Core R8 section 3.13.1;
 * Import-Package by the exporting bundle) and their fragments.
 */
final class BundleFolder {

    private final Map<String, Bundle> byName;
    private final Map<String, List<Bundle>> fragmentsByHost;

    private BundleFolder(Map<String, Bundle> byName) {
        this.byName = byName;
        this.fragmentsByHost = new HashMap<>();
        for (Bundle b : byName.values()) {
            if (b.host() != null) {
                fragmentsByHost.computeIfAbsent(b.host(), h -> new ArrayList<>()).add(b);
            }
        }
    }

    /** Reads every bundle directly in {@code plugins} (folders and jars). */
    static BundleFolder read(Path plugins) throws IOException {
        Map<String, Bundle> byName = new LinkedHashMap<>();
        try (Stream<Path> entries = Files.list(plugins)) {
            for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
                Optional<Bundle> bundle = Bundle.read(entry);
                bundle.ifPresent(b -> byName.merge(b.name(), b,
                        (old, neu) -> neu.version().compareTo(old.version()) > 0 ? neu : old));
            }
        }
        return new BundleFolder(byName);
    }

    Optional<Bundle> bundle(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Collection<Bundle> all() {
        return byName.values();
    }

    List<Bundle> fragments(String host) {
        return fragmentsByHost.getOrDefault(host, List.of());
    }

    /**
     * The bundles whose classes a bundle with these headers sees at compile time: each required bundle, the bundles
     * those re-export (transitively), and the exporters of the imported packages (with the package they serve).
     * Missing optional requirements are skipped; a missing mandatory one is an error.
     */
    Map<Bundle, Set<String>> visibleTo(List<ManifestClause> requires, List<ManifestClause> imports) {
        Map<Bundle, Set<String>> visible = new LinkedHashMap<>();
        for (ManifestClause require : requires) {
            addRequired(require, visible);
        }
        for (ManifestClause imported : imports) {
            Bundle exporter = exporterOf(imported.name());
            if (exporter == null) {
                if (!"optional".equals(imported.directive("resolution"))) {
                    throw new IllegalStateException("no bundle exports the imported package " + imported.name());
                }
                continue;
            }
            visible.computeIfAbsent(exporter, b -> new LinkedHashSet<>()).add(imported.name());
        }
        return visible;
    }

    private void addRequired(ManifestClause require, Map<Bundle, Set<String>> visible) {
        Bundle bundle = byName.get(require.name());
        if (bundle == null) {
            if (!"optional".equals(require.directive("resolution"))) {
                throw new IllegalStateException("required bundle " + require.name() + " is not in the plugins folder");
            }
            return;
        }
        if (visible.containsKey(bundle) && visible.get(bundle) == null) {
            return;
        }
        visible.put(bundle, null); // null: every exported package
        for (ManifestClause reexported : bundle.requires()) {
            if ("reexport".equals(reexported.directive("visibility"))) {
                addRequired(reexported, visible);
            }
        }
    }

    private Bundle exporterOf(String packageName) {
        for (Bundle b : byName.values()) {
            for (ManifestClause export : b.exports()) {
                if (export.name().equals(packageName)) {
                    return b;
                }
            }
        }
        return null;
    }

    /**
     * Every bundle a bundle with these headers needs at run time: the required and imported bundles and, transitively,
     * theirs (optional ones when present), with their fragments. This is the flat class path of a run outside OSGi.
     */
    Set<Bundle> runtimeClosure(List<ManifestClause> requires, List<ManifestClause> imports) {
        Set<Bundle> closure = new LinkedHashSet<>();
        List<Bundle> pending = new ArrayList<>(visibleTo(requires, imports).keySet());
        while (!pending.isEmpty()) {
            Bundle b = pending.remove(pending.size() - 1);
            if (!closure.add(b)) {
                continue;
            }
            pending.addAll(fragments(b.name()));
            for (ManifestClause r : b.requires()) {
                bundle(r.name()).ifPresent(pending::add);
            }
            for (ManifestClause i : b.imports()) {
                Bundle exporter = exporterOf(i.name());
                if (exporter != null) {
                    pending.add(exporter);
                }
            }
        }
        return closure;
    }

    static void requireDirectory(Path plugins) {
        if (!Files.isDirectory(plugins)) {
            throw new UncheckedIOException(new IOException("not a plugins folder: " + plugins));
        }
    }
}
