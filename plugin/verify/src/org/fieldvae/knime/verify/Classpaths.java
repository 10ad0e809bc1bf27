package org.fieldvae.knime.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;

/**
 * Prints, one entry a line, what the FieldVAE bundle sees of a KNIME {@code plugins/} folder through its manifest:
 * {@code ecj} the compile class path with access rules, {@code runtime} the flat class path of a headless run.
 *
 * <p>usage: {@code Classpaths ecj|runtime PLUGINS_FOLDER PLUGIN_MANIFEST [EXTRA_BUNDLE...]}; the extra bundles
 * (e.g. org.knime.base for the standard nodes of the example workflows) join the run-time closure when present.
 */
public final class Classpaths {

    private Classpaths() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: Classpaths ecj|runtime PLUGINS_FOLDER PLUGIN_MANIFEST [EXTRA_BUNDLE...]");
            System.exit(2);
        }
        Path plugins = Path.of(args[1]);
        BundleFolder.requireDirectory(plugins);
        BundleFolder folder = BundleFolder.read(plugins);
        Attributes plugin = Bundle.manifestFile(Path.of(args[2])).getMainAttributes();
        String self = ManifestClause.parse(plugin.getValue("Bundle-SymbolicName")).get(0).name();
        List<ManifestClause> requires = ManifestClause.parse(plugin.getValue("Require-Bundle"));
        List<ManifestClause> imports = ManifestClause.parse(plugin.getValue("Import-Package"));
        switch (args[0]) {
            case "ecj" -> AccessRules.entries(folder, folder.visibleTo(requires, imports), self)
                    .forEach(System.out::println);
            case "runtime" -> runtime(folder, requires, imports, List.of(args).subList(3, args.length))
                    .forEach(System.out::println);
            default -> {
                System.err.println("unknown mode " + args[0] + " (ecj or runtime)");
                System.exit(2);
            }
        }
    }

    private static Set<Path> runtime(BundleFolder folder, List<ManifestClause> requires, List<ManifestClause> imports,
            List<String> extra) {
        List<ManifestClause> all = new java.util.ArrayList<>(requires);
        for (String name : extra) {
            if (folder.bundle(name).isPresent()) {
                all.add(new ManifestClause(name, Map.of()));
            }
        }
        Set<Path> path = new LinkedHashSet<>();
        for (Bundle b : folder.runtimeClosure(all, imports)) {
            path.addAll(b.classPath());
        }
        return path;
    }
}
