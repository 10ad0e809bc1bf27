package org.fieldvae.nn;

import org.fieldvae.nn.kernel.ConvolutionGradient;
import org.fieldvae.nn.kernel.Planes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Convolution k x k, no bias: y = w * x (cross-correlation, as PyTorch's Conv2d). */
public final class Conv extends Layer {
    private final ParameterStore store;
    private final ParameterStore.Entry weight;
    private final int k;
    private final int stride;
    private final int pad;
    private final boolean inputGradient;
    /** Whether ND4J runs on the CPU, for {@link KernelDispatch#convolutionBackward}. */
    private final boolean cpu;
    /** The plain-Java gradients, made on the first backward pass that {@link KernelDispatch} gives them. */
    private ConvolutionGradient gradient;
    private INDArray input;

    /** A convolution whose backward pass returns the input gradient. */
    public Conv(ParameterStore store, String name, int in, int out, int k, int stride, int pad) {
        this(store, name, in, out, k, stride, pad, true);
    }

    /**
     * @param store         where the weight [k, k, in, out] is declared
     * @param name          the weight's name prefix in the store
     * @param inputGradient false for a first layer, whose input is data: backward then returns null
     */
    public Conv(ParameterStore store, String name, int in, int out, int k, int stride, int pad, boolean inputGradient) {
        this.inputGradient = inputGradient;
        this.store = store;
        this.weight = store.declare(name + ".weight", new long[] {k, k, in, out}, ParameterStore.Start.WEIGHT,
                in * k * k, out * k * k);
        this.k = k;
        this.stride = stride;
        this.pad = pad;
        this.cpu = Backend.onCpu();
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        long size = (x.size(2) + 2L * pad - k) / stride + 1;
        INDArray y = Nd4j.create(x.dataType(), x.size(0), store.value(weight).size(3), size, size);
        forward(x, y);
        return y;
    }

    /** The forward pass into a given output, which may be a channel range of a larger array. */
    void forward(INDArray x, INDArray y) {
        input = x;
        NativeOp.exec("conv2d", new INDArray[] {x, store.value(weight)}, new INDArray[] {y},
                ConvArgs.of(k, stride, pad, ConvArgs.HWIO_WEIGHTS));
    }

    /**
     * One of three routes, which {@link KernelDispatch#convolutionBackward} chooses by backend, precision, stride,
     * kernel size and plane size; all give the same gradients up to rounding.
     */
    @Override
    public INDArray backward(INDArray gradOut) {
        INDArray gradIn = switch (KernelDispatch.convolutionBackward(cpu, stride, k, input.dataType(), input.size(2))) {
            case JAVA_KERNEL -> javaKernelBackward(gradOut);
            case CONV2D_BP -> conv2dBackward(gradOut);
            case TWO_CONVOLUTIONS -> twoConvolutionsBackward(gradOut);
        };
        input = null;
        return gradIn;
    }

    /** Both gradients from {@link ConvolutionGradient}, in plain Java on the arrays' host memory. */
    private INDArray javaKernelBackward(INDArray gradOut) {
        if (gradient == null) {
            gradient = new ConvolutionGradient(k, pad);
        }
        INDArray gradIn = inputGradient ? Nd4j.create(input.dataType(), input.shape()) : null;
        float[] gradW = new float[(int) weight.length()];
        gradient.backward(Planes.of(input), store.getFloats(weight), Planes.of(gradOut),
                gradIn == null ? null : Planes.of(gradIn), gradW);
        store.setGradient(weight, gradW);
        return gradIn;
    }

    /** libnd4j's conv2d_bp, which always computes dx (dropped for a first layer). */
    private INDArray conv2dBackward(INDArray gradOut) {
        INDArray gradIn = Nd4j.create(input.dataType(), input.shape());
        NativeOp.exec("conv2d_bp", new INDArray[] {input, store.value(weight), gradOut},
                new INDArray[] {gradIn, store.gradient(weight)},
                ConvArgs.of(k, stride, pad, ConvArgs.HWIO_WEIGHTS));
        return inputGradient ? gradIn : null;
    }

    /**
     * For stride 1 the two halves of the backward pass are themselves convolutions: dx is the transposed
     * convolution of dy, and dw[a][b][c][o] = sum_{n,h,w} xpad[n][c][h + a][w + b] dy[n][o][h][w] is a convolution of
     * x with channels and batch swapped, by the kernel dy (swapped likewise).
     */
    private INDArray twoConvolutionsBackward(INDArray gradOut) {
        INDArray w = store.value(weight);
        DataType type = input.dataType();
        long n = input.size(0);
        long in = input.size(2);
        INDArray gradIn = null;
        if (inputGradient) {
            long full = (gradOut.size(2) - 1) * stride + k;
            INDArray fullGrad = Nd4j.create(type, n, w.size(2), full, full);
            // deconv2d weights [kH, kW, out of deconv, in of deconv] are exactly this conv's [kH, kW, in, out]
            NativeOp.exec("deconv2d", new INDArray[] {gradOut, w}, new INDArray[] {fullGrad},
                    ConvArgs.of(k, stride, 0, ConvArgs.HWIO_WEIGHTS));
            // a view: the consumers (batch norm, deconv backward) read strided planes, so no copy
            gradIn = full == in && pad == 0 ? fullGrad
                    : fullGrad.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(pad, pad + in),
                            NDArrayIndex.interval(pad, pad + in));
        }
        // permuted views, not copies: libnd4j's conv2d reads strided arrays, as fast as contiguous ones here
        INDArray swapped = input.permute(1, 0, 2, 3);
        INDArray kernel = gradOut.permute(2, 3, 0, 1);
        int size = (int) gradOut.size(2);
        long span = in + 2L * pad - ((long) stride * (size - 1) + 1) + 1;
        INDArray gradW = Nd4j.create(type, w.size(2), w.size(3), span, span);
        NativeOp.exec("conv2d", new INDArray[] {swapped, kernel}, new INDArray[] {gradW},
                new int[] {size, size, 1, 1, pad, pad, stride, stride, 0, ConvArgs.NCHW, ConvArgs.HWIO_WEIGHTS});
        INDArray cropped = span == k ? gradW
                : gradW.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, k),
                        NDArrayIndex.interval(0, k));
        store.gradient(weight).assign(cropped.permute(2, 3, 0, 1));
        return gradIn;
    }
}
