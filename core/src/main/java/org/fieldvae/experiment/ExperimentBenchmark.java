package org.fieldvae.experiment;

import java.util.Locale;

import org.fieldvae.Check;
import org.fieldvae.vae.VaeBenchmark;

/**
 * How long a run's training takes, from timed training steps of its network and batch: the quickstart's
 * speed target (the whole run in at most 10 minutes on two cores) is checked with it, not with a timed
 * test. Training is nearly all of a quickstart's time (generation, encoding and scoring take seconds), and
 * it is epochs x ceil(trainSamples / batch) identical steps.
 *
 * <p>On a shared machine the median step time measures the load as much as the code; the fastest step is
 * the better estimate of an unloaded machine, so both extrapolations are given.
 */
public final class ExperimentBenchmark {
    private ExperimentBenchmark() {
    }

    /**
     * @param steps            timed steps
     * @param medianStep       median seconds per training step
     * @param fastestStep      fastest step, seconds
     * @param trainingSteps    steps of the whole training: epochs x ceil(trainSamples / batch)
     */
    public record Estimate(int steps, double medianStep, double fastestStep, long trainingSteps) {
        /** Training time extrapolated from the median step, seconds. */
        public double medianTrainingSeconds() {
            return medianStep * trainingSteps;
        }

        /** Training time extrapolated from the fastest step, seconds. */
        public double fastestTrainingSeconds() {
            return fastestStep * trainingSteps;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "training step: median %.0f ms, fastest %.0f ms over %d steps; "
                    + "%d steps of training: %.1f min (median), %.1f min (fastest)", medianStep * 1e3,
                    fastestStep * 1e3, steps, trainingSteps, medianTrainingSeconds() / 60,
                    fastestTrainingSeconds() / 60);
        }
    }

    /**
     * Times training steps of the run's network at its batch size on random fields and extrapolates to the
     * run's whole training.
     *
     * @param steps timed steps after 3 untimed warm-up steps, >= 1
     */
    public static Estimate training(RunSettings settings, int steps) {
        Check.atLeast("steps", steps, 1);
        VaeBenchmark.Result r = VaeBenchmark.trainingStep(settings.vae(), 3, steps);
        double fastest = Double.POSITIVE_INFINITY;
        for (double t : r.stepSeconds()) {
            fastest = Math.min(fastest, t);
        }
        long perEpoch = (settings.data().trainSamples() + settings.schedule().batch() - 1) / settings.schedule().batch();
        return new Estimate(steps, r.medianSeconds(), fastest, perEpoch * settings.schedule().epochs());
    }

    /** The quickstart's defaults: {@code java ... org.fieldvae.experiment.ExperimentBenchmark [steps]}. */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        System.out.println(training(RunSettings.quickstartDefaults(), steps));
    }
}
