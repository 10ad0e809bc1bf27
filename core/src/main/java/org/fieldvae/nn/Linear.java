package org.fieldvae.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** y = x W + b with W of shape [in, out] (PyTorch's Linear with its weight transposed). */
public final class Linear extends Layer {
    private final ParameterStore store;
    private final ParameterStore.Entry weight;
    private final ParameterStore.Entry bias;
    private INDArray input;

    public Linear(ParameterStore store, String name, int in, int out) {
        this.store = store;
        weight = store.declare(name + ".weight", new long[] {in, out}, ParameterStore.Start.WEIGHT, in, out);
        bias = store.declare(name + ".bias", new long[] {out}, ParameterStore.Start.BIAS, in, out);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        input = x;
        INDArray w = store.value(weight);
        INDArray y = Nd4j.create(x.dataType(), x.size(0), w.size(1));
        // BLAS gemm, as the backward pass: INDArray.mmul took about 4x longer on these shapes
        Nd4j.gemm(x, w, y, false, false, 1.0, 0.0);
        return y.addiRowVector(store.value(bias));
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        Nd4j.gemm(input, gradOut, store.gradient(weight), true, false, 1.0, 0.0);
        store.gradient(bias).assign(gradOut.sum(0));
        INDArray gradIn = Nd4j.create(gradOut.dataType(), gradOut.size(0), store.value(weight).size(0));
        Nd4j.gemm(gradOut, store.value(weight), gradIn, false, true, 1.0, 0.0);
        input = null;
        return gradIn;
    }
}
