package org.fieldvae.vae;

import java.util.Arrays;

/**
 * Named training schedules (docs/paper-facts.md "Training schedule"): which epochs train on L_REC alone, how
 * beta and the learning rate move, how fast the output log-variance learns. A schedule is stretched over the
 * epochs it is given and writes its choices into the {@link VaeSettings}, so a model file records what ran.
 */
public enum TrainingSchedule {
    /**
     * The authors' schedule, exactly at the paper's epochs. Standard and scaled prior: 6500 epochs, the first
     * 4000 on L_REC alone, Adam at 5e-4 then 1e-4 from epoch 5900. Hierarchical prior: 14000 epochs, 6500 on
     * L_REC alone, 3e-4, then 5e-5 from epoch 6499 and 2.5e-5 from 12500. Klushyn's beta scheduler
     * (beta0 = 1e-9, nu = 0.005, tau = 1), the output log-variance starting at 0 and learning at the network's
     * rate. At other epoch counts every boundary keeps its fraction of the run.
     */
    PAPER {
        @Override
        public VaeSettings apply(VaeSettings s, int epochs) {
            boolean hp = s.priorAndLoss().prior() == PriorKind.HIERARCHICAL;
            double paperEpochs = defaultEpochs(hp);
            int rec = (int) Math.round(epochs * (hp ? 6500 : 4000) / paperEpochs);
            double[] drops = hp ? new double[] {6499, 12500} : new double[] {5900};
            double[] rates = hp ? new double[] {3e-4, 5e-5, 2.5e-5} : new double[] {5e-4, 1e-4};
            return withPaperBeta(withDrops(s.withEpochs(epochs, rec), epochs, drops, paperEpochs, rates))
                    .withOutputVarianceStart(OutputVarianceStart.ZERO).withOutputVarianceRate(1.0);
        }

        @Override
        public int defaultEpochs(boolean hierarchical) {
            return hierarchical ? 14000 : 6500;
        }
    },
    /**
     * A schedule that reaches a converged model (beta at 1, L_REC flat) in a small fraction of the paper's
     * epochs, by the same objective:
     * <ul>
     * <li>the first {@value #FAST_REC_FRACTION} of the epochs on L_REC alone (the paper spends 62%);</li>
     * <li>then beta rises linearly from 0 to 1 over {@value #FAST_RAMP_FRACTION} of the remaining epochs and
     *     stays at 1 (monotonic annealing, the one-cycle case of Fu et al.'s cyclical schedule): Klushyn's
     *     scheduler at nu = 0.005 needs hundreds of steps at a negative L_REC to climb from 1e-9, which a
     *     short run does not have;</li>
     * <li>Adam at {@value #FAST_LEARNING_RATE}, a tenth of it for the last {@value #FAST_SETTLE_FRACTION} of the
     *     epochs, so that the run ends on a settled model rather than on a step-size noise spike;</li>
     * <li>the output log-variance learning {@value #FAST_OUTPUT_VARIANCE_RATE} times faster than the network
     *     (see {@link OutputVarianceStart}): from 0 it must reach the log of the residual variance, -8 to -10
     *     for Darcy fields, which at the network's rate takes thousands of steps.</li>
     * </ul>
     * <pre>
     * H. Fu, C. Li, X. Liu, J. Gao, A. Celikyilmaz, L. Carin, Cyclical annealing schedule: a simple approach
     * to mitigating KL vanishing, NAACL 2019.
     * </pre>
     */
    FAST {
        @Override
        public VaeSettings apply(VaeSettings s, int epochs) {
            int rec = (int) Math.round(epochs * FAST_REC_FRACTION);
            double[] drops = {epochs * (1 - FAST_SETTLE_FRACTION)};
            return withDrops(s.withEpochs(epochs, rec), epochs, drops, epochs,
                    new double[] {FAST_LEARNING_RATE, FAST_LEARNING_RATE / 10})
                    .withCyclicalBeta(1.0, 1, FAST_RAMP_FRACTION)
                    .withOutputVarianceStart(OutputVarianceStart.ZERO)
                    .withOutputVarianceRate(FAST_OUTPUT_VARIANCE_RATE);
        }

        @Override
        public int defaultEpochs(boolean hierarchical) {
            return hierarchical ? 600 : 300;
        }
    },
    /**
     * Klushyn's beta scheduler as the paper sets it, at one constant learning rate: the schedule of the reduced
     * scale on which issue 16 compared the priors with the authors' code (docs/learner.md "Which hierarchical
     * prior"), and what FieldVAE ran before schedules had names. 800 epochs, the first
     * {@value #KLUSHYN_REC_FRACTION} of them on L_REC alone, Adam at {@value #KLUSHYN_LEARNING_RATE}, the output
     * log-variance from 0 learning {@value #KLUSHYN_OUTPUT_VARIANCE_RATE} times faster than the network. Beta
     * rises from 1e-9 only while L_REC is below tau, so how fast it reaches 1 depends on the run.
     */
    KLUSHYN {
        @Override
        public VaeSettings apply(VaeSettings s, int epochs) {
            int rec = (int) Math.round(epochs * KLUSHYN_REC_FRACTION);
            return withPaperBeta(s.withEpochs(epochs, rec).withLearningRate(KLUSHYN_LEARNING_RATE))
                    .withOutputVarianceStart(OutputVarianceStart.ZERO)
                    .withOutputVarianceRate(KLUSHYN_OUTPUT_VARIANCE_RATE);
        }

        @Override
        public int defaultEpochs(boolean hierarchical) {
            return 800;
        }
    };

