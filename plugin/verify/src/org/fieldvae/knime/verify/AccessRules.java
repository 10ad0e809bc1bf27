package org.fieldvae.knime.verify;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Eclipse compiler's class path entries with access rules ({@code path[+a/b/*:~c/*:-**&#47;*]}, the rules
 * separated by the platform's path separator as {@code ecj -help} says), as PDE gives a
 * bundle in the IDE: a package another bundle exports is accessible, one it exports as {@code x-internal} or to
 * {@code x-friends} that do not include this bundle is discouraged, and everything else is forbidden (Eclipse help,
 * "Access rules" of the Java build path; OSGi Core R8 for Export-Package, Equinox for x-internal and x-friends).
 */
final class AccessRules {

    private AccessRules() {
    }

    /** One class path entry per class path element of each visible bundle (and its fragments). */
    static List<String> entries(BundleFolder folder, Map<Bundle, Set<String>> visible, String self) {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<Bundle, Set<String>> e : visible.entrySet()) {
            List<Bundle> withFragments = new ArrayList<>();
            withFragments.add(e.getKey());
            withFragments.addAll(folder.fragments(e.getKey().name()));
            for (Bundle b : withFragments) {
                String rules = rules(b, e.getValue(), self);
                for (Path element : b.classPath()) {
                    entries.add(element + "[" + rules + "]");
                }
            }
        }
        return entries;
    }

    /** The rules of one bundle: {@code imported} null means the bundle is required (all its exports count). */
    static String rules(Bundle bundle, Set<String> imported, String self) {
        StringBuilder rules = new StringBuilder();
        for (ManifestClause export : bundle.exports()) {
            if (imported != null && !imported.contains(export.name())) {
                continue;
            }
            String pattern = export.name().replace('.', '/') + "/*";
            rules.append(accessible(export, self) ? "+" : "~").append(pattern).append(File.pathSeparatorChar);
        }
        return rules.append("-**/*").toString();
    }

    private static boolean accessible(ManifestClause export, String self) {
        if ("true".equals(export.directive("x-internal"))) {
            return false;
        }
        String friends = export.directive("x-friends");
        if (friends == null) {
            return true;
        }
        for (String friend : friends.split(",")) {
            if (friend.trim().equals(self)) {
                return true;
            }
        }
        return false;
    }
}
