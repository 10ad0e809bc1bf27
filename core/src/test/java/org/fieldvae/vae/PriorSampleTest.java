package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.fieldvae.nn.ParameterStore;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Samples of the prior p(z) that the report draws against q(z) (paper Section 2.3 and Fig. 17, docs/equations.md). */
class PriorSampleTest {
    private static final int COUNT = 20_000;

    /** The scaled prior N(0, diag(1, 2)): sample variances within 5% (their standard error is 1%). */
    @Test
    void scaledPriorSamplesHaveItsVariances() {
        double[][] z = TinyVae.regulariser(TinyVae.settings(PriorKind.SCALED), 3).samplePrior(normals(1), normals(2));
        assertEquals(1.0, variance(z, 0), 0.05);
        assertEquals(2.0, variance(z, 1), 0.10);
    }

    /**
     * The hierarchical prior with a decoder whose last layer has zero weights and bias b, and log-variance c_p:
     * p(z|xi) = N(b, exp(c_p)) whatever xi, so p(z) = N(b, exp(c_p)).
     */
    @Test
    void hierarchicalPriorSamplesFollowItsDecoder() {
        for (HpDecoder decoder : HpDecoder.values()) {
            VaeSettings s = TinyVae.settings(PriorKind.HIERARCHICAL).withHpDecoder(decoder);
            ParameterStore store = new ParameterStore();
            Regulariser r = new Regulariser(s, store, new LogVarianceBound(s.priorAndLoss().logVarianceBound()));
            store.allocate(DataType.DOUBLE);
            store.initialise(s.architecture().init(), 3);
            int last = decoder.sizes(2).length - 2;
            for (ParameterStore.Entry e : store.entries()) {
                if (e.name().equals("prior.decoder.linear" + last + ".weight")) {
                    store.set(e, new double[(int) e.length()]);
                } else if (e.name().equals("prior.decoder.linear" + last + ".bias")) {
                    store.set(e, new double[] {0.5, 1.5});
                } else if (e.name().equals("prior.decoder.logvar")) {
                    store.set(e, new double[] {Math.log(0.25), Math.log(4.0)});
                }
            }
            double[][] z = r.samplePrior(normals(1), normals(2));
            assertEquals(0.5, mean(z, 0), 0.02, decoder.name());
            assertEquals(1.5, mean(z, 1), 0.06, decoder.name());
            assertEquals(0.25, variance(z, 0), 0.0125, decoder.name());
            assertEquals(4.0, variance(z, 1), 0.2, decoder.name());
        }
    }

    /** The as-coded decoder's mean passes a ReLU: with a negative bias and zero weights it is 0, not the bias. */
    @Test
    void asCodedDecoderMeanIsNeverNegative() {
        VaeSettings s = TinyVae.settings(PriorKind.HIERARCHICAL).withHpDecoder(HpDecoder.AS_CODED);
        ParameterStore store = new ParameterStore();
        Regulariser r = new Regulariser(s, store, new LogVarianceBound(s.priorAndLoss().logVarianceBound()));
        store.allocate(DataType.DOUBLE);
        store.initialise(s.architecture().init(), 3);
        for (ParameterStore.Entry e : store.entries()) {
            if (e.name().equals("prior.decoder.linear1.weight")) {
                store.set(e, new double[(int) e.length()]);
            } else if (e.name().equals("prior.decoder.linear1.bias")) {
                store.set(e, new double[] {-2.0, 1.0});
            } else if (e.name().equals("prior.decoder.logvar")) {
                store.set(e, new double[] {-30, -30});
            }
        }
        double[][] z = r.samplePrior(normals(1), normals(2));
        assertTrue(Math.abs(mean(z, 0)) < 1e-3, "mean " + mean(z, 0));
        assertEquals(1.0, mean(z, 1), 1e-3);
    }


    private static double[][] normals(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] g = new double[COUNT][2];
        for (double[] row : g) {
            row[0] = TinyVae.gaussian(random);
            row[1] = TinyVae.gaussian(random);
        }
        return g;
    }

    private static double mean(double[][] z, int j) {
        double sum = 0;
        for (double[] row : z) {
            sum += row[j];
        }
        return sum / z.length;
    }

    private static double variance(double[][] z, int j) {
        double m = mean(z, j);
        double sum = 0;
        for (double[] row : z) {
            sum += (row[j] - m) * (row[j] - m);
        }
        return sum / (z.length - 1);
    }
}
