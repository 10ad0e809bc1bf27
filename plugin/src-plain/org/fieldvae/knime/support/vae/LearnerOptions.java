package org.fieldvae.knime.support.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.fieldvae.nn.InitScheme;
import org.fieldvae.vae.BetaScheduleKind;
import org.fieldvae.vae.HpDecoder;
import org.fieldvae.vae.LossScale;
import org.fieldvae.vae.OutputVarianceStart;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.VaeSettings;

/**
 * The options of the VAE Learner node, one-to-one with {@link VaeSettings} except grid and channels, which come from
 * the input fields: what the dialog holds before the engine has accepted it. Lists of numbers are held as the text
 * the user types ("4, 6, 4"), the learning-rate schedule as steps. {@link #toSettings} reports a rejected value
 * under its dialog title, so KNIME can show which field to fix.
 *
 * @param blocks layers per dense block, an odd count (at least 3) of positive integers, e.g. "4, 6, 4"
 * @param growth feature maps each dense layer adds, at least 1
 * @param initialFeatures feature maps of the first convolution, at least 1
 * @param latent latent dimension, at least 1
 * @param init weight initialisation
 * @param prior prior of the latent space
 * @param priorVariances variances of the scaled prior, one positive number per latent dimension, e.g. "1, 2";
 *            used only by {@link PriorKind#SCALED}
 * @param lossScale normalisation of the loss terms
 * @param logVarianceBound latent and output log-variances are clipped to [-bound, bound], in [1, 80]
 * @param epochs training epochs, at least 0
 * @param recEpochs reconstruction-only epochs at the start, in [0, epochs]
 * @param batch minibatch size, at least 2
 * @param learningRate steps of the learning rate, the first from epoch 0, epochs increasing
 * @param betaSchedule schedule of beta after the reconstruction-only phase
 * @param beta0 beta of the reconstruction-only phase and the Klushyn start, positive
 * @param nu Klushyn step size, positive
 * @param tau Klushyn tau, positive
 * @param fixedBeta beta of the fixed schedule and maximum of the cyclical one, at least 0
 * @param cycles cycles of the cyclical schedule, at least 1
 * @param cycleRatio fraction of each cycle during which beta rises, in (0, 1]
 * @param subLatentSchedule with the hierarchical prior, weight the sub-latent KL by its own Klushyn beta
 * @param betaP0 start of that sub-latent beta, positive
 * @param seed seed of initialisation, shuffling and reparameterisation noise
 * @param checkpointEvery checkpoint every this many epochs, at least 1
 * @param semiSupervised add -log q(z = theta | y) for labelled samples (paper Eq. 29)
 * @param outputVarianceStart where the output log-variance starts (the paper: 0)
 * @param outputVarianceRate learning-rate factor of the output log-variance, in [1e-3, 1e3] (the paper: 1)
 */
