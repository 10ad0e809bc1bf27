package org.fieldvae.vae;

import static org.fieldvae.vae.Libnd4jReference.assertClose;
import static org.fieldvae.vae.NativeOp.exec;
import static org.fieldvae.vae.Libnd4jReference.flat;
import static org.fieldvae.vae.Libnd4jReference.uniform;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The plain-Java batch norm + ReLU against libnd4j's own ops on a random tensor: moments, batchnorm and relu
 * forward; relu_bp and batchnorm_bp (the full training-mode gradient, docs/dl4j-notes.md, "Ops with oneDNN kernels") backward. The
 * input is a channel range of a larger array, as inside a dense block, the output gradient a crop of rows and
 * columns, and gamma and beta are random with both signs, so that the ReLU mask and every term of the gradient
 * matter.
 */
class BatchNormReluKernelTest {
    private static final double EPS = 1e-5;

    /**
     * Tolerances relative to each result's scale: float32 rounding (about 6e-8) amplified by the sums over 210
     * elements per channel; in float64, libnd4j's batchnorm_bp departs from central differences by about 1e-9
     * relative on this tensor (the kernel by 1e-10 or less, checked once by hand), hence 1e-8.
     */
    @ParameterizedTest
    @CsvSource({"FLOAT, 2e-5", "DOUBLE, 1e-8"})
    void matchesLibnd4jForwardAndGradients(DataType type, double tolerance) {
        Backend.ensureLoaded();
        SplittableRandom random = new SplittableRandom(7);
        int n = 5;
        int c = 3;
        // x: channels 1 .. 3 of a 5-channel array, with a mean far from 0 to exercise the variance's cancellation
        INDArray whole = uniform(random, type, 2, 3, n, c + 2, 6, 7);
        INDArray x = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + c));
        INDArray gamma = uniform(random, type, -1.5, 1.5, c);
        INDArray beta = uniform(random, type, -0.5, 0.5, c);
        // dL/dy: rows 1 .. 6 and columns 1 .. 7 of a larger array, as the cropped gradient of a padded convolution
        INDArray gradOut = uniform(random, type, -1, 1, n, c, 8, 9).get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(1, 7), NDArrayIndex.interval(1, 8));
        INDArray xc = x.dup('c');

        INDArray mean = Nd4j.create(type, c);
        INDArray var = Nd4j.create(type, c);
        exec("moments", new INDArray[] {xc}, new INDArray[] {mean, var}, new int[] {0, 2, 3});
        INDArray pre = Nd4j.create(type, xc.shape());
        exec("batchnorm", new INDArray[] {xc, mean, var, gamma, beta}, new INDArray[] {pre}, new int[] {1, 1, 1}, EPS);
        INDArray expectedY = pre.dup();
        exec("relu", new INDArray[] {pre}, new INDArray[] {expectedY}, new int[0], 0.0);
        INDArray gradPre = Nd4j.create(type, xc.shape());
        exec("relu_bp", new INDArray[] {pre, gradOut}, new INDArray[] {gradPre}, new int[0], 0.0);
        INDArray expectedGradX = Nd4j.create(type, xc.shape());
        INDArray expectedGradGamma = Nd4j.create(type, c);
        INDArray expectedGradBeta = Nd4j.create(type, c);
        exec("batchnorm_bp", new INDArray[] {xc, mean, var, gamma, beta, gradPre},
                new INDArray[] {expectedGradX, Nd4j.create(type, c), Nd4j.create(type, c), expectedGradGamma,
                    expectedGradBeta}, new int[] {1, 1, 1}, EPS);

        double[] m = new double[c];
        double[] v = new double[c];
        BatchNormReluKernel.moments(Planes.of(x), m, v);
        assertClose("mean", mean.toDoubleVector(), m, tolerance);
        assertClose("variance", var.toDoubleVector(), v, tolerance);
        INDArray y = Nd4j.create(type, xc.shape());
        BatchNormReluKernel.forward(Planes.of(x), Planes.of(y), m, v, gamma.toDoubleVector(), beta.toDoubleVector(),
                EPS);
        assertClose("y", flat(expectedY), flat(y), tolerance);

        // dL/dx is added to what is there, as a dense block accumulates its input gradient
        INDArray before = uniform(random, type, -1, 1, n, c + 2, 6, 7);
        INDArray gradWhole = before.dup();
        INDArray gradX = gradWhole.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + c));
        double[] gradGamma = new double[c];
        double[] gradBeta = new double[c];
        BatchNormReluKernel.backward(Planes.of(x), Planes.of(gradOut), Planes.of(gradX), true, m, v,
                gamma.toDoubleVector(), beta.toDoubleVector(), EPS, gradGamma, gradBeta);
        INDArray expectedWhole = before.dup();
        expectedWhole.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + c)).addi(expectedGradX);
        assertClose("dL/dx", flat(expectedWhole), flat(gradWhole), tolerance);
        assertClose("dL/dgamma", expectedGradGamma.toDoubleVector(), gradGamma, tolerance);
        assertClose("dL/dbeta", expectedGradBeta.toDoubleVector(), gradBeta, tolerance);
    }
}
