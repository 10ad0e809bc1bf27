package org.fieldvae.knime.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.eclipse.core.runtime.ContributorFactorySimple;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.spi.RegistryStrategy;

/**
 * The Eclipse extension registry outside OSGi (equinox.registry's documented non-OSGi mode: {@code
 * RegistryFactory.createRegistry} with a {@code RegistryStrategy} and the bundles' {@code plugin.xml} added as
 * contributions named by their symbolic names), so that KNIME finds node factories, port types, data types and
 * renderers through its extension points as it does inside the application.
 */
final class ExtensionRegistrySetup {

    private ExtensionRegistrySetup() {
    }

    /** Installs the registry as the default and adds every bundle's plugin.xml, and the FieldVAE bundle's. */
    static int install(List<Bundle> bundles, Path fieldVaePluginXml) throws IOException {
        Object masterToken = new Object();
        IExtensionRegistry registry = RegistryFactory.createRegistry(new RegistryStrategy(null, null), masterToken, null);
        try {
            RegistryFactory.setDefaultRegistryProvider(() -> registry);
        } catch (org.eclipse.core.runtime.CoreException e) {
            throw new IOException(e);
        }
        int added = 0;
        for (Bundle b : bundles) {
            if (b.host() != null) {
                continue;
            }
            if (Files.isDirectory(b.location())) {
                Path xml = b.location().resolve("plugin.xml");
                if (Files.isRegularFile(xml)) {
                    try (InputStream in = Files.newInputStream(xml)) {
                        added += add(registry, in, b.name(), masterToken);
                    }
                }
            } else {
                try (ZipFile zip = new ZipFile(b.location().toFile())) {
                    ZipEntry xml = zip.getEntry("plugin.xml");
                    if (xml != null) {
                        try (InputStream in = zip.getInputStream(xml)) {
                            added += add(registry, in, b.name(), masterToken);
                        }
                    }
                }
            }
        }
        try (InputStream in = Files.newInputStream(fieldVaePluginXml)) {
            added += add(registry, in, "org.fieldvae.knime", masterToken);
        }
        return added;
    }

    private static int add(IExtensionRegistry registry, InputStream in, String name, Object token) {
        return registry.addContribution(in, ContributorFactorySimple.createContributor(name), false, name, null, token)
                ? 1 : 0;
    }
}
