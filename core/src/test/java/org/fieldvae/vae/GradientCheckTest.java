package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.fieldvae.nn.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hand-written backward pass against central finite differences of the objective, in double
 * precision, for every tensor of the net (convolutions, transposed convolutions, batch norm, linear
 * layers, output log-variance, prior networks) with every prior and the semi-supervised term on: checks the
 * gradients of Eq. 7 (the objective), 20-21 (L_REC), 4 and 10-14 (L_REG) and 29 (L_LABEL) of the paper;
 * docs/equations.md.
 */
class GradientCheckTest {
    /** Central differences with h = 1e-5 are accurate to about h^2 ~ 1e-10 relative; 1e-5 leaves room for rounding. */
    private static final double TOLERANCE = 1e-5;
    private static final double STEP = 1e-5;
    /** Entries checked per tensor (random positions): every tensor is covered, the run stays short. */
    private static final int SAMPLES_PER_TENSOR = 3;

    @ParameterizedTest
    @EnumSource(PriorKind.class)
    void analyticGradientMatchesFiniteDifferences(PriorKind prior) {
        checkAgainstFiniteDifferences(TinyVae.settings(prior).withSemiSupervised(true));
    }

    /**
     * Dense blocks of several layers, so that layers read channel views of the block's array and add their input
     * gradients into the channel views of the block's gradient (each block of the tiny net has one layer).
     */
    @Test
    void deepDenseBlocksMatchFiniteDifferences() {
        checkAgainstFiniteDifferences(TinyVae.settings(PriorKind.STANDARD).withSemiSupervised(true)
                .withArchitecture(17, new int[] {3, 2, 3}, 3, 2, 2));
    }

    private static void checkAgainstFiniteDifferences(VaeSettings s) {
        DenseVae vae = new DenseVae(s, DataType.DOUBLE);
        int batch = 4;
        double[][] theta = new double[batch][2];
        float[] fields = TrainedModel.flatten(TinyVae.fields(batch, 17, 3, theta));
        SplittableRandom random = new SplittableRandom(11);
        double[][] eps = noise(random, batch);
        double[][] eps2 = noise(random, batch);
        boolean[] labelled = {true, false, true, false};
        double beta = 0.7;
        double betaP = 0.6;

        vae.step(fields, eps, eps2, theta, labelled, beta, betaP, true);
        double[] analytic = vae.params.gradients().toDoubleVector();
        INDArray flat = vae.params.values();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (ParameterStore.Entry e : vae.params.entries()) {
            for (int t = 0; t < Math.min(SAMPLES_PER_TENSOR, e.length()); t++) {
                long k = e.offset() + random.nextLong(e.length());
                double original = flat.getDouble(k);
                flat.putScalar(k, original + STEP);
                double plus = vae.step(fields, eps, eps2, theta, labelled, beta, betaP, false).total();
                flat.putScalar(k, original - STEP);
                double minus = vae.step(fields, eps, eps2, theta, labelled, beta, betaP, false).total();
                flat.putScalar(k, original);
                double numeric = (plus - minus) / (2 * STEP);
                double error = Math.abs(numeric - analytic[(int) k]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic[(int) k]));
                checked++;
                if (error > TOLERANCE) {
                    failures.add(e.name() + "[" + (k - e.offset()) + "]: analytic " + analytic[(int) k] + ", numeric " + numeric);
                }
            }
        }
        assertTrue(checked > 120, "checked " + checked);
        assertEquals(List.of(), failures);
    }

    /**
     * Training runs in float32 on oneDNN kernels (conv, batch norm), the check above in float64 on the
     * generic ones: both must give the same gradient, to float32 rounding amplified by the net's depth.
     */
    @ParameterizedTest
    @EnumSource(value = PriorKind.class, names = {"STANDARD", "HIERARCHICAL"})
    void float32KernelsGiveTheDoublePrecisionGradient(PriorKind prior) {
        VaeSettings s = TinyVae.settings(prior);
        int batch = 4;
        float[] fields = TrainedModel.flatten(TinyVae.fields(batch, 17, 3, null));
        SplittableRandom random = new SplittableRandom(5);
        double[][] eps = noise(random, batch);
        double[][] eps2 = noise(random, batch);
        DenseVae single = new DenseVae(s, DataType.FLOAT);
        DenseVae dual = new DenseVae(s, DataType.DOUBLE);
        dual.params.setAll(TrainedModel.toDoubles(TrainedModel.toFloats(single.params)));
        single.step(fields, eps, eps2, null, null, 0.5, 1.0, true);
        dual.step(fields, eps, eps2, null, null, 0.5, 1.0, true);
        double[] g32 = single.params.gradients().toDoubleVector();
        double[] g64 = dual.params.gradients().toDoubleVector();
        for (ParameterStore.Entry e : dual.params.entries()) {
            double diff = 0;
            double norm = 0;
            for (long k = e.offset(); k < e.offset() + e.length(); k++) {
                diff += Math.pow(g32[(int) k] - g64[(int) k], 2);
                norm += Math.pow(g64[(int) k], 2);
            }
            assertTrue(Math.sqrt(diff) <= 1e-3 * Math.sqrt(norm) + 1e-6,
                    e.name() + ": |g32 - g64| = " + Math.sqrt(diff) + ", |g64| = " + Math.sqrt(norm));
        }
    }

    private static double[][] noise(SplittableRandom random, int batch) {
        double[][] n = new double[batch][2];
        for (double[] row : n) {
            for (int j = 0; j < row.length; j++) {
                row[j] = TinyVae.gaussian(random);
            }
        }
        return n;
    }
}
