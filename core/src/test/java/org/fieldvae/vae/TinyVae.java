package org.fieldvae.vae;

import java.util.SplittableRandom;

import org.fieldvae.nn.ParameterStore;
import org.nd4j.linalg.api.buffer.DataType;

/** Tiny configurations and smooth test fields shared by the tests of this package. */
final class TinyVae {
    private TinyVae() {
    }

    /** 17 x 17, blocks [1, 1, 1], growth 2, initial features 2, latent 2: a net of about 10^3 parameters. */
    static VaeSettings settings(PriorKind prior) {
        VaeSettings s = VaeSettings.defaults(prior == PriorKind.HIERARCHICAL)
                .withArchitecture(17, new int[] {1, 1, 1}, 2, 2, 2)
                .withTraining(20, 5, 8)
                .withLearningRate(1e-3)
                .withCheckpointEvery(5);
        return prior == PriorKind.SCALED ? s.withPrior(prior, new double[] {1.0, 2.0}) : s;
    }

    /**
     * Fields with two generative factors, standing in for KLE2 data: channel c of sample s is
     * (c + 1) (theta_1 sin(pi x) + theta_2 cos(pi y) x) + c/4 on the unit-square nodes, theta ~ N(0, I).
     *
     * @return fields [sample][channel][i][j]; theta written into the given array [sample][2]
     */
    static float[][][][] fields(int count, int grid, long seed, double[][] theta) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][][][] f = new float[count][3][grid][grid];
        for (int s = 0; s < count; s++) {
            double t1 = gaussian(random);
            double t2 = gaussian(random);
            if (theta != null) {
                theta[s][0] = t1;
                theta[s][1] = t2;
            }
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < grid; i++) {
                    for (int j = 0; j < grid; j++) {
                        double x = i / (grid - 1.0);
                        double y = j / (grid - 1.0);
                        f[s][c][i][j] = (float) ((c + 1) * (t1 * Math.sin(Math.PI * x) + t2 * Math.cos(Math.PI * y) * x)
                                + c / 4.0);
                    }
                }
            }
        }
        return f;
    }

    /** The regulariser of the settings' prior, its weights in double precision, initialised from the seed. */
    static Regulariser regulariser(VaeSettings s, long seed) {
        ParameterStore store = new ParameterStore();
        Regulariser r = new Regulariser(s, store, new LogVarianceBound(s.priorAndLoss().logVarianceBound()));
        store.allocate(DataType.DOUBLE);
        store.initialise(s.architecture().init(), seed);
        return r;
    }

    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
