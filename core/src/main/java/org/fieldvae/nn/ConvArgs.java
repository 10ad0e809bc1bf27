package org.fieldvae.nn;

/** The integer arguments of libnd4j's conv2d, conv2d_bp, deconv2d and deconv2d_bp, as the layers pass them. */
final class ConvArgs {
    static final int NCHW = 0;
    /** Weights [kH, kW, in, out]: oneDNN's conv2d runs about 3x faster with it than with [out, in, kH, kW]. */
    static final int HWIO_WEIGHTS = 0;
    /** Transposed-convolution weights [in, out, kH, kW], PyTorch's ConvTranspose2d layout. */
    static final int PYTORCH_TRANSPOSED_WEIGHTS = 1;

    private ConvArgs() {
    }

    /** A square k x k kernel, stride s, padding p, no dilation, no "same" mode, NCHW. */
    static int[] of(int k, int stride, int pad, int weightFormat) {
        return new int[] {k, k, stride, stride, pad, pad, 1, 1, 0, NCHW, weightFormat};
    }
}
