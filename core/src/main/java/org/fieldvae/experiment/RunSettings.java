package org.fieldvae.experiment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.fieldvae.generate.GenerateSettings;
import org.fieldvae.kle.KleSettings;
import org.fieldvae.kle.SampleDesign;
import org.fieldvae.label.LabelSettings;
import org.fieldvae.score.ScoreSettings;
import org.fieldvae.vae.HpDecoder;
import org.fieldvae.vae.OutputVarianceStart;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.RunOptions;
import org.fieldvae.vae.TrainingSchedule;
import org.fieldvae.vae.VaeSettings;

/**
 * One trial of the paper's experiment (Section 4): a KLEp dataset, a labelled fraction of it, a
 * semi-supervised DenseVAE, the scores of the test latents. Everything else (the KLE kernel, the Darcy
 * problem, the network architecture, the beta scheduler, the score estimators) is the paper's default
 * of the stage's own settings record. The settings come in four groups, each a record with its own checks; a
 * sweep spec's and {@code run.json}'s keys ({@link #toMap()}) are the groups' keys, unchanged by the grouping.
 *
 * <p>Seeds: every random choice of a trial comes from the run's seed through {@link #derivedSeed}, one
 * stream per stage, so a trial is a pure function of these settings and can run anywhere.
 *
 * @param data     the dataset and its labelled fraction
 * @param prior    the latent prior
 * @param schedule how the DenseVAE trains
 * @param run      the trial's seed and the epochs between training checkpoints (what a resumed run may redo)
 */
public record RunSettings(TrialData data, TrialPrior prior, TrialSchedule schedule, RunOptions run) {

    /** Largest p: S_D and S_KL of more latent dimensions are not what the paper studies, and S_KL's search grows as 2^p p!. */
    public static final int MAX_MODES = 16;

    /** The stages that draw random numbers, each with its own seed stream. */
    enum Stream {
        TRAIN_DATA, TEST_DATA, LABELS, TRAINING, SCORES
    }

    public RunSettings {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(run, "run");
    }

    /**
     * The defaults of {@code fieldvae quickstart}: KLE2 on 33 x 33, standard normal theta, 256 training (Latin
     * hypercube) and 1024 test (Monte Carlo) samples (a Monte Carlo set of 256 has a sample correlation of theta
     * up to about 0.13, which alone caps S_D near 0.89: docs/learner.md), 8% of the training samples labelled (the paper's largest
     * fraction), the standard prior, the {@link TrainingSchedule#FAST} schedule over 120 epochs (24 on L_REC
     * alone, beta rising to 1 by epoch 62, Adam at 1e-3 and 1e-4 from epoch 102), batch 64, seed 1, a checkpoint
     * every 10 epochs.
     *
     * <p>Time: 120 epochs of 4 steps are 480 training steps of this net at about 0.15-0.25 s on two cores, so the
     * whole run takes 1-2 minutes. The semi-supervised term pins the latent axes to theta (paper Section 6).
     */
    public static RunSettings quickstartDefaults() {
        return new RunSettings(TrialData.quickstartDefaults(), TrialPrior.quickstartDefaults(),
                TrialSchedule.quickstartDefaults(), new RunOptions(1L, 10));
    }

    public RunSettings with(TrialData value) {
        return new RunSettings(value, prior, schedule, run);
    }

    public RunSettings with(TrialPrior value) {
        return new RunSettings(data, value, schedule, run);
    }

    public RunSettings with(TrialSchedule value) {
        return new RunSettings(data, prior, value, run);
    }

    public RunSettings with(RunOptions value) {
        return new RunSettings(data, prior, schedule, value);
    }

    public RunSettings withGrid(int value) {
        return with(data.withGrid(value));
    }

    public RunSettings withModes(int value) {
        return with(data.withModes(value));
    }

    public RunSettings withDist(String value) {
        return with(data.withDist(value));
    }

    /** Training and test samples. */
    public RunSettings withSamples(int train, int test) {
        return with(data.withSamples(train, test));
    }

    public RunSettings withLabelFraction(double value) {
        return with(data.withLabelFraction(value));
    }

    public RunSettings withPrior(PriorKind value) {
        return with(new TrialPrior(value, prior.hpDecoder(), prior.betaP()));
    }

    public RunSettings withHpDecoder(HpDecoder value) {
        return with(new TrialPrior(prior.prior(), value, prior.betaP()));
    }

    public RunSettings withSchedule(TrainingSchedule value) {
        return with(schedule.withSchedule(value));
    }

    /** Training epochs and, of those, reconstruction-only epochs. */
    public RunSettings withEpochs(int total, int reconstructionOnly) {
        return with(schedule.withEpochs(total, reconstructionOnly));
    }

    public RunSettings withBatch(int value) {
        return with(schedule.withBatch(value));
    }

    public RunSettings withLearningRate(double value) {
        return with(schedule.withLearningRate(value));
    }

