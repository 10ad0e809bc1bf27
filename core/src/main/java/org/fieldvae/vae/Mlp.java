package org.fieldvae.vae;

/**
 * A small fully connected network in plain Java doubles, in -> hidden -> hidden -> out with ReLU on the
 * hidden layers and none on the output: the prior encoder and decoder of the hierarchical prior
 * (docs/paper-facts.md, "Hierarchical prior"; FieldVAE implements the intended two hidden layers). Its
 * weights live in the {@link ParameterStore}; they are read at the start of each evaluation.
 */
final class Mlp {
    private final ParameterStore store;
    private final ParameterStore.Entry[] weights = new ParameterStore.Entry[3];
    private final ParameterStore.Entry[] biases = new ParameterStore.Entry[3];
    private final int[] sizes;
    private double[][] w;
    private double[][] b;
    private double[][][] activations;
    private double[][] gradW;
    private double[][] gradB;

    Mlp(ParameterStore store, String name, int in, int hidden, int out) {
        this.store = store;
        sizes = new int[] {in, hidden, hidden, out};
        for (int l = 0; l < 3; l++) {
            weights[l] = store.declare(name + ".linear" + l + ".weight", new long[] {sizes[l], sizes[l + 1]},
                    ParameterStore.Start.WEIGHT, sizes[l], sizes[l + 1]);
            biases[l] = store.declare(name + ".linear" + l + ".bias", new long[] {sizes[l + 1]},
                    ParameterStore.Start.BIAS, sizes[l], sizes[l + 1]);
        }
    }

    /** Reads the current weights and zeroes the gradient accumulators. */
    void load() {
        w = new double[3][];
        b = new double[3][];
        gradW = new double[3][];
        gradB = new double[3][];
        for (int l = 0; l < 3; l++) {
            w[l] = store.get(weights[l]);
            b[l] = store.get(biases[l]);
            gradW[l] = new double[w[l].length];
            gradB[l] = new double[b[l].length];
        }
    }

    /** @param x inputs [sample][in], not modified; @return outputs [sample][out] */
    double[][] forward(double[][] x) {
        activations = new double[4][][];
        activations[0] = x;
        for (int l = 0; l < 3; l++) {
            double[][] in = activations[l];
            double[][] out = new double[in.length][sizes[l + 1]];
            for (int s = 0; s < in.length; s++) {
                for (int j = 0; j < sizes[l + 1]; j++) {
                    double sum = b[l][j];
                    for (int i = 0; i < sizes[l]; i++) {
                        sum += in[s][i] * w[l][i * sizes[l + 1] + j];
                    }
                    out[s][j] = l < 2 ? Math.max(0.0, sum) : sum;
                }
            }
            activations[l + 1] = out;
        }
        return activations[3];
    }

    /** Accumulates the weight gradients of sum(gradOut . output); @return the gradient of the input */
    double[][] backward(double[][] gradOut) {
        double[][] g = gradOut;
        for (int l = 2; l >= 0; l--) {
            double[][] in = activations[l];
            double[][] gradIn = new double[in.length][sizes[l]];
            for (int s = 0; s < in.length; s++) {
                for (int j = 0; j < sizes[l + 1]; j++) {
                    double gj = l < 2 && activations[l + 1][s][j] <= 0 ? 0.0 : g[s][j];
                    if (gj == 0.0) {
                        continue;
                    }
                    gradB[l][j] += gj;
                    for (int i = 0; i < sizes[l]; i++) {
                        gradW[l][i * sizes[l + 1] + j] += in[s][i] * gj;
                        gradIn[s][i] += w[l][i * sizes[l + 1] + j] * gj;
                    }
                }
            }
            g = gradIn;
        }
        return g;
    }

    /** Writes the accumulated gradients into the store. */
    void storeGradients() {
        for (int l = 0; l < 3; l++) {
            store.setGradient(weights[l], gradW[l]);
            store.setGradient(biases[l], gradB[l]);
        }
    }
}