public record LearnerOptions(String blocks, int growth, int initialFeatures, int latent, InitScheme init,
    PriorKind prior, String priorVariances, LossScale lossScale, double logVarianceBound, int epochs, int recEpochs,
    int batch, List<RateStep> learningRate, BetaScheduleKind betaSchedule, double beta0, double nu, double tau,
    double fixedBeta, int cycles, double cycleRatio, boolean subLatentSchedule, double betaP0, long seed,
    int checkpointEvery, boolean semiSupervised, OutputVarianceStart outputVarianceStart,
    double outputVarianceRate) {

    /** Title of the input field choice, under which grid and channel errors are reported. */
    public static final String FIELDS = "Field columns";
    /** Dialog title of {@link #blocks}. */
    public static final String BLOCKS = "Dense blocks (layers per block)";
    /** Dialog title of {@link #growth}. */
    public static final String GROWTH = "Growth rate";
    /** Dialog title of {@link #initialFeatures}. */
    public static final String INITIAL_FEATURES = "Initial feature maps";
    /** Dialog title of {@link #latent}. */
    public static final String LATENT = "Latent dimension";
    /** Dialog title of {@link #init}. */
    public static final String INIT = "Weight initialisation";
    /** Dialog title of {@link #prior}. */
    public static final String PRIOR = "Prior";
    /** Dialog title of {@link #priorVariances}. */
    public static final String PRIOR_VARIANCES = "Prior variances";
    /** Dialog title of {@link #lossScale}. */
    public static final String LOSS_SCALE = "Loss scale";
    /** Dialog title of {@link #logVarianceBound}. */
    public static final String LOG_VARIANCE_BOUND = "Log-variance bound";
    /** Dialog title of {@link #epochs}. */
    public static final String EPOCHS = "Epochs";
    /** Dialog title of {@link #recEpochs}. */
    public static final String REC_EPOCHS = "Reconstruction-only epochs";
    /** Dialog title of {@link #batch}. */
    public static final String BATCH = "Batch size";
    /** Dialog title of {@link #learningRate}. */
    public static final String LEARNING_RATE = "Learning rate schedule";
    /** Dialog title of {@link #betaSchedule}. */
    public static final String BETA_SCHEDULE = "Beta schedule";
    /** Dialog title of {@link #beta0}. */
    public static final String BETA0 = "Initial beta";
    /** Dialog title of {@link #nu}. */
    public static final String NU = "Klushyn step size nu";
    /** Dialog title of {@link #tau}. */
    public static final String TAU = "Klushyn tau";
    /** Dialog title of {@link #fixedBeta}. */
    public static final String FIXED_BETA = "Fixed or maximum beta";
    /** Dialog title of {@link #cycles}. */
    public static final String CYCLES = "Cycles";
    /** Dialog title of {@link #cycleRatio}. */
    public static final String CYCLE_RATIO = "Rising fraction of a cycle";
    /** Dialog title of {@link #subLatentSchedule}. */
    public static final String SUB_LATENT_SCHEDULE = "Sub-latent beta schedule";
    /** Dialog title of {@link #betaP0}. */
    public static final String BETA_P0 = "Initial sub-latent beta";
    /** Dialog title of {@link #seed}. */
    public static final String SEED = "Seed";
    /** Dialog title of {@link #checkpointEvery}. */
    public static final String CHECKPOINT_EVERY = "Checkpoint every (epochs)";
    /** Dialog title of {@link #semiSupervised}. */
    public static final String SEMI_SUPERVISED = "Semi-supervised";
    /** Dialog title of {@link #outputVarianceStart}. */
    public static final String OUTPUT_VARIANCE_START = "Output log-variance start";
    /** Dialog title of {@link #outputVarianceRate}. */
    public static final String OUTPUT_VARIANCE_RATE = "Output log-variance rate factor";

    /** The engine's component names (as its messages start) to dialog titles. */
    static final Map<String, String> TITLES = Map.ofEntries(Map.entry("grid", FIELDS), Map.entry("channels", FIELDS),
        Map.entry("blocks", BLOCKS), Map.entry("growth", GROWTH), Map.entry("initialFeatures", INITIAL_FEATURES),
        Map.entry("latent", LATENT), Map.entry("init", INIT), Map.entry("prior", PRIOR),
        Map.entry("priorVariances", PRIOR_VARIANCES), Map.entry("lossScale", LOSS_SCALE),
        Map.entry("logVarianceBound", LOG_VARIANCE_BOUND), Map.entry("epochs", EPOCHS),
        Map.entry("recEpochs", REC_EPOCHS), Map.entry("batch", BATCH), Map.entry("lrBoundaries", LEARNING_RATE),
        Map.entry("lrValues", LEARNING_RATE), Map.entry("betaSchedule", BETA_SCHEDULE), Map.entry("beta0", BETA0),
        Map.entry("nu", NU), Map.entry("tau", TAU), Map.entry("fixedBeta", FIXED_BETA), Map.entry("cycles", CYCLES),
        Map.entry("cycleRatio", CYCLE_RATIO), Map.entry("subLatentSchedule", SUB_LATENT_SCHEDULE),
        Map.entry("betaP0", BETA_P0), Map.entry("seed", SEED), Map.entry("checkpointEvery", CHECKPOINT_EVERY),
        Map.entry("semiSupervised", SEMI_SUPERVISED), Map.entry("outputVarianceStart", OUTPUT_VARIANCE_START),
        Map.entry("outputVarianceRate", OUTPUT_VARIANCE_RATE));

    /** Copies the list. */
    public LearnerOptions {
        learningRate = learningRate == null ? null : List.copyOf(learningRate);
    }

    /** @return the options of {@link VaeSettings#defaults(boolean) VaeSettings.defaults(false)} (standard prior) */
    public static LearnerOptions defaults() {
        return of(VaeSettings.defaults(false));
    }

    /**
     * @param s engine settings
     * @return the same settings as dialog options (grid and channels dropped)
     */
    public static LearnerOptions of(final VaeSettings s) {
        final List<RateStep> steps = new ArrayList<>();
        final int[] boundaries = s.lrBoundaries();
        final double[] values = s.lrValues();
        for (int i = 0; i < values.length; i++) {
            steps.add(new RateStep(i == 0 ? 0 : boundaries[i - 1], values[i]));
        }
        final String variances = s.priorVariances() == null ? ""
            : Arrays.stream(s.priorVariances()).mapToObj(Double::toString).collect(Collectors.joining(", "));
        return new LearnerOptions(Arrays.stream(s.blocks()).mapToObj(Integer::toString)
            .collect(Collectors.joining(", ")), s.growth(), s.initialFeatures(), s.latent(), s.init(), s.prior(),
            variances, s.lossScale(), s.logVarianceBound(), s.epochs(), s.recEpochs(), s.batch(), steps,
            s.betaSchedule(), s.beta0(), s.nu(), s.tau(), s.fixedBeta(), s.cycles(), s.cycleRatio(),
            s.subLatentSchedule(), s.betaP0(), s.seed(), s.checkpointEvery(), s.semiSupervised(),
            s.outputVarianceStart(), s.outputVarianceRate());
    }

    /**
     * Builds the engine settings for fields of the given shape.
     *
     * @param grid nodes per side of the input fields
     * @param channels channels of the input fields
     * @return the engine settings
     * @throws IllegalArgumentException "&lt;dialog title&gt;: &lt;reason&gt;" for the first invalid option
     */
    public VaeSettings toSettings(final int grid, final int channels) {
        final int[] blockCounts = parseInts(BLOCKS, blocks);
        final double[] variances = prior == PriorKind.SCALED ? parseDoubles(PRIOR_VARIANCES, priorVariances) : null;
        final int[] boundaries = boundaries(learningRate);
        final double[] rates = learningRate.stream().mapToDouble(RateStep::rate).toArray();
        try {
            return new VaeSettings(grid, channels, blockCounts, growth, initialFeatures, latent, init, prior,
                variances, lossScale, logVarianceBound, epochs, recEpochs, batch, boundaries, rates, betaSchedule,
                beta0, nu, tau, fixedBeta, cycles, cycleRatio, subLatentSchedule, betaP0, seed, checkpointEvery,
                semiSupervised, outputVarianceStart, outputVarianceRate, HpDecoder.INTENDED);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(title(e.getMessage()) + ": " + e.getMessage(), e);
        }
    }

    /** The dialog title of the component the engine's message starts with (the longest such name). */
    static String title(final String message) {
        final String m = Objects.requireNonNullElse(message, "");
        return TITLES.keySet().stream()
            .filter(k -> m.startsWith(k) && (m.length() == k.length() || !Character.isLetterOrDigit(m.charAt(k.length()))))
            .max(Comparator.comparingInt(String::length)).map(TITLES::get).orElse("Settings");
    }

    private static int[] boundaries(final List<RateStep> steps) {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException(LEARNING_RATE + ": no step; give at least one rate from epoch 0");
        }
        if (steps.get(0).fromEpoch() != 0) {
            throw new IllegalArgumentException(LEARNING_RATE + ": the first step starts at epoch "
                + steps.get(0).fromEpoch() + ": must start at epoch 0");
        }
        final int[] boundaries = new int[steps.size() - 1];
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).fromEpoch() <= steps.get(i - 1).fromEpoch()) {
                throw new IllegalArgumentException(LEARNING_RATE + ": step " + (i + 1) + " starts at epoch "
                    + steps.get(i).fromEpoch() + ": must start after step " + i + " (epoch "
                    + steps.get(i - 1).fromEpoch() + ")");
            }
            boundaries[i - 1] = steps.get(i).fromEpoch();
        }
        return boundaries;
    }

    private static int[] parseInts(final String option, final String text) {
        final String[] parts = split(option, text);
        final int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + parts[i] + "' is not a whole number", e);
            }
        }
        return out;
    }

    private static double[] parseDoubles(final String option, final String text) {
        final String[] parts = split(option, text);
        final double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + parts[i] + "' is not a number", e);
            }
        }
        return out;
    }

    private static String[] split(final String option, final String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(option + ": empty; give numbers separated by commas, e.g. 4, 6, 4");
        }
        return Arrays.stream(text.split(",")).map(String::strip).toArray(String[]::new);
    }
}
