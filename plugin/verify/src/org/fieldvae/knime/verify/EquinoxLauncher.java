package org.fieldvae.knime.verify;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.core.runtime.adaptor.EclipseStarter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Runs {@link HeadlessChecks} inside Equinox, as KNIME runs: KNIME's core classes need the OSGi framework (their
 * bundle, the platform's instance location, the extension registry filled from the resolved bundles).
 *
 * <p>Starts the framework with {@link EclipseStarter} (instance, configuration and user areas in a fresh folder of the
 * work folder), installs every bundle of the plugins folder (every version: KNIME's bundles require some libraries,
 * e.g. Guava, in more than one) and the given bundle folders (the FieldVAE bundle, its native fragment, the checks as a
 * fragment of it), resolves them, starts what an Eclipse product starts eagerly ({@link #EAGER}) and marks the lazy
 * bundles for activation on first class load. Then it calls {@code HeadlessChecks.run} through the FieldVAE bundle's
 * class loader.
 *
 * <p>usage: {@code EquinoxLauncher PLUGINS_FOLDER REPOSITORY WORK_FOLDER BUNDLE_FOLDER...}; exits with the checks'
 * status, 1 when the framework or a bundle needed by the checks does not come up.
 */
public final class EquinoxLauncher {

    private static final String FIELDVAE = "org.fieldvae.knime";
    /**
     * Started eagerly when present, as an Eclipse product's {@code osgi.bundles} and p2's configuration start them:
     * Declarative Services, the ServiceLoader mediator (slf4j 2 finds KNIME's binding through it), the runtime.
     */
    private static final List<String> EAGER = List.of("org.apache.felix.scr",
            "org.apache.aries.spifly.dynamic.bundle", "org.eclipse.equinox.common", "org.eclipse.equinox.registry",
            "org.eclipse.core.runtime");

    private EquinoxLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: EquinoxLauncher PLUGINS_FOLDER REPOSITORY WORK_FOLDER BUNDLE_FOLDER...");
            System.exit(2);
        }
        Path plugins = Path.of(args[0]);
        Path repo = Path.of(args[1]);
        Path work = Path.of(args[2]).toAbsolutePath();
        BundleFolder.requireDirectory(plugins);
        int status;
        EclipseStarter.setInitialProperties(properties(work));
        BundleContext context = EclipseStarter.startup(new String[0], null);
        try {
            status = run(context, plugins, args, repo, work);
        } finally {
            EclipseStarter.shutdown();
        }
        System.exit(status);
    }

    private static int run(BundleContext context, Path plugins, String[] args, Path repo, Path work)
            throws Exception {
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(plugins)) {
            for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
                Optional<org.fieldvae.knime.verify.Bundle> b = org.fieldvae.knime.verify.Bundle.read(entry);
                if (b.isPresent() && !b.get().name().equals("org.eclipse.osgi")) {
                    installed.add(context.installBundle("reference:" + entry.toUri()));
                }
            }
        }
        for (int i = 3; i < args.length; i++) {
            installed.add(context.installBundle("reference:" + Path.of(args[i]).toAbsolutePath().toUri()));
        }
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        wiring.resolveBundles(null);
        long batch = installed.stream().filter(b -> b.getState() == Bundle.INSTALLED).count();
        for (Bundle b : installed) { // one by one: a bundle that cannot resolve must not keep the others from it
            if (b.getState() == Bundle.INSTALLED) {
                wiring.resolveBundles(List.of(b));
            }
        }
        List<String> unresolved = unresolved(installed);
        System.out.println("== OSGi: " + installed.size() + " bundles installed, " + unresolved.size()
                + " not resolved (" + batch + " after the first pass; reasons in " + work.resolve("osgi-unresolved.txt")
                + ")");
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(work.resolve("osgi-unresolved.txt")))) {
            unresolved.forEach(out::println);
        }
        Bundle host = bundle(installed, FIELDVAE);
        if (host == null || host.getState() == Bundle.INSTALLED) {
            unresolved.stream().limit(12).forEach(u -> System.out.println("   " + u));
            System.out.println("SUMMARY headless: stopped: the FieldVAE bundle does not resolve in OSGi");
            return 1;
        }
        if (bundle(installed, "org.eclipse.core.runtime") == null) {
            System.out.println("SUMMARY headless: stopped: org.eclipse.core.runtime is not in the plugins folder");
            return 1;
        }
        for (String name : EAGER) {
            Bundle b = bundle(installed, name);
            if (b != null) {
                b.start(Bundle.START_TRANSIENT);
            }
        }
        for (Bundle b : installed) {
            if (isLazy(b) && b.getState() == Bundle.RESOLVED) {
                b.start(Bundle.START_TRANSIENT | Bundle.START_ACTIVATION_POLICY);
            }
        }
        System.out.println("== OSGi: started " + String.join(", ", EAGER) + "; lazy bundles activate on first use");
        ClassLoader loader = host.adapt(BundleWiring.class).getClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        Method checks = host.loadClass("org.fieldvae.knime.verify.HeadlessChecks").getMethod("run", Path.class,
                Path.class);
        return (Integer) checks.invoke(null, repo, work);
    }

    /**
     * The framework's properties: every area in a fresh folder {@code osgi/} of the work folder (an old extension
     * registry cache would hide bundles that did not resolve in an earlier run), no registry cache, no application.
     */
    static Map<String, String> properties(Path work) throws IOException {
        Path osgi = work.resolve("osgi");
        deleteTree(osgi);
        Map<String, String> p = new HashMap<>();
        for (String area : List.of("instance", "configuration", "user", "install")) {
            // the configuration area where Eclipse's PDE puts it when a developer launches KNIME from the SDK: KNIME
            // then knows it has no p2 installation profile (EclipseUtil.isRunFromSDK) and does not look one up
            Path dir = Files.createDirectories(osgi.resolve(area.equals("configuration")
                    ? ".metadata/.plugins/org.eclipse.pde.core/fieldvae-verify" : area));
            p.put("osgi." + area + ".area", dir.toUri().toString());
        }
        p.put("osgi.clean", "true");
        p.put("eclipse.ignoreApp", "true");
        p.put("osgi.noShutdown", "true");
        p.put("eclipse.noRegistryCache", "true");
        return p;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The bundles that did not resolve, each with the resolver's reason (a failed start reports it). */
    private static List<String> unresolved(List<Bundle> installed) {
        List<String> lines = new ArrayList<>();
        for (Bundle b : installed) {
            if (b.getState() != Bundle.INSTALLED) {
                continue;
            }
            String why = "";
            if (!isFragment(b)) {
                try {
                    b.start(Bundle.START_TRANSIENT | Bundle.START_ACTIVATION_POLICY);
                } catch (BundleException e) {
                    why = e.getMessage().replace('\n', ' ');
                }
            }
            lines.add(b.getSymbolicName() + " " + b.getVersion() + ": " + why);
        }
        return lines;
    }

    private static boolean isFragment(Bundle b) {
        return (b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static boolean isLazy(Bundle b) {
        String policy = b.getHeaders("").get(Constants.BUNDLE_ACTIVATIONPOLICY);
        return policy != null && policy.startsWith(Constants.ACTIVATION_LAZY) && !isFragment(b);
    }

    private static Bundle bundle(List<Bundle> installed, String name) {
        for (Bundle b : installed) {
            if (name.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
