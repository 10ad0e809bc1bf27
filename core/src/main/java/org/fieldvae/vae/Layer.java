package org.fieldvae.vae;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A layer with a hand-written backward pass that calls libnd4j's ops directly (conv2d/conv2d_bp,
 * deconv2d/deconv2d_bp, gemm, relu_bp): on the oneDNN build the convolutions run as oneDNN kernels with no
 * graph interpreter in between (docs/dl4j-notes.md, "The route taken"). On the CPU backend, batch norm + ReLU
 * ({@link BatchNormReluKernel}) and the gradients of the larger float32 stride-1 convolutions
 * ({@link ConvolutionGradient}) run in plain Java, faster than libnd4j's ops on these shapes.
 * Activations are NCHW; convolution weights are [kH, kW, in, out], transposed-convolution weights
 * [in, out, kH, kW] (PyTorch's layout). {@link #forward} keeps what {@link #backward} needs; backward writes the
 * parameter gradients into the store's gradient views and returns the gradient of the input.
 */
abstract class Layer {

    abstract INDArray forward(INDArray x, boolean training);

    abstract INDArray backward(INDArray gradOut);

    private static final int NCHW = 0;
    /** Weights [kH, kW, in, out]: oneDNN's conv2d runs about 3x faster with it than with [out, in, kH, kW]. */
    private static final int HWIO_WEIGHTS = 0;
    /** Transposed-convolution weights [in, out, kH, kW], PyTorch's ConvTranspose2d layout. */
    private static final int PYTORCH_TRANSPOSED_WEIGHTS = 1;

    private static int[] convArgs(int k, int stride, int pad, int weightFormat) {
        return new int[] {k, k, stride, stride, pad, pad, 1, 1, 0, NCHW, weightFormat};
    }

    /** Convolution k x k, no bias: y = w * x (cross-correlation, as PyTorch's Conv2d). */
    static final class Conv extends Layer {
        /** The smallest plane height whose convolution gradients {@link ConvolutionGradient} computes. */
        static final int JAVA_GRADIENT_MIN_SIZE = 32;
        private final ParameterStore store;
        private final ParameterStore.Entry weight;
        private final int k;
        private final int stride;
        private final int pad;
        private final boolean inputGradient;
        private final ConvolutionGradient gradient;
        private INDArray input;

        Conv(ParameterStore store, String name, int in, int out, int k, int stride, int pad) {
            this(store, name, in, out, k, stride, pad, true);
        }

        /** @param inputGradient false for a first layer, whose input is data: backward then returns null */
        Conv(ParameterStore store, String name, int in, int out, int k, int stride, int pad, boolean inputGradient) {
            this.inputGradient = inputGradient;
            this.store = store;
            this.weight = store.declare(name + ".weight", new long[] {k, k, in, out}, ParameterStore.Start.WEIGHT,
                    in * k * k, out * k * k);
            this.k = k;
            this.stride = stride;
            this.pad = pad;
            this.gradient = stride == 1 && k > 1 && Backend.onCpu() ? new ConvolutionGradient(k, pad) : null;
        }

        @Override
        INDArray forward(INDArray x, boolean training) {
            long size = (x.size(2) + 2L * pad - k) / stride + 1;
            INDArray y = Nd4j.create(x.dataType(), x.size(0), store.value(weight).size(3), size, size);
            forward(x, y);
            return y;
        }

        private boolean javaGradient() {
            return gradient != null && input.dataType() == DataType.FLOAT && input.size(2) >= JAVA_GRADIENT_MIN_SIZE;
        }

        /** The forward pass into a given output, which may be a channel range of a larger array. */
        void forward(INDArray x, INDArray y) {
            input = x;
            NativeOp.exec("conv2d", new INDArray[] {x, store.value(weight)}, new INDArray[] {y},
                    convArgs(k, stride, pad, HWIO_WEIGHTS));
        }

        /**
         * On the CPU backend, float32 stride-1 kernels larger than 1 x 1 on planes of at least
         * {@link #JAVA_GRADIENT_MIN_SIZE} rows take both gradients from {@link ConvolutionGradient} (plain Java,
         * about twice as fast on the 65 x 65 net's dense blocks at 32 x 32; measured on 2026-12-07, libnd4j was as
         * fast at 16 x 16 and faster at 8 x 8, and faster for 1 x 1 kernels, which are matrix products).
         * Otherwise, for stride 1 the two halves of the backward pass are themselves convolutions that oneDNN runs
         * several times faster than its conv2d_bp with few feature maps: dx is the transposed convolution of dy,
         * and dw[a][b][c][o] = sum_{n,h,w} xpad[n][c][h + a][w + b] dy[n][o][h][w] is a convolution of x with
         * channels and batch swapped, by the kernel dy (swapped likewise). (For stride s the kernel would be
         * dilated by s, which oneDNN's float32 convolution rejects for these shapes.)
         */
        @Override
        INDArray backward(INDArray gradOut) {
            if (javaGradient()) {
                INDArray gradIn = inputGradient ? Nd4j.create(input.dataType(), input.shape()) : null;
                float[] gradW = new float[(int) weight.length()];
                gradient.backward(Planes.of(input), store.getFloats(weight), Planes.of(gradOut),
                        gradIn == null ? null : Planes.of(gradIn), gradW);
                store.setGradient(weight, gradW);
                input = null;
                return gradIn;
            }
            INDArray w = store.value(weight);
            if (stride != 1) {
                // oneDNN cannot build the dilated convolution this would need: use its conv2d_bp
                INDArray gradIn = Nd4j.create(input.dataType(), input.shape());
                NativeOp.exec("conv2d_bp", new INDArray[] {input, w, gradOut},
                        new INDArray[] {gradIn, store.gradient(weight)},
                        convArgs(k, stride, pad, HWIO_WEIGHTS));
                input = null;
                return inputGradient ? gradIn : null;
            }
            DataType type = input.dataType();
            long n = input.size(0);
            long in = input.size(2);
            INDArray gradIn = null;
            if (inputGradient) {
                long full = (gradOut.size(2) - 1) * stride + k;
                INDArray fullGrad = Nd4j.create(type, n, w.size(2), full, full);
                // deconv2d weights [kH, kW, out of deconv, in of deconv] are exactly this conv's [kH, kW, in, out]
                NativeOp.exec("deconv2d", new INDArray[] {gradOut, w}, new INDArray[] {fullGrad},
                        new int[] {k, k, stride, stride, 0, 0, 1, 1, 0, NCHW, HWIO_WEIGHTS});
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
                    new int[] {size, size, 1, 1, pad, pad, stride, stride, 0, NCHW, HWIO_WEIGHTS});
            INDArray cropped = span == k ? gradW
                    : gradW.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, k),
                            NDArrayIndex.interval(0, k));
            store.gradient(weight).assign(cropped.permute(2, 3, 0, 1));
            input = null;
            return gradIn;
        }
    }

    /**
     * Transposed convolution k x k, stride s, no bias, with PyTorch's padding p and output padding op:
     * the full deconvolution (padding 0, size (m - 1) s + k) cropped to rows and columns [p, full - p + op),
     * because libnd4j's deconv2d has no output padding (docs/dl4j-notes.md, "Op conventions").
     */
    static final class Deconv extends Layer {
        private final ParameterStore store;
        private final ParameterStore.Entry weight;
        private final int k;
        private final int stride;
        private final int pad;
        private final int outPad;
        private INDArray input;

        Deconv(ParameterStore store, String name, int in, int out, int k, int stride, int pad, int outPad) {
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
        INDArray forward(INDArray x, boolean training) {
            input = x;
            INDArray w = store.value(weight);
            long full = fullSize(x);
            INDArray y = Nd4j.create(x.dataType(), x.size(0), w.size(1), full, full);
            NativeOp.exec("deconv2d", new INDArray[] {x, w}, new INDArray[] {y},
                    convArgs(k, stride, 0, PYTORCH_TRANSPOSED_WEIGHTS));
            return crop(y).dup('c');
        }

        @Override
        INDArray backward(INDArray gradOut) {
            INDArray w = store.value(weight);
            long full = fullSize(input);
            INDArray gradFull = Nd4j.zeros(input.dataType(), input.size(0), w.size(1), full, full);
            crop(gradFull).assign(gradOut);
            INDArray gradIn = Nd4j.create(input.dataType(), input.shape());
            NativeOp.exec("deconv2d_bp", new INDArray[] {input, w, gradFull},
                    new INDArray[] {gradIn, store.gradient(weight)},
                    convArgs(k, stride, 0, PYTORCH_TRANSPOSED_WEIGHTS));
            input = null;
            return gradIn;
        }
    }

    /**
     * Batch norm followed by ReLU ({@link BatchNormReluKernel} on the CPU, {@link BatchNormReluOps} on a GPU).
     * Training: y = max(0, gamma (x - mean_B) / sqrt(var_B + eps) + beta) with the batch's biased variance, and running
     * statistics r <- (1 - m) r + m s with momentum m = 0.1 and the unbiased variance (PyTorch's convention).
     * Inference uses the running statistics, so an encoding depends neither on the batch nor on its size.
     */
    static final class BatchNormRelu extends Layer {
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

        BatchNormRelu(ParameterStore store, ParameterStore state, String name, int channels) {
            this(store, state, name, channels, Backend.onCpu());
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
        INDArray forward(INDArray x, boolean training) {
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
        INDArray backward(INDArray gradOut) {
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

    /** y = x W + b with W of shape [in, out] (PyTorch's Linear with its weight transposed). */
    static final class Linear extends Layer {
        private final ParameterStore store;
        private final ParameterStore.Entry weight;
        private final ParameterStore.Entry bias;
        private INDArray input;

        Linear(ParameterStore store, String name, int in, int out) {
            this.store = store;
            weight = store.declare(name + ".weight", new long[] {in, out}, ParameterStore.Start.WEIGHT, in, out);
            bias = store.declare(name + ".bias", new long[] {out}, ParameterStore.Start.BIAS, in, out);
        }

        @Override
        INDArray forward(INDArray x, boolean training) {
            input = x;
            INDArray w = store.value(weight);
            INDArray y = Nd4j.create(x.dataType(), x.size(0), w.size(1));
            // BLAS gemm, as the backward pass: INDArray.mmul took about 4x longer on these shapes
            Nd4j.gemm(x, w, y, false, false, 1.0, 0.0);
            return y.addiRowVector(store.value(bias));
        }

        @Override
        INDArray backward(INDArray gradOut) {
            Nd4j.gemm(input, gradOut, store.gradient(weight), true, false, 1.0, 0.0);
            store.gradient(bias).assign(gradOut.sum(0));
            INDArray gradIn = Nd4j.create(gradOut.dataType(), gradOut.size(0), store.value(weight).size(0));
            Nd4j.gemm(gradOut, store.value(weight), gradIn, false, true, 1.0, 0.0);
            input = null;
            return gradIn;
        }
    }

    /** ReLU. */
    static final class Relu extends Layer {
        private INDArray output;

        @Override
        INDArray forward(INDArray x, boolean training) {
            output = Transforms.relu(x, true);
            return output;
        }

        @Override
        INDArray backward(INDArray gradOut) {
            INDArray gradIn = Nd4j.create(gradOut.dataType(), gradOut.shape());
            NativeOp.exec("relu_bp", new INDArray[] {output, gradOut}, new INDArray[] {gradIn}, new int[0], 0.0);
            output = null;
            return gradIn;
        }
    }

    /** Reshapes each sample to the given shape (flattening or unflattening feature maps). */
    static final class Reshape extends Layer {
        private final long[] sampleShape;
        private long[] inputShape;

        Reshape(long... sampleShape) {
            this.sampleShape = sampleShape.clone();
        }

        @Override
        INDArray forward(INDArray x, boolean training) {
            inputShape = x.shape();
            long[] shape = new long[sampleShape.length + 1];
            shape[0] = x.size(0);
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            return x.dup('c').reshape('c', shape);
        }

        @Override
        INDArray backward(INDArray gradOut) {
            return gradOut.dup('c').reshape('c', inputShape);
        }
    }

    /**
     * A dense block (Huang et al. 2017, as in Zhu and Zabaras 2018): each layer is BatchNorm, ReLU,
     * Conv 3x3 padding 1 to {@code growth} maps, and its output is concatenated to its input.
     */
    static final class DenseBlock extends Layer {
        private final List<BatchNormRelu> norms = new ArrayList<>();
        private final List<Conv> convs = new ArrayList<>();
        private final int inChannels;
        private final int growth;

        DenseBlock(ParameterStore store, ParameterStore state, String name, int inChannels, int layers, int growth) {
            this.inChannels = inChannels;
            this.growth = growth;
            for (int i = 0; i < layers; i++) {
                int c = inChannels + i * growth;
                norms.add(new BatchNormRelu(store, state, name + ".layer" + i + ".norm", c));
                convs.add(new Conv(store, name + ".layer" + i + ".conv", c, growth, 3, 1, 1));
            }
        }

        int outChannels() {
            return inChannels + norms.size() * growth;
        }

        /**
         * Writes x and then each layer's output into channel ranges of one array [n][out channels][h][w], so the
         * concatenation copies nothing but x; layer i reads the view of channels [0, in + i growth).
         */
        @Override
        INDArray forward(INDArray x, boolean training) {
            INDArray all = Nd4j.create(x.dataType(), x.size(0), outChannels(), x.size(2), x.size(3));
            channels(all, 0, inChannels).assign(x);
            for (int i = 0; i < norms.size(); i++) {
                int c = inChannels + i * growth;
                INDArray normalised = norms.get(i).forward(channels(all, 0, c), training);
                convs.get(i).forward(normalised, channels(all, c, c + growth));
            }
            return all;
        }

        /**
         * Each layer's input gradient is added in place into the channels [0, in + i growth) of gradOut
         * (which is therefore modified), instead of slicing and copying it per layer.
         */
        @Override
        INDArray backward(INDArray gradOut) {
            for (int i = norms.size() - 1; i >= 0; i--) {
                int c = inChannels + i * growth;
                INDArray gradNormalised = convs.get(i).backward(channels(gradOut, c, c + growth));
                norms.get(i).backward(gradNormalised, channels(gradOut, 0, c), true);
            }
            return channels(gradOut, 0, inChannels).dup('c');
        }

        /** The view of channels [from, to) of an NCHW array. */
        private static INDArray channels(INDArray a, int from, int to) {
            return a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
        }
    }

    /** Layers applied in order. */
    static final class Sequence extends Layer {
        private final List<Layer> layers = new ArrayList<>();

        Sequence add(Layer layer) {
            layers.add(layer);
            return this;
        }

        @Override
        INDArray forward(INDArray x, boolean training) {
            INDArray y = x;
            for (Layer layer : layers) {
                y = layer.forward(y, training);
            }
            return y;
        }

        @Override
        INDArray backward(INDArray gradOut) {
            INDArray g = gradOut;
            for (int i = layers.size() - 1; i >= 0; i--) {
                g = layers.get(i).backward(g);
            }
            return g;
        }
    }
}
