package org.fieldvae.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer with a hand-written backward pass that calls libnd4j's ops directly (conv2d/conv2d_bp,
 * deconv2d/deconv2d_bp, gemm, relu_bp): on the oneDNN build the convolutions run as oneDNN kernels with no
 * graph interpreter in between (docs/dl4j-notes.md, "libnd4j ops with oneDNN implementations"). On the CPU
 * backend, batch norm + ReLU and the gradients of the larger float32 stride-1 convolutions run in the plain-Java
 * kernels of {@code org.fieldvae.nn.kernel}, faster than libnd4j's ops on these shapes; {@link KernelDispatch}
 * holds the rules that choose. Activations are NCHW; convolution weights are [kH, kW, in, out], transposed-convolution
 * weights [in, out, kH, kW] (PyTorch's layout). {@link #forward} keeps what {@link #backward} needs; backward writes
 * the parameter gradients into the store's gradient views and returns the gradient of the input.
 */
public abstract sealed class Layer permits Conv, Deconv, BatchNormRelu, Linear, Relu, Reshape, DenseBlock, Sequence {

    Layer() {
    }

    /**
     * @param x        the input, not modified
     * @param training whether batch norm uses (and updates) batch statistics rather than its running statistics
     * @return the output, a new array
     */
    public abstract INDArray forward(INDArray x, boolean training);

    /**
     * @param gradOut dL/d(output) of the last {@link #forward}; a dense block adds into it (modified there)
     * @return dL/d(input), or null for a first convolution whose input is data
     */
    public abstract INDArray backward(INDArray gradOut);
}
