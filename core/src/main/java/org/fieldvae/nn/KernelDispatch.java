package org.fieldvae.nn;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Every rule that chooses how the engine computes something: which native build of ND4J loads, and which
 * implementation runs a layer's forward or backward pass (libnd4j's ops, or the plain-Java kernels of
 * {@code org.fieldvae.nn.kernel}) by backend, precision, stride, kernel size and plane size. The rules choose speed
 * only: every path computes the same mathematics, and each path has a test against another (ConvolutionGradientTest,
 * BatchNormReluKernelTest, BatchNormReluLayerTest, the float64 gradient check). The rules live here, as EJML keeps
 * its size thresholds in one factory, so that a new kernel or a new measurement changes one class. The timings
 * quoted are those of the commits that introduced each rule (git log of the engine's classes, then in
 * {@code org.fieldvae.vae}), measured on this project's 2-core AVX-512 machine with the DenseVAE at batch 64.
 */
final class KernelDispatch {
    /**
     * The smallest plane height (rows) whose float32 stride-1 convolution gradients the plain-Java kernel computes.
     * Measured on 2026-12-07 with alternating builds (commit "the plain-Java convolution gradients only on planes of
     * 32 rows or more"): at 32 x 32 (the 65 x 65 net's dense blocks) the kernel takes about half the time of
     * libnd4j's pair of convolutions; at 16 x 16 libnd4j was as fast and at 8 x 8 faster (the 33 x 33 net's step
     * gained nothing).
     */
    static final int JAVA_CONVOLUTION_GRADIENT_MIN_ROWS = 32;

    /** How a convolution layer computes dL/dx and dL/dw. */
    enum ConvolutionBackward {
        /** {@code nn.kernel.ConvolutionGradient}: plain Java over whole padded planes. */
        JAVA_KERNEL,
        /** libnd4j's conv2d_bp. */
        CONV2D_BP,
        /** dx as libnd4j's deconv2d of dy, dw as its conv2d of x by dy with batch and channels swapped. */
        TWO_CONVOLUTIONS
    }

    private KernelDispatch() {
    }

    /**
     * Whether to load ND4J's oneDNN + AVX-512 native build ({@link Backend#ONEDNN}) rather than the portable
     * generic one: wherever the CPU has AVX-512, which that build needs. Measured before the engine was written, with a
     * SameDiff rebuild of the paper's DenseVAE (docs/dl4j-notes.md, "Which native variant"): a training step of
     * batch 64 took 1,337 ms with oneDNN against
     * 10,653 ms generic, 6,324 ms AVX2 and 8,560 ms AVX-512 without oneDNN.
     *
     * @param avx512 whether the CPU reports the avx512f flag
     */
    static boolean oneDnnBuild(boolean avx512) {
        return avx512;
    }

    /**
     * The backward pass of a k x k convolution of the given stride on planes of the given height:
     * <ul>
     * <li>{@link ConvolutionBackward#JAVA_KERNEL} on the CPU backend for float32, stride 1, k > 1 and at least
     * {@link #JAVA_CONVOLUTION_GRADIENT_MIN_ROWS} rows. Measured on 2026-12-07 (commit "the gradients of float32
     * stride-1 convolutions (k > 1) in plain Java"): libnd4j spent about 170 ms of a 600 ms step on the dense
     * blocks' gradients (4 output maps, 2-33 input maps, 4-6 GFLOP/s) and the kernel about half that; 1 x 1 kernels
     * (matrix products) were as fast or faster in oneDNN. float64 keeps libnd4j, which the float64 gradient check
     * covers. Not on a GPU backend (commit "only on the CPU backend"): the kernel works on host memory and would
     * move every dense-block array between device and host twice a step, while libnd4j's path stays on the device
     * (reasoned, no GPU here).</li>
     * <li>{@link ConvolutionBackward#CONV2D_BP} for any other stride: the two-convolution route would need the
     * kernel dy dilated by the stride, which oneDNN's float32 convolution rejects for these shapes (found on
     * 2026-11-25).</li>
     * <li>{@link ConvolutionBackward#TWO_CONVOLUTIONS} otherwise: with few feature maps oneDNN runs these two
     * forward convolutions several times faster than its conv2d_bp (measured on 2026-11-25, commit "stride-1 conv
     * backward as two oneDNN convolutions").</li>
     * </ul>
     *
     * @param cpu    whether ND4J runs on the CPU ({@link Backend#onCpu()})
     * @param stride the convolution's stride, >= 1
     * @param k      the kernel size
     * @param type   the precision of the layer's input
     * @param rows   the height of the layer's input planes
     */
    static ConvolutionBackward convolutionBackward(boolean cpu, int stride, int k, DataType type, long rows) {
        if (cpu && stride == 1 && k > 1 && type == DataType.FLOAT && rows >= JAVA_CONVOLUTION_GRADIENT_MIN_ROWS) {
            return ConvolutionBackward.JAVA_KERNEL;
        }
        return stride != 1 ? ConvolutionBackward.CONV2D_BP : ConvolutionBackward.TWO_CONVOLUTIONS;
    }

    /**
     * Whether batch norm + ReLU runs in the plain-Java kernel ({@code nn.kernel.BatchNormReluKernel}) rather than
     * through libnd4j's ops ({@link BatchNormReluOps}): on the CPU backend, in either precision. Measured on
     * 2026-12-07 (commit "batch norm + ReLU in plain Java on the arrays' memory"): libnd4j's moments, batchnorm,
     * batchnorm_bp and relu_bp took about 300 ms of a 570 ms step on the DenseVAE's shapes (64 samples, 2-33
     * channels of 16 x 16 or 32 x 32), for a few passes over about 80 MB of memory. On a GPU backend the ops run on
     * the device, where the kernel would copy every array to the host and back (reasoned, no GPU here).
     *
     * @param cpu whether ND4J runs on the CPU ({@link Backend#onCpu()})
     */
    static boolean batchNormOnHost(boolean cpu) {
        return cpu;
    }
}
