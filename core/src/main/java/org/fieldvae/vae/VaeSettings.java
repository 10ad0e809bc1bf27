package org.fieldvae.vae;

import java.util.Objects;

import org.fieldvae.Check;
import org.fieldvae.nn.InitScheme;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything that defines a DenseVAE and its training, in five groups so that a reader (and the CLI's help,
 * the sweep spec, the KNIME dialog) meets a few settings at a time; docs/design.md ("Settings") lists them.
 * Each group validates itself; this record checks only what spans two groups (the scaled prior's variances
 * against the latent dimension).
 *
 * <p>A model's {@code settings.json} holds the groups as nested objects. Files written before the groups
 * existed hold one flat object of every setting; they still load ({@link SettingsJson}).
 *
 * @param architecture the network (grid, dense blocks, latent dimension, initialisation)
 * @param priorAndLoss the prior and the terms of the loss
 * @param schedule     epochs, minibatch, learning rate, output log-variance
 * @param beta         how beta moves after the reconstruction-only phase
 * @param run          seed and checkpoint interval
 */
public record VaeSettings(Architecture architecture, PriorAndLoss priorAndLoss, Schedule schedule, BetaPlan beta,
        RunOptions run) {

    public VaeSettings {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(priorAndLoss, "priorAndLoss");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(beta, "beta");
        Objects.requireNonNull(run, "run");
        checkPriorVariances(priorAndLoss, architecture.latent());
    }

    private static void checkPriorVariances(PriorAndLoss p, int latent) {
        if (p.prior() == PriorKind.SCALED) {
            double[] variances = p.priorVariances();
            Check.that(variances != null && variances.length == latent, "priorVariances",
                    "must give one variance per latent dimension (" + latent + ") for the scaled prior");
            for (double v : variances) {
                Check.positive("priorVariances", v);
            }
        }
    }

    /** Reads either form of {@code settings.json}: the nested groups or the flat object of older files. */
    @JsonCreator
    static VaeSettings fromJson(JsonNode node) {
        return SettingsJson.read(node);
    }

    /**
     * The defaults of docs/paper-facts.md ("Network", "Training schedule"): the paper's net at 65 x 65, batch
     * 64, Adam, Klushyn's beta; the plain or the hierarchical prior's epochs and learning rates (see
     * {@link Schedule#defaults}); seed 1, a checkpoint every 100 epochs.
     */
    public static VaeSettings defaults(boolean hierarchical) {
        return new VaeSettings(Architecture.defaults(), PriorAndLoss.defaults(hierarchical),
                Schedule.defaults(hierarchical), BetaPlan.defaults(), RunOptions.defaults());
    }

    /** Whether the prior is the hierarchical one, which has its own schedule defaults and sub-latent KL. */
    public boolean hierarchical() {
        return priorAndLoss.prior() == PriorKind.HIERARCHICAL;
    }

    public VaeSettings with(Architecture value) {
        return new VaeSettings(value, priorAndLoss, schedule, beta, run);
    }

    public VaeSettings with(PriorAndLoss value) {
        return new VaeSettings(architecture, value, schedule, beta, run);
    }

    public VaeSettings with(Schedule value) {
        return new VaeSettings(architecture, priorAndLoss, value, beta, run);
    }

    public VaeSettings with(BetaPlan value) {
        return new VaeSettings(architecture, priorAndLoss, schedule, value, run);
    }

    public VaeSettings with(RunOptions value) {
        return new VaeSettings(architecture, priorAndLoss, schedule, beta, value);
    }

    /** The architecture: grid, dense blocks, growth rate, initial features, latent dimension. */
    public VaeSettings withArchitecture(int grid, int[] blocks, int growth, int initialFeatures, int latent) {
        return with(architecture.withNetwork(grid, blocks, growth, initialFeatures, latent));
    }

    public VaeSettings withLatent(int latent) {
        return with(architecture.withLatent(latent));
    }

    public VaeSettings withInit(InitScheme init) {
        return with(architecture.withInit(init));
    }

    /** @param variances the variances of the scaled prior, or null for the other priors */
    public VaeSettings withPrior(PriorKind prior, double[] variances) {
        return with(priorAndLoss.withPrior(prior, variances));
    }

    public VaeSettings withHpDecoder(HpDecoder decoder) {
        return with(priorAndLoss.withHpDecoder(decoder));
    }

    public VaeSettings withLossScale(LossScale lossScale) {
        return with(priorAndLoss.withLossScale(lossScale));
    }

    public VaeSettings withLogVarianceBound(double bound) {
        return with(priorAndLoss.withLogVarianceBound(bound));
    }

    public VaeSettings withSemiSupervised(boolean on) {
        return with(priorAndLoss.withSemiSupervised(on));
    }

    public VaeSettings withSubLatentSchedule(boolean on, double betaP0) {
        return with(priorAndLoss.withSubLatentSchedule(on, betaP0));
    }

    /** Epochs, reconstruction-only epochs and batch size. */
    public VaeSettings withTraining(int epochs, int recEpochs, int batch) {
        return with(schedule.withTraining(epochs, recEpochs, batch));
    }

    public VaeSettings withEpochs(int epochs, int recEpochs) {
        return withTraining(epochs, recEpochs, schedule.batch());
    }

    public VaeSettings withBatch(int batch) {
        return withTraining(schedule.epochs(), schedule.recEpochs(), batch);
    }

    public VaeSettings withLearningRate(int[] boundaries, double[] values) {
        return with(schedule.withLearningRate(boundaries, values));
    }

    /** A constant learning rate. */
    public VaeSettings withLearningRate(double lr) {
        return withLearningRate(new int[0], new double[] {lr});
    }

    /** The same piecewise learning rate scaled so that its first rate is {@code first}. */
    public VaeSettings withLearningRateScaledTo(double first) {
        return with(schedule.withLearningRateScaledTo(first));
    }

    public VaeSettings withOutputVarianceStart(OutputVarianceStart start) {
        return with(schedule.withOutputVarianceStart(start));
    }

    /** The output log-variance's learning rate as a multiple of the network's (1: the paper's). */
    public VaeSettings withOutputVarianceRate(double factor) {
        return with(schedule.withOutputVarianceRate(factor));
    }

    /** The Klushyn scheduler with the given start, nu and tau. */
    public VaeSettings withKlushynBeta(double beta0, double nu, double tau) {
        return with(beta.withKlushyn(beta0, nu, tau));
    }

    /** The beta-VAE: beta fixed after the reconstruction-only phase. */
    public VaeSettings withFixedBeta(double value) {
        return with(beta.withFixed(value));
    }

    /** Cyclical annealing to maxBeta over the given number of cycles with the given rising ratio. */
    public VaeSettings withCyclicalBeta(double maxBeta, int cycles, double ratio) {
        return with(beta.withCyclical(maxBeta, cycles, ratio));
    }

    public VaeSettings withSeed(long seed) {
        return with(run.withSeed(seed));
    }

    public VaeSettings withCheckpointEvery(int epochs) {
        return with(run.withCheckpointEvery(epochs));
    }
}
