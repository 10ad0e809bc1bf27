package org.fieldvae.nn;

import org.fieldvae.nn.kernel.BatchNormReluKernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm followed by ReLU through libnd4j's ops (moments, batchnorm, relu; relu_bp, batchnorm_bp), with the
 * equations and arguments of {@link BatchNormReluKernel}. For GPU backends, where these ops run on the device while
 * the plain-Java kernel would move every array to the host and back; on the CPU the kernel is several times faster.
 * Only the per-channel vectors (mean, variance, gamma, beta and their gradients) cross to the host.
 */
final class BatchNormReluOps {
    private static final int[] NCHW_CHANNELS = {1, 1, 1};

    private BatchNormReluOps() {
    }

    /** Per-channel batch mean and biased variance of x [n][c][h][w], into mean and var ([c], modified). */
    static void moments(INDArray x, double[] mean, double[] var) {
        INDArray m = Nd4j.create(x.dataType(), x.size(1));
        INDArray v = Nd4j.create(x.dataType(), x.size(1));
        NativeOp.exec("moments", new INDArray[] {contiguous(x)}, new INDArray[] {m, v}, new int[] {0, 2, 3});
        System.arraycopy(m.toDoubleVector(), 0, mean, 0, mean.length);
        System.arraycopy(v.toDoubleVector(), 0, var, 0, var.length);
    }

    /** y = max(0, gamma (x - mean) / sqrt(var + eps) + beta), a new array. */
    static INDArray forward(INDArray x, double[] mean, double[] var, double[] gamma, double[] beta, double eps) {
        INDArray pre = normalise(contiguous(x), mean, var, gamma, beta, eps);
        INDArray y = Nd4j.create(x.dataType(), x.shape());
        NativeOp.exec("relu", new INDArray[] {pre}, new INDArray[] {y}, new int[0], 0.0);
        return y;
    }

    /**
     * The training-mode backward pass (batch statistics), as {@link BatchNormReluKernel#backward}: dL/dx into gradIn
     * (written, or added when {@code accumulate}), dL/dgamma and dL/dbeta into gradGamma and gradBeta.
     */
    static void backward(INDArray x, INDArray gradOut, INDArray gradIn, boolean accumulate, double[] mean,
            double[] var, double[] gamma, double[] beta, double eps, double[] gradGamma, double[] gradBeta) {
        DataType type = x.dataType();
        INDArray xc = contiguous(x);
        INDArray pre = normalise(xc, mean, var, gamma, beta, eps);
        INDArray gradPre = Nd4j.create(type, x.shape());
        NativeOp.exec("relu_bp", new INDArray[] {pre, contiguous(gradOut)}, new INDArray[] {gradPre}, new int[0], 0.0);
        INDArray gradX = Nd4j.create(type, x.shape());
        int c = mean.length;
        INDArray dGamma = Nd4j.create(type, c);
        INDArray dBeta = Nd4j.create(type, c);
        NativeOp.exec("batchnorm_bp", new INDArray[] {xc, vector(mean, type), vector(var, type), vector(gamma, type),
            vector(beta, type), gradPre}, new INDArray[] {gradX, Nd4j.create(type, c), Nd4j.create(type, c), dGamma,
                dBeta}, NCHW_CHANNELS, eps);
        if (accumulate) {
            gradIn.addi(gradX);
        } else {
            gradIn.assign(gradX);
        }
        System.arraycopy(dGamma.toDoubleVector(), 0, gradGamma, 0, c);
        System.arraycopy(dBeta.toDoubleVector(), 0, gradBeta, 0, c);
    }

    private static INDArray normalise(INDArray xc, double[] mean, double[] var, double[] gamma, double[] beta,
            double eps) {
        DataType type = xc.dataType();
        INDArray pre = Nd4j.create(type, xc.shape());
        NativeOp.exec("batchnorm", new INDArray[] {xc, vector(mean, type), vector(var, type), vector(gamma, type),
            vector(beta, type)}, new INDArray[] {pre}, NCHW_CHANNELS, eps);
        return pre;
    }

    /** The ops are given 'c'-ordered arrays: a dense block's channel range or a cropped gradient is copied. */
    private static INDArray contiguous(INDArray a) {
        return a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
    }

    private static INDArray vector(double[] v, DataType type) {
        return Nd4j.createFromArray(v).castTo(type);
    }
}
