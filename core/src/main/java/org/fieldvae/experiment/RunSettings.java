package org.fieldvae.experiment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.fieldvae.Check;
import org.fieldvae.generate.GenerateSettings;
import org.fieldvae.kle.KleSettings;
import org.fieldvae.kle.SampleDesign;
import org.fieldvae.label.LabelSettings;
import org.fieldvae.score.ScoreSettings;
import org.fieldvae.vae.OutputVarianceStart;
import org.fieldvae.vae.HpDecoder;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.TrainingSchedule;
import org.fieldvae.vae.VaeSettings;

/**
 * One trial of the paper's experiment (Section 4): a KLEp dataset, a labelled fraction of it, a
 * semi-supervised DenseVAE, the scores of the test latents. Everything else (the KLE kernel, the Darcy
 * problem, the network architecture, the beta scheduler, the score estimators) is the paper's default
 * of the stage's own settings record.
 *
 * <p>Seeds: every random choice of a trial comes from {@link #seed} through {@link #derivedSeed}, one
 * stream per stage, so a trial is a pure function of these settings and can run anywhere.
 *
 * @param grid                nodes per side n of the fields, 2^k + 1 and >= 17 (paper 65; DenseVAE needs 2^k + 1)
 * @param modes               KLE modes p = generative parameters = latent dimension (paper 2), in [1, 16]
 * @param dist                p(theta) as a {@code --dist} spec (docs/paper-facts.md, "Data"), e.g. {@code normal}
 * @param trainSamples        training samples (Latin hypercube design), >= 2 (paper 512)
 * @param testSamples         test samples (Monte Carlo design) that are scored, >= 10 (paper 512)
 * @param labelFraction       fraction of the training samples whose theta is used as a label (Eq. 29), in
 *                            [0, 1]; the paper uses 0.01 to 0.08; 0 trains without the semi-supervised term
 * @param prior               the latent prior; {@link PriorKind#SCALED} uses variances (1, 2, ..., p), the paper's (1, 2)
 * @param epochs              training epochs, >= 1 (paper 6500)
 * @param recEpochs           reconstruction-only epochs at the start, in [0, epochs] (paper 4000)
 * @param batch               minibatch size, >= 2 (paper 64)
 * @param learningRate        constant Adam learning rate, in (0, 1] (paper 5e-4 with a later drop)
 * @param outputVarianceStart where the output log-variance starts (see {@link OutputVarianceStart})
 * @param outputVarianceRate  learning rate of the output log-variance as a multiple of learningRate, in [1e-3, 1e3]
 *                            (paper 1; see {@link VaeSettings#outputVarianceRate()})
 * @param checkpointEvery     epochs between training checkpoints (what a resumed run may redo), >= 1
 * @param seed                the trial's seed
 * @param schedule            the named training schedule ({@link TrainingSchedule}) stretched over the epochs,
 *                            with recEpochs, learningRate (the first of its rates; later ones keep their ratio to
 *                            it) and the output log-variance settings above taking the place of its own; null
 *                            (a run folder written before schedules existed) keeps a constant learning rate and
 *                            Klushyn's beta scheduler
 * @param hpDecoder           the hierarchical prior's decoder network ({@link HpDecoder}); ignored by the other priors
 */
