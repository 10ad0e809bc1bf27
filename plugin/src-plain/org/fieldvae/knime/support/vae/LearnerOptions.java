package org.fieldvae.knime.support.vae;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.fieldvae.vae.BetaPlan;
import org.fieldvae.vae.RunOptions;
import org.fieldvae.vae.VaeSettings;

/**
 * The options of the VAE Learner node, group by group as {@link VaeSettings} has them: what the dialog holds before
 * the engine has accepted it. Architecture, prior and schedule differ from the engine's records where the dialog holds
 * text or steps (and grid and channels, which come from the input fields); beta and run options are the engine's
 * records. {@link #toSettings} reports a rejected value under its dialog title, so KNIME can show which field to fix.
 *
 * @param architecture the network, without grid and channels
 * @param prior the prior and the loss terms
 * @param schedule epochs, batch, learning-rate steps, output log-variance
 * @param beta how beta moves after the reconstruction-only epochs
 * @param run seed and checkpoint interval
 */
public record LearnerOptions(ArchitectureOptions architecture, PriorOptions prior, ScheduleOptions schedule,
    BetaPlan beta, RunOptions run) {

    /** Title of the input field choice, under which grid and channel errors are reported. */
    public static final String FIELDS = "Field columns";
    /** Dialog title of {@link ArchitectureOptions#blocks}. */
    public static final String BLOCKS = "Dense blocks (layers per block)";
    /** Dialog title of {@link ArchitectureOptions#growth}. */
    public static final String GROWTH = "Growth rate";
    /** Dialog title of {@link ArchitectureOptions#initialFeatures}. */
    public static final String INITIAL_FEATURES = "Initial feature maps";
    /** Dialog title of {@link ArchitectureOptions#latent}. */
    public static final String LATENT = "Latent dimension";
    /** Dialog title of {@link ArchitectureOptions#init}. */
    public static final String INIT = "Weight initialisation";
    /** Dialog title of {@link PriorOptions#prior}. */
    public static final String PRIOR = "Prior";
    /** Dialog title of {@link PriorOptions#priorVariances}. */
    public static final String PRIOR_VARIANCES = "Prior variances";
    /** Dialog title of {@link PriorOptions#hpDecoder}. */
    public static final String HP_DECODER = "Hierarchical prior decoder";
    /** Dialog title of {@link PriorOptions#lossScale}. */
    public static final String LOSS_SCALE = "Loss scale";
    /** Dialog title of {@link PriorOptions#logVarianceBound}. */
    public static final String LOG_VARIANCE_BOUND = "Log-variance bound";
    /** Dialog title of {@link ScheduleOptions#epochs}. */
    public static final String EPOCHS = "Epochs";
    /** Dialog title of {@link ScheduleOptions#recEpochs}. */
    public static final String REC_EPOCHS = "Reconstruction-only epochs";
    /** Dialog title of {@link ScheduleOptions#batch}. */
    public static final String BATCH = "Batch size";
    /** Dialog title of {@link ScheduleOptions#learningRate}. */
    public static final String LEARNING_RATE = "Learning rate schedule";
    /** Dialog title of {@link BetaPlan#betaSchedule}. */
    public static final String BETA_SCHEDULE = "Beta schedule";
    /** Dialog title of {@link BetaPlan#beta0}. */
    public static final String BETA0 = "Initial beta";
    /** Dialog title of {@link BetaPlan#nu}. */
    public static final String NU = "Klushyn step size nu";
    /** Dialog title of {@link BetaPlan#tau}. */
    public static final String TAU = "Klushyn tau";
    /** Dialog title of {@link BetaPlan#fixedBeta}. */
    public static final String FIXED_BETA = "Fixed or maximum beta";
    /** Dialog title of {@link BetaPlan#cycles}. */
    public static final String CYCLES = "Cycles";
    /** Dialog title of {@link BetaPlan#cycleRatio}. */
    public static final String CYCLE_RATIO = "Rising fraction of a cycle";
    /** Dialog title of {@link PriorOptions#subLatentSchedule}. */
    public static final String SUB_LATENT_SCHEDULE = "Sub-latent beta schedule";
    /** Dialog title of {@link PriorOptions#betaP0}. */
    public static final String BETA_P0 = "Initial sub-latent beta";
    /** Dialog title of {@link RunOptions#seed}. */
    public static final String SEED = "Seed";
    /** Dialog title of {@link RunOptions#checkpointEvery}. */
    public static final String CHECKPOINT_EVERY = "Checkpoint every (epochs)";
    /** Dialog title of {@link PriorOptions#semiSupervised}. */
    public static final String SEMI_SUPERVISED = "Semi-supervised";
    /** Dialog title of {@link ScheduleOptions#outputVarianceStart}. */
    public static final String OUTPUT_VARIANCE_START = "Output log-variance start";
    /** Dialog title of {@link ScheduleOptions#outputVarianceRate}. */
    public static final String OUTPUT_VARIANCE_RATE = "Output log-variance rate factor";

    /** The engine's component names (as its messages start) to dialog titles. */
    static final Map<String, String> TITLES = Map.ofEntries(Map.entry("grid", FIELDS), Map.entry("channels", FIELDS),
        Map.entry("blocks", BLOCKS), Map.entry("growth", GROWTH), Map.entry("initialFeatures", INITIAL_FEATURES),
        Map.entry("latent", LATENT), Map.entry("init", INIT), Map.entry("prior", PRIOR),
        Map.entry("priorVariances", PRIOR_VARIANCES), Map.entry("hpDecoder", HP_DECODER),
        Map.entry("lossScale", LOSS_SCALE),
        Map.entry("logVarianceBound", LOG_VARIANCE_BOUND), Map.entry("epochs", EPOCHS),
        Map.entry("recEpochs", REC_EPOCHS), Map.entry("batch", BATCH), Map.entry("lrBoundaries", LEARNING_RATE),
        Map.entry("lrValues", LEARNING_RATE), Map.entry("betaSchedule", BETA_SCHEDULE), Map.entry("beta0", BETA0),
        Map.entry("nu", NU), Map.entry("tau", TAU), Map.entry("fixedBeta", FIXED_BETA), Map.entry("cycles", CYCLES),
        Map.entry("cycleRatio", CYCLE_RATIO), Map.entry("subLatentSchedule", SUB_LATENT_SCHEDULE),
        Map.entry("betaP0", BETA_P0), Map.entry("seed", SEED), Map.entry("checkpointEvery", CHECKPOINT_EVERY),
        Map.entry("semiSupervised", SEMI_SUPERVISED), Map.entry("outputVarianceStart", OUTPUT_VARIANCE_START),
        Map.entry("outputVarianceRate", OUTPUT_VARIANCE_RATE));

    /** @return the options of {@link VaeSettings#defaults(boolean) VaeSettings.defaults(false)} (standard prior) */
    public static LearnerOptions defaults() {
        return of(VaeSettings.defaults(false));
    }

    /**
     * @param s engine settings
     * @return the same settings as dialog options (grid and channels dropped)
     */
    public static LearnerOptions of(final VaeSettings s) {
        return new LearnerOptions(ArchitectureOptions.of(s.architecture()), PriorOptions.of(s.priorAndLoss()),
            ScheduleOptions.of(s.schedule()), s.beta(), s.run());
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
        return titled(() -> new VaeSettings(architecture.toEngine(grid, channels), prior.toEngine(),
            schedule.toEngine(), beta, run));
    }

    /**
     * Runs a step that builds engine settings, so that an engine's message ("beta0 = 0.0: must be positive") comes
     * out under the dialog title of its option ("Initial beta: beta0 = 0.0: ..."); a message that already starts with
     * a dialog title is kept.
     *
     * @param build builds engine settings (or a part of them)
     * @return what it built
     * @throws IllegalArgumentException "&lt;dialog title&gt;: &lt;reason&gt;" if it rejects a value
     */
    public static <T> T titled(final Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            final String m = Objects.requireNonNullElse(e.getMessage(), "");
            if (TITLES.values().stream().anyMatch(t -> m.startsWith(t + ":"))) {
                throw e instanceof IllegalArgumentException iae ? iae : new IllegalArgumentException(m, e);
            }
            throw new IllegalArgumentException(title(m) + ": " + m, e);
        }
    }

    /** @return these options with another architecture */
    public LearnerOptions with(final ArchitectureOptions value) {
        return new LearnerOptions(value, prior, schedule, beta, run);
    }

    /** @return these options with another prior */
    public LearnerOptions with(final PriorOptions value) {
        return new LearnerOptions(architecture, value, schedule, beta, run);
    }

    /** @return these options with another schedule */
    public LearnerOptions with(final ScheduleOptions value) {
        return new LearnerOptions(architecture, prior, value, beta, run);
    }

    /** The dialog title of the component the engine's message starts with (the longest such name). */
    static String title(final String message) {
        final String m = Objects.requireNonNullElse(message, "");
        return TITLES.keySet().stream()
            .filter(k -> m.startsWith(k) && (m.length() == k.length() || !Character.isLetterOrDigit(m.charAt(k.length()))))
            .max(Comparator.comparingInt(String::length)).map(TITLES::get).orElse("Settings");
    }
}
