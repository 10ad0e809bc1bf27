package org.fieldvae.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.fieldvae.darcy.DarcySettings;
import org.fieldvae.field.Precision;
import org.fieldvae.generate.DatasetGenerator;
import org.fieldvae.generate.GenerateSettings;
import org.fieldvae.kle.CovarianceKernel;
import org.fieldvae.kle.KleSettings;
import org.fieldvae.kle.SampleDesign;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fieldvae generate}: a KLE permeability + Darcy flow dataset in the paper's HDF5 layout. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A KLE permeability and Darcy flow dataset in the paper's HDF5 layout.",
            "Samples theta, builds K = exp(m + sum sqrt(lambda_i) theta_i phi_i) from the KLE of an "
                + "exponential covariance, solves Darcy flow for pressure and velocity, and writes an HDF5 dataset "
                + "(generative_params N x p, permeability N x 1 x n x n, output N x 3 x n x n)."})
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    KleOptions kle = new KleOptions();

    @Option(names = "--mean", defaultValue = "0", description = "Mean m of the log-permeability (default ${DEFAULT-VALUE}).")
    double mean;

    @Option(names = "--dist", defaultValue = "normal", description = {"Distribution of theta (default ${DEFAULT-VALUE}):",
            "normal | gaussian:mean=1,1:var=0.5,0.5 | mixture:means=-1,-1;1,1;-1,1;1,-1:var=0.25 | "
                + "bimodal:at=1:sd=0.25 | uniform:low=-3:high=3"})
    String dist;

    @Option(names = "--n", defaultValue = "512", description = "Number of samples (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--design", defaultValue = "lhs", description = "lhs (Latin hypercube) or mc (Monte Carlo); default ${DEFAULT-VALUE}.")
    String design;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the theta draws (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--precision", defaultValue = "float32",
            description = "float32 (what the authors' loader expects) or float64; default ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--out", description = "Output HDF5 file (default kle<p>_<design><n>.hdf5, the paper's naming).")
    Path out;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        GenerateSettings settings = settings();
        Path target = output.check(out != null ? out
                : Path.of("kle" + settings.kle().modes() + "_" + design.toLowerCase() + samples + ".hdf5"));
        try (OutputOptions.Locks locks = OutputOptions.lock(target); ConsoleProgress progress = ConsoleProgress.onStderr()) {
            DatasetGenerator.GenerateResult result = DatasetGenerator.generate(settings, target, output.force, progress);
            System.err.printf("wrote %d samples to %s in %.2f s (KLE residual %.1e, captured variance %.4f)%n",
                    result.samples(), target, result.seconds(), result.kleResidual(), result.capturedVariance());
        }
        return 0;
    }

    GenerateSettings settings() {
        KleSettings basis = kle.settings();
        return new GenerateSettings(basis, mean, dist, SampleDesign.parse(design), samples, seed,
                DarcySettings.defaults(), Precisions.parse(precision), GenerateSettings.defaults().chunk());
    }

    /** Parses float32/float64. */
    static final class Precisions {
        private Precisions() {
        }

        static Precision parse(String text) {
            return switch (text.toLowerCase()) {
                case "float32", "single" -> Precision.FLOAT32;
                case "float64", "double" -> Precision.FLOAT64;
                default -> throw new IllegalArgumentException("--precision = " + text + ": must be float32 or float64");
            };
        }
    }

    /** The options of the KLE basis, shared by {@code kle-basis} and {@code generate}. */
    static final class KleOptions {
        @Option(names = "--grid", defaultValue = "65", description = "Nodes per side n, n >= 3 (default ${DEFAULT-VALUE}).")
        int grid;

        @Option(names = "--modes", defaultValue = "2", description = "KLE modes p, 1 <= p <= n^2 (default ${DEFAULT-VALUE}).")
        int modes;

        @Option(names = "--length", defaultValue = "0.1", description = "Correlation length l > 0 (default ${DEFAULT-VALUE}).")
        double length;

        @Option(names = "--variance", defaultValue = "1", description = "Pointwise variance s2 > 0 (default ${DEFAULT-VALUE}).")
        double variance;

        @Option(names = "--kernel", defaultValue = "exponential",
                description = "exponential (s2 exp(-|x-x'|/l), the paper's) or squared-exponential; default ${DEFAULT-VALUE}.")
        String kernel;

        KleSettings settings() {
            return new KleSettings(grid, CovarianceKernel.parse(kernel), length, variance, modes);
        }
    }
}
