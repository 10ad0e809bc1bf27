package org.fieldvae.vae;

import java.util.Locale;
import java.util.SplittableRandom;

import org.fieldvae.Check;
import org.fieldvae.Medians;
import org.fieldvae.nn.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Times training steps (forward, backward, Adam update) of the paper's DenseVAE (docs/paper-facts.md defaults,
 * 65 x 65, float32) on random fields: the figure the speed target (150 ms at batch 64 on two
 * cores) is about. A benchmark, not a test: read the median.
 */
public final class VaeBenchmark {
    private VaeBenchmark() {
    }

    /** The timings of one benchmark run. */
    public record Result(double[] stepSeconds, double medianSeconds, long parameterCount, String backend,
            long peakHeapBytes) {
        public Result {
            stepSeconds = stepSeconds.clone();
        }

        @Override
        public double[] stepSeconds() {
            return stepSeconds.clone();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "DenseVAE training step: median %.1f ms over %d steps, %d parameters, %s",
                    medianSeconds * 1e3, stepSeconds.length, parameterCount, backend);
        }
    }

    /**
     * @param settings the net and batch to time ({@link VaeSettings#defaults} for the paper's)
     * @param warmup   untimed steps first (JIT, native caches), >= 0
     * @param steps    timed steps, >= 1
     */
    public static Result trainingStep(VaeSettings settings, int warmup, int steps) {
        Check.atLeast("warmup", warmup, 0);
        Check.atLeast("steps", steps, 1);
        String backend = Backend.ensureLoaded();
        DenseVae vae = new DenseVae(settings, DataType.FLOAT);
        int batch = settings.schedule().batch();
        int n = settings.architecture().grid();
        SplittableRandom random = new SplittableRandom(settings.run().seed());
        float[] fields = new float[batch * settings.architecture().channels() * n * n];
        for (int k = 0; k < fields.length; k++) {
            fields[k] = (float) VaeTrainer.gaussian(random);
        }
        double[][] eps = new double[batch][settings.architecture().latent()];
        double[][] eps2 = new double[batch][settings.architecture().latent()];
        long p = vae.parameterCount();
        INDArray moments = Nd4j.zeros(DataType.FLOAT, 1, 2 * p);
        AdamUpdater adam = new AdamUpdater(new Adam(settings.schedule().lrValues()[0], VaeTrainer.ADAM_BETA1,
                VaeTrainer.ADAM_BETA2, VaeTrainer.ADAM_EPSILON));
        adam.setStateViewArray(moments, new long[] {1, p}, 'c', true);
        INDArray gradients = vae.params.gradients().reshape(1, p);
        INDArray values = vae.params.values().reshape(1, p);
        double[] times = new double[steps];
        long peak = 0;
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            vae.step(fields, eps, eps2, null, null, 1e-3, 1.0, true);
            adam.applyUpdater(gradients, i, 0);
            values.subi(gradients);
            double seconds = (System.nanoTime() - t0) * 1e-9;
            if (i >= warmup) {
                times[i - warmup] = seconds;
            }
            Runtime rt = Runtime.getRuntime();
            peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
        }
        return new Result(times, Medians.of(times).median(), p, backend, peak);
    }

    /** Runs the paper's net at batch 64: {@code java ... org.fieldvae.vae.VaeBenchmark [steps]}. */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Result r = trainingStep(VaeSettings.defaults(false), 3, steps);
        System.out.println(r);
        StringBuilder b = new StringBuilder("steps (ms):");
        for (double t : r.stepSeconds()) {
            b.append(String.format(Locale.ROOT, " %.0f", t * 1e3));
        }
        System.out.println(b);
        System.out.println("peak Java heap in use: " + r.peakHeapBytes() / (1 << 20) + " MB");
    }
}
