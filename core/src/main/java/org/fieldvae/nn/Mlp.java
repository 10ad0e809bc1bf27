package org.fieldvae.nn;

/**
 * A small fully connected network in plain Java doubles, sizes[0] -> sizes[1] -> ... -> sizes[L] with ReLU
 * after every hidden layer and, optionally, after the output: the prior encoder and decoder of the
 * hierarchical prior (docs/paper-facts.md "Hierarchical prior"; org.fieldvae.vae.HpDecoder). Its weights live in the
 * {@link ParameterStore}, layer l's as [in][out] row-major; they are read at the start of each evaluation.
 */
public final class Mlp {
    private final ParameterStore store;
    private final ParameterStore.Entry[] weights;
    private final ParameterStore.Entry[] biases;
    private final int[] sizes;
    private final int layers;
    private final boolean reluOnOutput;
    private double[][] w;
    private double[][] b;
    private double[][][] activations;
    private double[][] gradW;
    private double[][] gradB;

    /**
     * @param sizes        the widths: input, hidden layers, output
     * @param reluOnOutput whether the output passes a ReLU too
     */
    public Mlp(ParameterStore store, String name, int[] sizes, boolean reluOnOutput) {
        this.store = store;
        this.sizes = sizes.clone();
        this.layers = sizes.length - 1;
        this.reluOnOutput = reluOnOutput;
        weights = new ParameterStore.Entry[layers];
        biases = new ParameterStore.Entry[layers];
        for (int l = 0; l < layers; l++) {
            weights[l] = store.declare(name + ".linear" + l + ".weight", new long[] {sizes[l], sizes[l + 1]},
                    ParameterStore.Start.WEIGHT, sizes[l], sizes[l + 1]);
            biases[l] = store.declare(name + ".linear" + l + ".bias", new long[] {sizes[l + 1]},
                    ParameterStore.Start.BIAS, sizes[l], sizes[l + 1]);
        }
    }

    /** Reads the current weights and zeroes the gradient accumulators. */
    public void load() {
        w = new double[layers][];
        b = new double[layers][];
        gradW = new double[layers][];
        gradB = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = store.get(weights[l]);
            b[l] = store.get(biases[l]);
            gradW[l] = new double[w[l].length];
            gradB[l] = new double[b[l].length];
        }
    }

    /** @param x inputs [sample][in], not modified; @return outputs [sample][out] */
    public double[][] forward(double[][] x) {
        activations = new double[layers + 1][][];
        activations[0] = x;
        for (int l = 0; l < layers; l++) {
            double[][] in = activations[l];
            double[][] out = new double[in.length][sizes[l + 1]];
            for (int s = 0; s < in.length; s++) {
                for (int j = 0; j < sizes[l + 1]; j++) {
                    double sum = b[l][j];
                    for (int i = 0; i < sizes[l]; i++) {
                        sum += in[s][i] * w[l][i * sizes[l + 1] + j];
                    }
                    out[s][j] = relu(l) ? Math.max(0.0, sum) : sum;
                }
            }
            activations[l + 1] = out;
        }
        return activations[layers];
    }

    private boolean relu(int layer) {
        return layer < layers - 1 || reluOnOutput;
    }

    /** Accumulates the weight gradients of sum(gradOut . output); @return the gradient of the input */
    public double[][] backward(double[][] gradOut) {
        double[][] g = gradOut;
        for (int l = layers - 1; l >= 0; l--) {
            double[][] in = activations[l];
            double[][] gradIn = new double[in.length][sizes[l]];
            for (int s = 0; s < in.length; s++) {
                for (int j = 0; j < sizes[l + 1]; j++) {
                    double gj = relu(l) && activations[l + 1][s][j] <= 0 ? 0.0 : g[s][j];
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
    public void storeGradients() {
        for (int l = 0; l < layers; l++) {
            store.setGradient(weights[l], gradW[l]);
            store.setGradient(biases[l], gradB[l]);
        }
    }
}