    /** FAST: the fraction of the epochs on L_REC alone. */
    public static final double FAST_REC_FRACTION = 0.2;
    /** FAST: the fraction of the post-reconstruction epochs over which beta rises from 0 to 1. */
    public static final double FAST_RAMP_FRACTION = 0.4;
    /** FAST: the fraction of the epochs, at the end, at a tenth of the learning rate. */
    public static final double FAST_SETTLE_FRACTION = 0.15;
    /** FAST: Adam's learning rate. */
    public static final double FAST_LEARNING_RATE = 1e-3;
    /** FAST: the output log-variance's learning rate as a multiple of the network's. */
    public static final double FAST_OUTPUT_VARIANCE_RATE = 30;

    /**
     * FAST: the fewest Adam steps a run should take. With fewer, the output log-variance has not left 0 when beta
     * rises and the posterior collapses (docs/learner.md "Short runs": 80 epochs of 4 steps collapsed, 80 of 16
     * did not).
     */
    public static final int FAST_MIN_STEPS = 1000;
    /** FAST: the batch sizes {@link #fastBatch} chooses from, largest first (64 is the paper's). */
    private static final int[] FAST_BATCHES = {64, 32, 16, 8};

    /** KLUSHYN: the fraction of the epochs on L_REC alone (100 of 800). */
    public static final double KLUSHYN_REC_FRACTION = 0.125;
    /** KLUSHYN: Adam's learning rate, constant. */
    public static final double KLUSHYN_LEARNING_RATE = 1e-3;
    /** KLUSHYN: the output log-variance's learning rate as a multiple of the network's. */
    public static final double KLUSHYN_OUTPUT_VARIANCE_RATE = 10;

    /** The settings with this schedule stretched over the given epochs (>= 1). */
    public abstract VaeSettings apply(VaeSettings s, int epochs);

    /** The epochs the schedule was designed for. */
    public abstract int defaultEpochs(boolean hierarchical);

    /** The schedule of a lower-case name, for the CLI and sweep specs. */
    public static TrainingSchedule of(String name) {
        for (TrainingSchedule t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("schedule = " + name + ": must be " + names());
    }

    /**
     * The largest of the batch sizes 64, 32, 16 and 8 with which {@code epochs} epochs over {@code samples} samples
     * take at least {@link #FAST_MIN_STEPS} Adam steps (a last partial minibatch counts as a step), or 8 if none does.
     */
    public static int fastBatch(int samples, int epochs) {
        for (int batch : FAST_BATCHES) {
            long steps = (long) epochs * ((samples + batch - 1) / batch);
            if (steps >= FAST_MIN_STEPS) {
                return batch;
            }
        }
        return FAST_BATCHES[FAST_BATCHES.length - 1];
    }

    /** Klushyn's beta scheduler at the paper's constants: beta0 = 1e-9, nu = 0.005, tau = 1. */
    private static VaeSettings withPaperBeta(VaeSettings s) {
        return s.withKlushynBeta(1e-9, 0.005, 1.0);
    }

    /** The names of the schedules, lower case, for messages: "fast, paper or klushyn". */
    public static String names() {
        String[] n = Arrays.stream(values()).map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
        return String.join(", ", Arrays.copyOf(n, n.length - 1)) + " or " + n[n.length - 1];
    }

    /**
     * The learning rates with each drop at its fraction drop / ofEpochs of the run, rounded to an epoch. In a
     * short run a drop that rounds onto the start makes its rate the first, one that rounds onto an earlier drop
     * replaces it, one that rounds onto the end is left out.
     */
    private static VaeSettings withDrops(VaeSettings s, int epochs, double[] drops, double ofEpochs, double[] rates) {
        int[] at = new int[drops.length];
        double[] values = new double[drops.length + 1];
        int n = 0;
        values[0] = rates[0];
        for (int i = 0; i < drops.length; i++) {
            int epoch = (int) Math.round(drops[i] * epochs / ofEpochs);
            if (epoch >= epochs) {
                continue; // a drop the run never reaches
            }
            if (epoch >= 1 && (n == 0 || epoch > at[n - 1])) {
                at[n] = epoch;
                n++;
            }
            values[n] = rates[i + 1];
        }
        return s.withLearningRate(Arrays.copyOf(at, n), Arrays.copyOf(values, n + 1));
    }
}