public record RunSettings(int grid, int modes, String dist, int trainSamples, int testSamples, double labelFraction,
        PriorKind prior, int epochs, int recEpochs, int batch, double learningRate,
        OutputVarianceStart outputVarianceStart, double outputVarianceRate, int checkpointEvery, long seed,
        TrainingSchedule schedule, HpDecoder hpDecoder) {

    /** Largest p: S_D and S_KL of more latent dimensions are not what the paper studies, and S_KL's search grows as 2^p p!. */
    public static final int MAX_MODES = 16;

    /** The stages that draw random numbers, each with its own seed stream. */
    enum Stream {
        TRAIN_DATA, TEST_DATA, LABELS, TRAINING, SCORES
    }

    public RunSettings {
        Check.atLeast("grid", grid, 17);
        Check.that(Integer.bitCount(grid - 1) == 1, "grid = " + grid, "must be 2^k + 1 (17, 33, 65, 129, ...)");
        Check.inRange("modes", modes, 1, MAX_MODES);
        Check.that(dist != null && !dist.isBlank(), "dist", "must be given");
        Check.atLeast("trainSamples", trainSamples, 2);
        Check.atLeast("testSamples", testSamples, 10);
        Check.inRange("labelFraction", labelFraction, 0.0, 1.0);
        Objects.requireNonNull(prior, "prior");
        Check.atLeast("epochs", epochs, 1);
        Check.inRange("recEpochs", recEpochs, 0, epochs);
        Check.atLeast("batch", batch, 2);
        Check.inRange("learningRate", learningRate, Double.MIN_NORMAL, 1.0);
        Objects.requireNonNull(outputVarianceStart, "outputVarianceStart");
        Check.inRange("outputVarianceRate", outputVarianceRate, 1e-3, 1e3);
        Check.atLeast("checkpointEvery", checkpointEvery, 1);
        Objects.requireNonNull(hpDecoder, "hpDecoder");
        try {
            GenerateSettings.defaults().withKle(KleSettings.defaults().withGrid(grid).withModes(modes))
                    .withDistribution(dist);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dist = " + dist + ": " + e.getMessage(), e);
        }
    }

    /**
     * The defaults of {@code fieldvae quickstart}: KLE2 on 33 x 33, standard normal theta, 256 training (Latin
     * hypercube) and 1024 test (Monte Carlo) samples (a Monte Carlo set of 256 has a sample correlation of theta
     * up to about 0.13, which alone caps S_D near 0.89: docs/learner.md), 8% of the training samples labelled (the paper's largest
     * fraction), the standard prior, the {@link TrainingSchedule#FAST} schedule over 120 epochs (24 on L_REC
     * alone, beta rising to 1 by epoch 62, Adam at 1e-3 and 1e-4 from epoch 102), batch 64, seed 1.
     *
     * <p>Time: 120 epochs of 4 steps are 480 training steps of this net at about 0.15-0.25 s on two cores, so the
     * whole run takes 1-2 minutes. The semi-supervised term pins the latent axes to theta (paper Section 6).
     */
    public static RunSettings quickstartDefaults() {
        return new RunSettings(33, 2, "normal", 256, 1024, 0.08, PriorKind.STANDARD, 120, 24, 64,
                TrainingSchedule.FAST_LEARNING_RATE, OutputVarianceStart.ZERO,
                TrainingSchedule.FAST_OUTPUT_VARIANCE_RATE, 10, 1L, TrainingSchedule.FAST, HpDecoder.INTENDED);
    }

    public RunSettings withGrid(int value) {
        return new RunSettings(value, modes, dist, trainSamples, testSamples, labelFraction, prior, epochs, recEpochs,
                batch, learningRate, outputVarianceStart, outputVarianceRate, checkpointEvery, seed, schedule, hpDecoder);
    }

    public RunSettings withModes(int value) {
        return new RunSettings(grid, value, dist, trainSamples, testSamples, labelFraction, prior, epochs, recEpochs,
                batch, learningRate, outputVarianceStart, outputVarianceRate, checkpointEvery, seed, schedule, hpDecoder);
    }

    public RunSettings withDist(String value) {
        return new RunSettings(grid, modes, value, trainSamples, testSamples, labelFraction, prior, epochs, recEpochs,
                batch, learningRate, outputVarianceStart, outputVarianceRate, checkpointEvery, seed, schedule, hpDecoder);
    }

    /** Training and test samples. */
    public RunSettings withSamples(int train, int test) {
        return new RunSettings(grid, modes, dist, train, test, labelFraction, prior, epochs, recEpochs, batch,
                learningRate, outputVarianceStart, outputVarianceRate, checkpointEvery, seed, schedule, hpDecoder);
    }

    public RunSettings withLabelFraction(double value) {
        return new RunSettings(grid, modes, dist, trainSamples, testSamples, value, prior, epochs, recEpochs, batch,
                learningRate, outputVarianceStart, outputVarianceRate, checkpointEvery, seed, schedule, hpDecoder);
    }

    public RunSettings withSchedule(TrainingSchedule value) {
        return new RunSettings(grid, modes, dist, trainSamples, testSamples, labelFraction, prior, epochs, recEpochs,
                batch, learningRate, outputVarianceStart, outputVarianceRate, checkpointEvery, seed, value, hpDecoder);
    }

    public RunSettings withHpDecoder(HpDecoder value) {
        return new RunSettings(grid, modes, dist, trainSamples, testSamples, labelFraction, prior, epochs, recEpochs,
                batch, learningRate, outputVarianceStart, outputVarianceRate, checkpointEvery, seed, schedule, value);
    }

    public RunSettings withPrior(PriorKind value) {
        return new RunSettings(grid, modes, dist, trainSamples, testSamples, labelFraction, value, epochs, recEpochs,
                batch, learningRate, outputVarianceStart, outputVarianceRate, checkpointEvery, seed, schedule, hpDecoder);
    }

    /** Training epochs and, of those, reconstruction-only epochs. */
    public RunSettings withEpochs(int total, int reconstructionOnly) {
        return new RunSettings(grid, modes, dist, trainSamples, testSamples, labelFraction, prior, total,
                reconstructionOnly, batch, learningRate, outputVarianceStart, outputVarianceRate, checkpointEvery, seed, schedule, hpDecoder);
    }

    public RunSettings withBatch(int value) {
        return new RunSettings(grid, modes, dist, trainSamples, testSamples, labelFraction, prior, epochs, recEpochs,
                value, learningRate, outputVarianceStart, outputVarianceRate, checkpointEvery, seed, schedule, hpDecoder);
    }

    public RunSettings withLearningRate(double value) {
        return new RunSettings(grid, modes, dist, trainSamples, testSamples, labelFraction, prior, epochs, recEpochs,
                batch, value, outputVarianceStart, outputVarianceRate, checkpointEvery, seed, schedule, hpDecoder);
    }

    public RunSettings withOutputVarianceStart(OutputVarianceStart value) {
        return new RunSettings(grid, modes, dist, trainSamples, testSamples, labelFraction, prior, epochs, recEpochs,
                batch, learningRate, value, outputVarianceRate, checkpointEvery, seed, schedule, hpDecoder);
    }

    public RunSettings withOutputVarianceRate(double value) {
        return new RunSettings(grid, modes, dist, trainSamples, testSamples, labelFraction, prior, epochs, recEpochs,
                batch, learningRate, outputVarianceStart, value, checkpointEvery, seed, schedule, hpDecoder);
    }

    public RunSettings withCheckpointEvery(int value) {
        return new RunSettings(grid, modes, dist, trainSamples, testSamples, labelFraction, prior, epochs, recEpochs,
                batch, learningRate, outputVarianceStart, outputVarianceRate, value, seed, schedule, hpDecoder);
    }

    public RunSettings withSeed(long value) {
        return new RunSettings(grid, modes, dist, trainSamples, testSamples, labelFraction, prior, epochs, recEpochs,
                batch, learningRate, outputVarianceStart, outputVarianceRate, checkpointEvery, value, schedule, hpDecoder);
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
        return derivedSeed(seed, stream);
    }

    /** The training set: Latin hypercube design. */
    GenerateSettings trainData() {
        return data(SampleDesign.LHS, trainSamples, seedOf(Stream.TRAIN_DATA));
    }

    /** The test set: Monte Carlo design, its own seed. */
    GenerateSettings testData() {
        return data(SampleDesign.MC, testSamples, seedOf(Stream.TEST_DATA));
    }

    private GenerateSettings data(SampleDesign design, int samples, long dataSeed) {
        KleSettings kle = KleSettings.defaults().withGrid(grid).withModes(modes);
        return GenerateSettings.defaults().withKle(kle).withDistribution(dist).withDesign(design).withSamples(samples)
                .withSeed(dataSeed);
    }

    LabelSettings labels() {
        return LabelSettings.ofFraction(labelFraction, seedOf(Stream.LABELS), false);
    }

    boolean semiSupervised() {
        return labelFraction > 0;
    }

    /** The paper's DenseVAE at this grid with latent dimension p, semi-supervised when labels are asked for. */
    VaeSettings vae() {
        VaeSettings defaults = VaeSettings.defaults(prior == PriorKind.HIERARCHICAL);
        double[] variances = null;
        if (prior == PriorKind.SCALED) {
            variances = new double[modes];
            for (int i = 0; i < modes; i++) {
                variances[i] = i + 1;
            }
        }
        VaeSettings s = defaults.withArchitecture(grid, defaults.architecture().blocks(), defaults.architecture().growth(),
                defaults.architecture().initialFeatures(), modes).withPrior(prior, variances).withHpDecoder(hpDecoder);
        s = schedule == null ? s.withLearningRate(learningRate)
                : schedule.apply(s, epochs).withLearningRateScaledTo(learningRate);
        return s.withTraining(epochs, recEpochs, batch)
                .withCheckpointEvery(checkpointEvery).withSeed(seedOf(Stream.TRAINING))
                .withSemiSupervised(semiSupervised()).withOutputVarianceStart(outputVarianceStart)
                .withOutputVarianceRate(outputVarianceRate);
    }

    ScoreSettings scores() {
        return ScoreSettings.defaults().withSeed(seedOf(Stream.SCORES));
    }

    /** Every setting with snake_case keys, in declaration order: the body of {@code run.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grid", grid);
        m.put("modes", modes);
        m.put("dist", dist);
        m.put("train_samples", trainSamples);
        m.put("test_samples", testSamples);
        m.put("label_fraction", labelFraction);
        m.put("prior", prior.name().toLowerCase(Locale.ROOT));
        m.put("epochs", epochs);
        m.put("rec_epochs", recEpochs);
        m.put("batch", batch);
        m.put("learning_rate", learningRate);
        m.put("output_variance_start", outputVarianceStart.name().toLowerCase(Locale.ROOT));
        m.put("output_variance_rate", outputVarianceRate);
        m.put("checkpoint_every", checkpointEvery);
        m.put("seed", seed);
        if (schedule != null) {
            m.put("schedule", schedule.name().toLowerCase(Locale.ROOT));
        }
        m.put("hp_decoder", hpDecoder.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return m;
    }

    /**
     * The settings of a {@link #toMap()} map (extra keys such as {@code provenance} are ignored).
     *
     * @throws IllegalArgumentException naming the key that is missing or malformed, or the invalid setting
     */
    public static RunSettings fromMap(Map<String, ?> m) {
        return new RunSettings(integer(m, "grid"), integer(m, "modes"), text(m, "dist"), integer(m, "train_samples"),
                integer(m, "test_samples"), number(m, "label_fraction"),
                enumValue(PriorKind.class, m, "prior"), integer(m, "epochs"), integer(m, "rec_epochs"),
                integer(m, "batch"), number(m, "learning_rate"),
                enumValue(OutputVarianceStart.class, m, "output_variance_start"), number(m, "output_variance_rate"),
                integer(m, "checkpoint_every"),
                longInteger(m, "seed"),
                m.containsKey("schedule") ? enumValue(TrainingSchedule.class, m, "schedule") : null,
                m.containsKey("hp_decoder") ? enumValue(HpDecoder.class, m, "hp_decoder") : HpDecoder.INTENDED);
    }

    private static Object value(Map<String, ?> m, String key) {
        Object v = m.get(key);
        Check.that(v != null, key, "is missing");
        return v;
    }

    private static int integer(Map<String, ?> m, String key) {
        long l = longInteger(m, key);
        Check.that(l == (int) l, key + " = " + l, "must fit in an int");
        return (int) l;
    }

    private static long longInteger(Map<String, ?> m, String key) {
        Object v = value(m, key);
        Check.that(v instanceof Integer || v instanceof Long, key + " = " + v, "must be an integer");
        return ((Number) v).longValue();
    }

    private static double number(Map<String, ?> m, String key) {
        Object v = value(m, key);
        Check.that(v instanceof Number, key + " = " + v, "must be a number");
        return ((Number) v).doubleValue();
    }

    private static String text(Map<String, ?> m, String key) {
        Object v = value(m, key);
        Check.that(v instanceof String, key + " = " + v, "must be a string");
        return (String) v;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Map<String, ?> m, String key) {
        String v = text(m, key);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.replace('-', '_'))) {
                return e;
            }
        }
        throw new IllegalArgumentException(key + " = " + v + ": must be one of "
                + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
}
