package org.fieldvae.nn;

import org.fieldvae.nn.kernel.BatchNormReluKernel;
import org.fieldvae.nn.kernel.Planes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm followed by ReLU ({@link BatchNormReluKernel} on the CPU, {@link BatchNormReluOps} on a GPU).
 * Training: y = max(0, gamma (x - mean_B) / sqrt(var_B + eps) + beta) with the batch's biased variance, and running
 * statistics r <- (1 - m) r + m s with momentum m = 0.1 and the unbiased variance (PyTorch's convention).
 * Inference uses the running statistics, so an encoding depends neither on the batch nor on its size.
 */
public final class BatchNormRelu extends Layer {
    static final double EPS = 1e-5;
    static final double MOMENTUM = 0.1;
    private final ParameterStore store;
    private final ParameterStore state;
    private final ParameterStore.Entry gamma;
    private final ParameterStore.Entry beta;
    private final ParameterStore.Entry runningMean;
    private final ParameterStore.Entry runningVar;
    private final boolean hostKernel;
    private INDArray input;
    private double[] mean;
    private double[] var;

    /** The batch-norm layer that {@link KernelDispatch#batchNormOnHost} gives to this backend. */
    public BatchNormRelu(ParameterStore store, ParameterStore state, String name, int channels) {
        this(store, state, name, channels, KernelDispatch.batchNormOnHost(Backend.onCpu()));
    }

    /**
     * @param hostKernel whether to run {@link BatchNormReluKernel} (on the CPU backend) rather than
     *                   {@link BatchNormReluOps} (libnd4j's ops, which a GPU backend runs on the device)
     */
    BatchNormRelu(ParameterStore store, ParameterStore state, String name, int channels, boolean hostKernel) {
        this.hostKernel = hostKernel;
        this.store = store;
        this.state = state;
        long[] shape = {channels};
        gamma = store.declare(name + ".gamma", shape, ParameterStore.Start.ONES);
        beta = store.declare(name + ".beta", shape, ParameterStore.Start.ZEROS);
        runningMean = state.declare(name + ".running_mean", shape, ParameterStore.Start.ZEROS);
        runningVar = state.declare(name + ".running_var", shape, ParameterStore.Start.ONES);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        int channels = (int) x.size(1);
        double[] m;
        double[] v;
        if (training) {
            m = new double[channels];
            v = new double[channels];
            if (hostKernel) {
                BatchNormReluKernel.moments(Planes.of(x), m, v);
            } else {
                BatchNormReluOps.moments(x, m, v);
            }
            updateRunningStatistics(m, v, (double) (x.length() / channels));
            input = x;
            mean = m;
            var = v;
        } else {
            m = state.get(runningMean);
            v = state.get(runningVar);
        }
        if (!hostKernel) {
            return BatchNormReluOps.forward(x, m, v, store.get(gamma), store.get(beta), EPS);
        }
        INDArray y = Nd4j.create(x.dataType(), x.shape());
        BatchNormReluKernel.forward(Planes.of(x), Planes.of(y), m, v, store.get(gamma), store.get(beta), EPS);
        return y;
    }

    /** r <- (1 - m) r + m s, with the unbiased variance count / (count - 1) var_B. */
    private void updateRunningStatistics(double[] m, double[] v, double count) {
        double[] rm = state.get(runningMean);
        double[] rv = state.get(runningVar);
        for (int c = 0; c < rm.length; c++) {
            rm[c] = (1 - MOMENTUM) * rm[c] + MOMENTUM * m[c];
            rv[c] = (1 - MOMENTUM) * rv[c] + MOMENTUM * v[c] * count / (count - 1);
        }
        state.set(runningMean, rm);
        state.set(runningVar, rv);
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        INDArray gradIn = Nd4j.create(input.dataType(), input.shape());
        backward(gradOut, gradIn, false);
        return gradIn;
    }

    /** The backward pass writing dL/dx into gradIn, or adding it when {@code accumulate}. */
    void backward(INDArray gradOut, INDArray gradIn, boolean accumulate) {
        double[] gradGamma = new double[mean.length];
        double[] gradBeta = new double[mean.length];
        if (hostKernel) {
            BatchNormReluKernel.backward(Planes.of(input), Planes.of(gradOut), Planes.of(gradIn), accumulate, mean,
                    var, store.get(gamma), store.get(beta), EPS, gradGamma, gradBeta);
        } else {
            BatchNormReluOps.backward(input, gradOut, gradIn, accumulate, mean, var, store.get(gamma),
                    store.get(beta), EPS, gradGamma, gradBeta);
        }
        store.setGradient(gamma, gradGamma);
        store.setGradient(beta, gradBeta);
        input = null;
        mean = null;
        var = null;
    }
}
