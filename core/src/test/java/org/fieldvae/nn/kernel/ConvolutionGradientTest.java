package org.fieldvae.nn.kernel;

import static org.fieldvae.nn.NativeOp.exec;
import static org.fieldvae.nn.kernel.Libnd4jReference.assertClose;
import static org.fieldvae.nn.kernel.Libnd4jReference.flat;
import static org.fieldvae.nn.kernel.Libnd4jReference.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.fieldvae.nn.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The plain-Java gradients of a stride-1 convolution against libnd4j's conv2d_bp (float32, NCHW, weights
 * [kH, kW, in, out]), and against the bilinearity of y(x, w) (libnd4j's conv2d): with L = sum dy y, dL/dx and
 * dL/dw satisfy L = sum dx x = sum dw w in exact arithmetic, whatever the kernel. Input and output gradient are
 * channel ranges of larger arrays, as inside a dense block; non-square planes and an even kernel (whose output is
 * larger than its input) catch a swapped or off-by-one index.
 */
public class ConvolutionGradientTest {
    /** float32 rounding (6e-8) amplified by sums over up to a few hundred products. */
    public static final double TOLERANCE = 2e-5;

    @ParameterizedTest
    @CsvSource({"3, 1, 7, 6, 5, 4", "1, 0, 5, 5, 6, 3", "5, 2, 9, 8, 3, 3", "4, 2, 6, 5, 2, 3"})
    void matchesLibnd4jAndTheBilinearity(int k, int pad, int h, int w, int in, int out) {
        Backend.ensureLoaded();
        SplittableRandom random = new SplittableRandom(11);
        int n = 3;
        int oh = h + 2 * pad - k + 1;
        int ow = w + 2 * pad - k + 1;
        INDArray x = uniform(random, DataType.FLOAT, -1, 1, n, in + 2, h, w)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + in));
        INDArray weights = uniform(random, DataType.FLOAT, -1, 1, k, k, in, out);
        INDArray gradOut = uniform(random, DataType.FLOAT, -1, 1, n, out + 1, oh, ow)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + out));
        int[] args = {k, k, 1, 1, pad, pad, 1, 1, 0, 0, 0};
        INDArray expectedY = Nd4j.create(DataType.FLOAT, n, out, oh, ow);
        exec("conv2d", new INDArray[] {x.dup('c'), weights}, new INDArray[] {expectedY}, args);
        INDArray expectedGradX = Nd4j.create(DataType.FLOAT, n, in, h, w);
        INDArray expectedGradW = Nd4j.create(DataType.FLOAT, k, k, in, out);
        exec("conv2d_bp", new INDArray[] {x.dup('c'), weights, gradOut.dup('c')},
                new INDArray[] {expectedGradX, expectedGradW}, args);

        ConvolutionGradient conv = new ConvolutionGradient(k, pad);
        float[] w32 = flatFloats(weights);
        INDArray gradX = Nd4j.create(DataType.FLOAT, n, in, h, w);
        float[] gradW = new float[w32.length];
        conv.backward(Planes.of(x), w32, Planes.of(gradOut), Planes.of(gradX), gradW);

        assertClose("dL/dx", flat(expectedGradX), flat(gradX), TOLERANCE);
        assertClose("dL/dw", flat(expectedGradW), toDoubles(gradW), TOLERANCE);

        double loss = dot(flat(gradOut), flat(expectedY));
        assertClose("L = sum dx x", new double[] {loss}, new double[] {dot(flat(gradX), flat(x))}, TOLERANCE);
        assertClose("L = sum dw w", new double[] {loss}, new double[] {dot(toDoubles(gradW), flat(weights))},
                TOLERANCE);
    }

    @Test
    void inputGradientIsOptionalAndDoesNotChangeTheWeightGradient() {
        Backend.ensureLoaded();
        SplittableRandom random = new SplittableRandom(3);
        INDArray x = uniform(random, DataType.FLOAT, -1, 1, 2, 3, 6, 6);
        INDArray gradOut = uniform(random, DataType.FLOAT, -1, 1, 2, 2, 6, 6);
        float[] w = flatFloats(uniform(random, DataType.FLOAT, -1, 1, 3, 3, 3, 2));
        ConvolutionGradient conv = new ConvolutionGradient(3, 1);
        float[] withInput = new float[w.length];
        conv.backward(Planes.of(x), w, Planes.of(gradOut), Planes.of(Nd4j.create(DataType.FLOAT, 2, 3, 6, 6)),
                withInput);
        float[] without = new float[w.length];
        conv.backward(Planes.of(x), w, Planes.of(gradOut), null, without);
        assertArrayEquals(withInput, without);
    }

    @Test
    void rejectsPaddingThatTheBackwardCorrelationCannotUse() {
        assertThrows(IllegalArgumentException.class, () -> new ConvolutionGradient(3, 3));
        assertThrows(IllegalArgumentException.class, () -> new ConvolutionGradient(3, -1));
        assertThrows(IllegalArgumentException.class, () -> new ConvolutionGradient(0, 0));
    }

    private static float[] flatFloats(INDArray a) {
        return a.dup('c').reshape(a.length()).toFloatVector();
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
