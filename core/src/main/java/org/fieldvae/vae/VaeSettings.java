package org.fieldvae.vae;

import java.util.Arrays;
import java.util.Objects;

import org.fieldvae.Check;
import org.fieldvae.nn.InitScheme;

/**
 * Everything that defines a DenseVAE and its training: the architecture of docs/paper-facts.md ("Network"),
 * the prior, the loss scale and the training schedule. Arrays are copied in and out.
 *
 * @param grid              nodes per side n of the input fields, n = 2^k + 1 (65 in the paper); >= 17
 * @param channels          field channels (3: pressure, u_x1, u_x2)
 * @param blocks            layers per dense block, odd count: the first half (rounded down) in the
 *                          encoder, the rest in the decoder; paper [4, 6, 4]
 * @param growth            feature maps each dense layer adds (paper 4)
 * @param initialFeatures   feature maps of the first convolution (paper 2)
 * @param latent            latent dimension (paper 2), >= 1
 * @param init              weight initialisation (paper: Xavier uniform)
 * @param prior             prior of the latent space
 * @param priorVariances    variances of the {@link PriorKind#SCALED} prior, one per latent dimension
 *                          (ignored by the other priors; must then have length latent)
 * @param lossScale         normalisation of the loss terms (authors' per-pixel scale by default)
 * @param logVarianceBound  latent and output log-variances are clipped to [-bound, bound] before use
 *                          (the authors clip nothing; the bound keeps a diverging run finite)
 * @param epochs            training epochs (plain 6500, HP 14000), >= 0
 * @param recEpochs         reconstruction-only epochs at the start (plain 4000, HP 6500), in [0, epochs]
 * @param batch             minibatch size (64)
 * @param lrBoundaries      epochs at which the learning rate changes, increasing
 * @param lrValues          learning rates, one more than boundaries: lrValues[i] holds for epochs
 *                          before lrBoundaries[i]
 * @param betaSchedule      schedule of beta after the reconstruction-only phase
 * @param beta0             beta during the reconstruction-only phase and the Klushyn scheduler's start (1e-9)
 * @param nu                Klushyn step size nu (0.005)
 * @param tau               Klushyn tau (1)
 * @param fixedBeta         beta of {@link BetaScheduleKind#FIXED}, and the maximum of {@link BetaScheduleKind#CYCLICAL}
 * @param cycles            cycles of {@link BetaScheduleKind#CYCLICAL} over the post-reconstruction epochs
 * @param cycleRatio        fraction of each cycle during which beta rises (Fu et al.: 0.5)
 * @param subLatentSchedule with the hierarchical prior: weight the sub-latent KL by a Klushyn-type
 *                          beta_p driven by the mean of -log p(z|xi) (paper Appendix B)
 * @param betaP0            starting value of beta_p (1e-8)
 * @param seed              seed of initialisation, shuffling and the reparameterisation noise
 * @param checkpointEvery   write a checkpoint every this many epochs (and at the end), >= 1
 * @param semiSupervised    add -log q(z = theta | y) for labelled samples (Eq. 29)
 * @param outputVarianceStart where the output log-variance starts: {@link OutputVarianceStart#ZERO} (the
 *                          paper's, the default) or the data's per-pixel variance
 * @param outputVarianceRate  the output log-variance's learning rate as a multiple of the network's, in
 *                          [1e-3, 1e3]: 1 is the paper's; a larger one lets a short run's log-variance reach
 *                          its optimum (see {@link OutputVarianceStart}). Absent (0) in older model files: 1
 * @param hpDecoder         the hierarchical prior's decoder network p(z|xi): the intended one or the one the
 *                          authors' code ran ({@link HpDecoder}); ignored by the other priors
 */