    public RunSettings withOutputVarianceStart(OutputVarianceStart value) {
        return with(schedule.withOutputVarianceStart(value));
    }

    public RunSettings withOutputVarianceRate(double value) {
        return with(schedule.withOutputVarianceRate(value));
    }

    public RunSettings withCheckpointEvery(int value) {
        return with(run.withCheckpointEvery(value));
    }

    public RunSettings withSeed(long value) {
        return with(run.withSeed(value));
    }

    /**
     * The seed of one stage: the first {@code nextLong()} of {@code SplittableRandom(seed + (k + 1) G)}, with
     * k the stage's ordinal and G = 0x9E3779B97F4A7C15 (the golden-ratio increment of SplittableRandom), so
     * the stages' streams differ and any stage can be regenerated alone.
     */
    static long derivedSeed(long seed, Stream stream) {
        return new SplittableRandom(seed + (stream.ordinal() + 1L) * 0x9E3779B97F4A7C15L).nextLong();
    }

    long seedOf(Stream stream) {
        return derivedSeed(run.seed(), stream);
    }

    /** The training set: Latin hypercube design. */
    GenerateSettings trainData() {
        return data(SampleDesign.LHS, data.trainSamples(), seedOf(Stream.TRAIN_DATA));
    }

    /** The test set: Monte Carlo design, its own seed. */
    GenerateSettings testData() {
        return data(SampleDesign.MC, data.testSamples(), seedOf(Stream.TEST_DATA));
    }

    private GenerateSettings data(SampleDesign design, int samples, long dataSeed) {
        KleSettings kle = KleSettings.defaults().withGrid(data.grid()).withModes(data.modes());
        return GenerateSettings.defaults().withKle(kle).withDistribution(data.dist()).withDesign(design).withSamples(samples)
                .withSeed(dataSeed);
    }

    LabelSettings labels() {
        return LabelSettings.ofFraction(data.labelFraction(), seedOf(Stream.LABELS), false);
    }

    boolean semiSupervised() {
        return data.labelFraction() > 0;
    }

    /** The paper's DenseVAE at this grid with latent dimension p, semi-supervised when labels are asked for. */
    VaeSettings vae() {
        VaeSettings defaults = VaeSettings.defaults(prior.prior() == PriorKind.HIERARCHICAL);
        VaeSettings s = defaults.with(defaults.architecture().withGrid(data.grid()).withLatent(data.modes()))
                .withPrior(prior.prior(), scaledVariances()).withHpDecoder(prior.hpDecoder());
        s = s.withSubLatentSchedule(prior.schedulesBetaP(), s.priorAndLoss().betaP0());
        return schedule.applyTo(s).withCheckpointEvery(run.checkpointEvery()).withSeed(seedOf(Stream.TRAINING))
                .withSemiSupervised(semiSupervised());
    }

    /** The scaled prior's variances (1, 2, ..., p), or null for the other priors. */
    private double[] scaledVariances() {
        if (prior.prior() != PriorKind.SCALED) {
            return null;
        }
        double[] variances = new double[data.modes()];
        for (int i = 0; i < variances.length; i++) {
            variances[i] = i + 1;
        }
        return variances;
    }

    ScoreSettings scores() {
        return ScoreSettings.defaults().withSeed(seedOf(Stream.SCORES));
    }

    /** Every setting with snake_case keys, in the order of the flat record this once was: the body of {@code run.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grid", data.grid());
        m.put("modes", data.modes());
        m.put("dist", data.dist());
        m.put("train_samples", data.trainSamples());
        m.put("test_samples", data.testSamples());
        m.put("label_fraction", data.labelFraction());
        m.put("prior", prior.prior().name().toLowerCase(Locale.ROOT));
        m.put("epochs", schedule.epochs());
        m.put("rec_epochs", schedule.recEpochs());
        m.put("batch", schedule.batch());
        m.put("learning_rate", schedule.learningRate());
        m.put("output_variance_start", schedule.outputVarianceStart().name().toLowerCase(Locale.ROOT));
        m.put("output_variance_rate", schedule.outputVarianceRate());
        m.put("checkpoint_every", run.checkpointEvery());
        m.put("seed", run.seed());
        if (schedule.schedule() != null) {
            m.put("schedule", schedule.schedule().name().toLowerCase(Locale.ROOT));
        }
        m.put("hp_decoder", prior.hpDecoder().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("beta_p", prior.betaP().name().toLowerCase(Locale.ROOT));
        return m;
    }

    /**
     * The settings of a {@link #toMap()} map (extra keys such as {@code provenance} are ignored), group by group.
     *
     * @throws IllegalArgumentException naming the key that is missing or malformed, or the invalid setting
     */
    public static RunSettings fromMap(Map<String, ?> m) {
        return new RunSettings(TrialData.fromMap(m), TrialPrior.fromMap(m), TrialSchedule.fromMap(m),
                new RunOptions(MapValues.longInteger(m, "seed"), MapValues.integer(m, "checkpoint_every")));
    }
}
