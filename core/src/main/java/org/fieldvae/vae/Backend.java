package org.fieldvae.vae;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Chooses the native variant of ND4J before it loads and says which one ran. The oneDNN build
 * ({@code -onednn-avx512}) trains the DenseVAE about an order of magnitude faster than the generic one
 * (docs/dl4j-notes.md, "Native variants"), but needs AVX-512; on other CPUs the portable generic build is used.
 *
 * <p>JavaCPP reads {@code org.bytedeco.javacpp.platform.extension} once, when ND4J's native library is
 * first loaded, so {@link #ensureLoaded()} must run before the first {@code Nd4j} call of the process;
 * every class of this package that touches ND4J calls it. A value the user already set is respected.
 */
final class Backend {
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String ONEDNN = "-onednn-avx512";
    private static volatile String description;

    private Backend() {
    }

    /**
     * Picks the variant (once per process), loads ND4J and returns a description of what loaded, such as
     * "ND4J 1.0.0-M2.1 CpuBackend (oneDNN, 2 threads)".
     */
    static synchronized String ensureLoaded() {
        if (description == null) {
            if (System.getProperty(EXTENSION_PROPERTY) == null && hasAvx512()) {
                System.setProperty(EXTENSION_PROPERTY, ONEDNN);
            }
            if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
                System.setProperty("org.bytedeco.javacpp.cachedir",
                        Path.of(System.getProperty("user.home"), ".cache", "fieldvae", "javacpp").toString());
            }
            String backend = Nd4j.getBackend().getClass().getSimpleName();
            // what actually loaded (ND4J may have been loaded before this class set the property)
            String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            String variant = build.contains("HAVE_ONEDNN") ? "oneDNN" : "generic, no oneDNN";
            description = "ND4J 1.0.0-M2.1 " + backend + " (" + variant + ", "
                    + Nd4j.getEnvironment().maxThreads() + " threads)";
        }
        return description;
    }

    /**
     * Whether ND4J runs on the CPU. The plain-Java kernels work on the arrays' host memory; on a GPU backend every
     * call moves the arrays between device and host, so kernels with a libnd4j alternative leave it to libnd4j there.
     */
    static boolean onCpu() {
        ensureLoaded();
        return Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu");
    }

    /**
     * After a write through an NIO view of an array: on a GPU backend that view is the host copy, which is tagged
     * here as the newest, so that the next op on the device copies it back (ND4J's CudaAffinityManager ticks the
     * allocation point's host write). On the CPU backend this is a no-op. Reasoned from ND4J's classes, not run here.
     */
    static void hostCopyWritten(INDArray a) {
        Nd4j.getAffinityManager().tagLocation(a, AffinityManager.Location.HOST);
    }

    private static boolean hasAvx512() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            return Files.isReadable(cpuinfo)
                    && Files.readString(cpuinfo).toLowerCase(Locale.ROOT).contains(" avx512f");
        } catch (IOException e) {
            return false;
        }
    }
}
