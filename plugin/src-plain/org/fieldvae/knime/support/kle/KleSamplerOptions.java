package org.fieldvae.knime.support.kle;

import java.util.function.Supplier;

import org.fieldvae.generate.GenerateSettings;
import org.fieldvae.kle.CovarianceKernel;
import org.fieldvae.kle.KleSettings;
import org.fieldvae.kle.SampleDesign;
import org.fieldvae.kle.ThetaDistribution;

/**
 * The options of the KLE Permeability Sampler node, one-to-one with its dialog, mapped to the engine's
 * {@link KleSettings} and the arguments of {@code PermeabilitySampler.sample}. Validated on construction: an invalid
 * value throws an {@link IllegalArgumentException} whose message starts with the option's dialog title (the
 * {@code *_TITLE} constants, which the dialog's {@code @Widget} uses too) and carries the engine's reason.
 *
 * @param grid n, nodes per side, at least 3 (paper: 65)
 * @param kernel covariance kernel (paper: exponential, Eq. 18)
 * @param length correlation length l in units of the domain side, > 0 (paper: 0.1)
 * @param variance pointwise variance s2 of the log-permeability, > 0 (paper: 1)
 * @param modes p, number of KLE modes kept, in [1, n^2] (paper: 2)
 * @param mean m, mean of the log-permeability G, finite (paper: 0)
 * @param distribution p(theta)
 * @param design Monte Carlo or Latin hypercube
 * @param count number of samples N, at least 1
 * @param seed seed of the theta draws
 */
public record KleSamplerOptions(int grid, CovarianceKernel kernel, double length, double variance, int modes,
    double mean, ThetaChoice distribution, SampleDesign design, int count, long seed) {

    /** Dialog title of {@link #grid()}. */
    public static final String GRID_TITLE = "Grid nodes per side";
    /** Dialog title of {@link #kernel()}. */
    public static final String KERNEL_TITLE = "Covariance kernel";
    /** Dialog title of {@link #length()}. */
    public static final String LENGTH_TITLE = "Correlation length";
    /** Dialog title of {@link #variance()}. */
    public static final String VARIANCE_TITLE = "Variance of log-permeability";
    /** Dialog title of {@link #modes()}. */
    public static final String MODES_TITLE = "Number of KLE modes";
    /** Dialog title of {@link #mean()}. */
    public static final String MEAN_TITLE = "Mean of log-permeability";
    /** Dialog title of {@link #distribution()}. */
    public static final String DISTRIBUTION_TITLE = "Distribution of theta";
    /** Dialog title of {@link #design()}. */
    public static final String DESIGN_TITLE = "Sample design";
    /** Dialog title of {@link #count()}. */
    public static final String COUNT_TITLE = "Number of samples";
    /** Dialog title of {@link #seed()}. */
    public static final String SEED_TITLE = "Seed";

    public KleSamplerOptions {
        kle(grid, kernel, length, variance, modes);
        named(MEAN_TITLE, () -> {
            if (!Double.isFinite(mean)) {
                throw new IllegalArgumentException("mean = " + mean + ": must be finite");
            }
            return mean;
        });
        if (distribution == null) {
            throw new IllegalArgumentException(DISTRIBUTION_TITLE + ": must be given");
        }
        distribution.distribution(modes, DISTRIBUTION_TITLE);
        if (design == null) {
            throw new IllegalArgumentException(DESIGN_TITLE + ": must be Monte Carlo or Latin hypercube");
        }
        if (count < 1) {
            throw new IllegalArgumentException(COUNT_TITLE + ": count = " + count + ": must be at least 1");
        }
    }

    /**
     * @return the engine's defaults: {@link KleSettings#defaults()} (the paper's KLE2) and the mean, distribution,
     *         design, sample count and seed of {@link GenerateSettings#defaults()}
     */
    public static KleSamplerOptions defaults() {
        final GenerateSettings g = GenerateSettings.defaults();
        return fromEngine(g.kle(), g.mean(), g.distribution(), g.design(), g.samples(), g.seed());
    }

    /**
     * The options that give these engine settings; the distribution becomes a spec string choice.
     *
     * @param kle the KLE settings
     * @param mean m
     * @param spec a {@code --dist} spec
     * @param design the sample design
     * @param count N
     * @param seed the seed
     * @return the options
     */
    public static KleSamplerOptions fromEngine(final KleSettings kle, final double mean, final String spec,
        final SampleDesign design, final int count, final long seed) {
        final ThetaChoice dist = "normal".equals(spec) ? ThetaChoice.defaults() : ThetaChoice.ofSpec(spec);
        return new KleSamplerOptions(kle.grid(), kle.kernel(), kle.length(), kle.variance(), kle.modes(), mean, dist,
            design, count, seed);
    }

    /** @return the engine's KLE settings */
    public KleSettings kle() {
        return kle(grid, kernel, length, variance, modes);
    }

    /** @return p(theta), of dimension {@link #modes()} */
    public ThetaDistribution thetaDistribution() {
        return distribution.distribution(modes, DISTRIBUTION_TITLE);
    }

    /**
     * Builds the record one setting at a time from the defaults, so an error is blamed on the option that caused
     * it: each step can fail only for its own value (the default p = 2 fits every valid grid, and p is set last).
     */
    private static KleSettings kle(final int grid, final CovarianceKernel kernel, final double length,
        final double variance, final int modes) {
        final KleSettings g = named(GRID_TITLE, () -> KleSettings.defaults().withGrid(grid));
        final KleSettings k = named(KERNEL_TITLE, () -> g.withKernel(kernel));
        final KleSettings l = named(LENGTH_TITLE, () -> k.withLength(length));
        final KleSettings v = named(VARIANCE_TITLE, () -> l.withVariance(variance));
        return named(MODES_TITLE, () -> v.withModes(modes));
    }

    private static <T> T named(final String title, final Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(title + ": " + e.getMessage(), e);
        }
    }
}
