package org.fieldvae.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Transposed convolution k x k, stride s, no bias, with PyTorch's padding p and output padding op:
 * the full deconvolution (padding 0, size (m - 1) s + k) cropped to rows and columns [p, full - p + op),
 * because libnd4j's deconv2d has no output padding (docs/dl4j-notes.md).
 */
public final class Deconv extends Layer {
    private final ParameterStore store;
    private final ParameterStore.Entry weight;
    private final int k;
    private final int stride;
    private final int pad;
    private final int outPad;
    private INDArray input;

    public Deconv(ParameterStore store, String name, int in, int out, int k, int stride, int pad, int outPad) {
        this.store = store;
        // PyTorch computes the fans of a transposed convolution from weight dims 1 and 0: fan_in = out k^2
        this.weight = store.declare(name + ".weight", new long[] {in, out, k, k}, ParameterStore.Start.WEIGHT,
                out * k * k, in * k * k);
        this.k = k;
        this.stride = stride;
        this.pad = pad;
        this.outPad = outPad;
    }

    private long fullSize(INDArray x) {
        return (x.size(2) - 1) * stride + k;
    }

    private INDArray crop(INDArray full) {
        long end = full.size(2) - pad + outPad;
        return full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(pad, end),
                NDArrayIndex.interval(pad, end));
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        input = x;
        INDArray w = store.value(weight);
        long full = fullSize(x);
        INDArray y = Nd4j.create(x.dataType(), x.size(0), w.size(1), full, full);
        NativeOp.exec("deconv2d", new INDArray[] {x, w}, new INDArray[] {y},
                ConvArgs.of(k, stride, 0, ConvArgs.PYTORCH_TRANSPOSED_WEIGHTS));
        return crop(y).dup('c');
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        INDArray w = store.value(weight);
        long full = fullSize(input);
        INDArray gradFull = Nd4j.zeros(input.dataType(), input.size(0), w.size(1), full, full);
        crop(gradFull).assign(gradOut);
        INDArray gradIn = Nd4j.create(input.dataType(), input.shape());
        NativeOp.exec("deconv2d_bp", new INDArray[] {input, w, gradFull},
                new INDArray[] {gradIn, store.gradient(weight)},
                ConvArgs.of(k, stride, 0, ConvArgs.PYTORCH_TRANSPOSED_WEIGHTS));
        input = null;
        return gradIn;
    }
}