public record VaeSettings(int grid, int channels, int[] blocks, int growth, int initialFeatures, int latent,
        InitScheme init, PriorKind prior, double[] priorVariances, LossScale lossScale, double logVarianceBound,
        int epochs, int recEpochs, int batch, int[] lrBoundaries, double[] lrValues,
        BetaScheduleKind betaSchedule, double beta0, double nu, double tau, double fixedBeta, int cycles,
        double cycleRatio, boolean subLatentSchedule, double betaP0, long seed, int checkpointEvery,
        boolean semiSupervised, OutputVarianceStart outputVarianceStart, double outputVarianceRate,
        HpDecoder hpDecoder) {

    public VaeSettings {
        // absent from the settings.json of models saved before it existed: those ran the intended network
        hpDecoder = hpDecoder == null ? HpDecoder.INTENDED : hpDecoder;
        // absent from the settings.json of models saved before it existed: those started at 0
        outputVarianceStart = outputVarianceStart == null ? OutputVarianceStart.ZERO : outputVarianceStart;
        outputVarianceRate = outputVarianceRate == 0.0 ? 1.0 : outputVarianceRate;
        Check.inRange("outputVarianceRate", outputVarianceRate, 1e-3, 1e3);
        Check.atLeast("grid", grid, 17);
        Check.that(Integer.bitCount(grid - 1) == 1, "grid", "= " + grid + ": must be 2^k + 1 (17, 33, 65, 129, ...)");
        Check.atLeast("channels", channels, 1);
        Objects.requireNonNull(blocks, "blocks");
        Check.that(blocks.length >= 3 && blocks.length % 2 == 1, "blocks",
                "= " + Arrays.toString(blocks) + ": must have an odd number (>= 3) of dense blocks");
        for (int b : blocks) {
            Check.atLeast("blocks (layers per dense block)", b, 1);
        }
        int encoderBlocks = blocks.length / 2;
        Check.that((grid - 1) >> (encoderBlocks + 1) >= 2, "grid",
                "= " + grid + ": too small for " + encoderBlocks + " encoder blocks (the coarsest map must be >= 2 x 2)");
        Check.atLeast("growth", growth, 1);
        Check.atLeast("initialFeatures", initialFeatures, 1);
        Check.atLeast("latent", latent, 1);
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(lossScale, "lossScale");
        Objects.requireNonNull(betaSchedule, "betaSchedule");
        priorVariances = priorVariances == null ? null : priorVariances.clone();
        if (prior == PriorKind.SCALED) {
            Check.that(priorVariances != null && priorVariances.length == latent, "priorVariances",
                    "must give one variance per latent dimension (" + latent + ") for the scaled prior");
            for (double v : priorVariances) {
                Check.positive("priorVariances", v);
            }
        }
        Check.inRange("logVarianceBound", logVarianceBound, 1.0, 80.0);
        Check.atLeast("epochs", epochs, 0);
        Check.inRange("recEpochs", recEpochs, 0, epochs);
        Check.atLeast("batch", batch, 2);
        Objects.requireNonNull(lrBoundaries, "lrBoundaries");
        Objects.requireNonNull(lrValues, "lrValues");
        blocks = blocks.clone();
        lrBoundaries = lrBoundaries.clone();
        lrValues = lrValues.clone();
        Check.that(lrValues.length == lrBoundaries.length + 1, "lrValues",
                "must have one more entry than lrBoundaries");
        for (int i = 0; i < lrBoundaries.length; i++) {
            Check.atLeast("lrBoundaries", lrBoundaries[i], i == 0 ? 1 : lrBoundaries[i - 1] + 1);
        }
        for (double lr : lrValues) {
            Check.positive("lrValues (learning rate)", lr);
        }
        Check.positive("beta0", beta0);
        Check.positive("nu", nu);
        Check.positive("tau", tau);
        Check.nonNegative("fixedBeta", fixedBeta);
        Check.atLeast("cycles", cycles, 1);
        Check.inRange("cycleRatio", cycleRatio, 1e-6, 1.0);
        Check.positive("betaP0", betaP0);
        Check.that(!subLatentSchedule || prior == PriorKind.HIERARCHICAL, "subLatentSchedule",
                "needs the hierarchical prior");
        Check.atLeast("checkpointEvery", checkpointEvery, 1);
    }

    /**
     * The defaults of docs/paper-facts.md ("Training schedule"): the paper's net at 65 x 65, batch 64, Adam; plain: 6500 epochs, 4000
     * reconstruction-only, lr 5e-4 then 1e-4 from epoch 5900; hierarchical: 14000 epochs, 6500
     * reconstruction-only, lr 3e-4, 5e-5 from 6499, 2.5e-5 from 12500.
     */
    public static VaeSettings defaults(boolean hierarchical) {
        return hierarchical
                ? new VaeSettings(65, 3, new int[] {4, 6, 4}, 4, 2, 2, InitScheme.XAVIER_UNIFORM,
                        PriorKind.HIERARCHICAL, null, LossScale.PER_PIXEL, 15.0, 14000, 6500, 64,
                        new int[] {6499, 12500}, new double[] {3e-4, 5e-5, 2.5e-5}, BetaScheduleKind.KLUSHYN,
                        1e-9, 0.005, 1.0, 1.0, 4, 0.5, false, 1e-8, 1L, 100, false, OutputVarianceStart.ZERO, 1.0,
                        HpDecoder.INTENDED)
                : new VaeSettings(65, 3, new int[] {4, 6, 4}, 4, 2, 2, InitScheme.XAVIER_UNIFORM,
                        PriorKind.STANDARD, null, LossScale.PER_PIXEL, 15.0, 6500, 4000, 64,
                        new int[] {5900}, new double[] {5e-4, 1e-4}, BetaScheduleKind.KLUSHYN,
                        1e-9, 0.005, 1.0, 1.0, 4, 0.5, false, 1e-8, 1L, 100, false, OutputVarianceStart.ZERO, 1.0,
                        HpDecoder.INTENDED);
    }

    @Override
    public int[] blocks() {
        return blocks.clone();
    }

    @Override
    public double[] priorVariances() {
        return priorVariances == null ? null : priorVariances.clone();
    }

    @Override
    public int[] lrBoundaries() {
        return lrBoundaries.clone();
    }

    @Override
    public double[] lrValues() {
        return lrValues.clone();
    }

    /** The architecture: grid, dense blocks, growth rate, initial features, latent dimension. */
    public VaeSettings withArchitecture(int grid, int[] blocks, int growth, int initialFeatures, int latent) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                checkpointEvery, semiSupervised, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    public VaeSettings withLatent(int latent) {
        return withArchitecture(grid, blocks, growth, initialFeatures, latent);
    }

    public VaeSettings withInit(InitScheme init) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                checkpointEvery, semiSupervised, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    /** @param variances the variances of the scaled prior, or null for the other priors */
    public VaeSettings withPrior(PriorKind prior, double[] variances) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                variances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio,
                subLatentSchedule && prior == PriorKind.HIERARCHICAL, betaP0, seed, checkpointEvery, semiSupervised,
                outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    public VaeSettings withLossScale(LossScale lossScale) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                checkpointEvery, semiSupervised, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    /** Epochs, reconstruction-only epochs and batch size. */
    public VaeSettings withTraining(int epochs, int recEpochs, int batch) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                checkpointEvery, semiSupervised, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    public VaeSettings withEpochs(int epochs, int recEpochs) {
        return withTraining(epochs, recEpochs, batch);
    }

    public VaeSettings withBatch(int batch) {
        return withTraining(epochs, recEpochs, batch);
    }

    public VaeSettings withLearningRate(int[] boundaries, double[] values) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, boundaries, values,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                checkpointEvery, semiSupervised, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    /** A constant learning rate. */
    public VaeSettings withLearningRate(double lr) {
        return withLearningRate(new int[0], new double[] {lr});
    }

    /** The Klushyn scheduler with the given start, nu and tau. */
    public VaeSettings withKlushynBeta(double beta0, double nu, double tau) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                BetaScheduleKind.KLUSHYN, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule,
                betaP0, seed, checkpointEvery, semiSupervised, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    /** The beta-VAE: beta fixed after the reconstruction-only phase. */
    public VaeSettings withFixedBeta(double beta) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                BetaScheduleKind.FIXED, beta0, nu, tau, beta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                checkpointEvery, semiSupervised, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    /** Cyclical annealing to maxBeta over the given number of cycles with the given rising ratio. */
    public VaeSettings withCyclicalBeta(double maxBeta, int cycles, double ratio) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                BetaScheduleKind.CYCLICAL, beta0, nu, tau, maxBeta, cycles, ratio, subLatentSchedule, betaP0,
                seed, checkpointEvery, semiSupervised, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    public VaeSettings withSubLatentSchedule(boolean on, double betaP0) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, on, betaP0, seed, checkpointEvery,
                semiSupervised, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    public VaeSettings withSeed(long seed) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                checkpointEvery, semiSupervised, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    public VaeSettings withCheckpointEvery(int epochs) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, this.epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                epochs, semiSupervised, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    public VaeSettings withSemiSupervised(boolean on) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                checkpointEvery, on, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    public VaeSettings withOutputVarianceStart(OutputVarianceStart start) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                checkpointEvery, semiSupervised, start, outputVarianceRate, hpDecoder);
    }

    /** The output log-variance's learning rate as a multiple of the network's (1: the paper's). */
    public VaeSettings withOutputVarianceRate(double factor) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                checkpointEvery, semiSupervised, outputVarianceStart, factor, hpDecoder);
    }

    /** The same piecewise learning rate scaled so that its first rate is {@code first}. */
    public VaeSettings withLearningRateScaledTo(double first) {
        Check.positive("learning rate", first);
        double[] values = lrValues.clone();
        double factor = first / values[0];
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return withLearningRate(lrBoundaries, values);
    }

    public VaeSettings withHpDecoder(HpDecoder decoder) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, logVarianceBound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                checkpointEvery, semiSupervised, outputVarianceStart, outputVarianceRate, decoder);
    }

    public VaeSettings withLogVarianceBound(double bound) {
        return new VaeSettings(grid, channels, blocks, growth, initialFeatures, latent, init, prior,
                priorVariances, lossScale, bound, epochs, recEpochs, batch, lrBoundaries, lrValues,
                betaSchedule, beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed,
                checkpointEvery, semiSupervised, outputVarianceStart, outputVarianceRate, hpDecoder);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaeSettings s && toString().equals(s.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "VaeSettings[grid=" + grid + ", channels=" + channels + ", blocks=" + Arrays.toString(blocks)
                + ", growth=" + growth + ", initialFeatures=" + initialFeatures + ", latent=" + latent
                + ", init=" + init + ", prior=" + prior + ", priorVariances=" + Arrays.toString(priorVariances)
                + ", lossScale=" + lossScale + ", logVarianceBound=" + logVarianceBound + ", epochs=" + epochs
                + ", recEpochs=" + recEpochs + ", batch=" + batch + ", lrBoundaries=" + Arrays.toString(lrBoundaries)
                + ", lrValues=" + Arrays.toString(lrValues) + ", betaSchedule=" + betaSchedule + ", beta0=" + beta0
                + ", nu=" + nu + ", tau=" + tau + ", fixedBeta=" + fixedBeta + ", cycles=" + cycles
                + ", cycleRatio=" + cycleRatio + ", subLatentSchedule=" + subLatentSchedule + ", betaP0=" + betaP0
                + ", seed=" + seed + ", checkpointEvery=" + checkpointEvery + ", semiSupervised=" + semiSupervised
                + ", outputVarianceStart=" + outputVarianceStart + ", outputVarianceRate=" + outputVarianceRate
                + ", hpDecoder=" + hpDecoder + "]";
    }
}
