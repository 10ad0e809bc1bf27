package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fieldvae.nn.ParameterStore;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The bound on log-variances keeps a gradient (docs/equations.md, L_REG of Eq. 4): a latent log-variance that drifted
 * far below the bound, as it does in a long reconstruction-only phase, is pulled back up by the KL to the prior
 * once beta weighs it, whose derivative d/dlv KL = (exp(lv) - 1) / 2 tends to -1/2, not 0, as lv falls.
 */
class LogVarianceBoundTest {
    private static final int SAMPLES = 16;
    private static final double START = -40.0;

    @Test
    void aLatentLogVarianceFarBelowTheBoundReturnsUnderTheKl() {
        VaeSettings s = TinyVae.settings(PriorKind.STANDARD);
        DenseVae vae = new DenseVae(s, DataType.DOUBLE);
        ParameterStore.Entry bias = vae.params.entries().stream()
                .filter(e -> e.name().equals("encoder_logvar.fc1.bias")).findFirst().orElseThrow();
        vae.params.set(bias, new double[] {START, START});
        float[][][][] fields = TinyVae.fields(SAMPLES, s.architecture().grid(), 3, null);
        float[] flat = TrainedModel.flatten(fields);
        double[][] eps = new double[SAMPLES][2];
        double before = meanRawLogVariance(vae, fields);
        assertTrue(before < -s.priorAndLoss().logVarianceBound() - 10, "the start is far below the bound: " + before);
        for (int step = 0; step < 20; step++) {
            vae.step(flat, eps, eps, null, null, 1.0, 1.0, true);
            double[] g = vae.params.get(bias).clone();
            double[] grad = vae.params.gradient(bias).dup().toDoubleVector();
            for (int j = 0; j < g.length; j++) {
                g[j] -= 1.0 * grad[j];
            }
            vae.params.set(bias, g);
        }
        double after = meanRawLogVariance(vae, fields);
        // plain gradient descent with step 1 on the bias: the KL alone moves it by 1/2 per dimension and step
        // in the per-pixel scale (mean over 2 latent dimensions: 1/4 per step), 5 in 20 steps
        assertTrue(after > before + 4, "raw log-variance " + before + " -> " + after);
    }

    private static double meanRawLogVariance(DenseVae vae, float[][][][] fields) {
        double[][] raw = vae.encode(vae.input(TrainedModel.flatten(fields), fields.length), true)[2];
        double sum = 0;
        for (double[] row : raw) {
            for (double v : row) {
                sum += v;
            }
        }
        return sum / (raw.length * raw[0].length);
    }
}
