package org.fieldvae.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What the plain-Java kernels' tests share: random tensors, libnd4j's ops as the reference, a scaled comparison. */
public final class Libnd4jReference {
    private Libnd4jReference() {
    }

    public static double[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }

    /** max |expected - actual| <= tolerance (1 + max |expected|): float32 rounding relative to the scale. */
    public static void assertClose(String what, double[] expected, double[] actual, double tolerance) {
        double scale = 0;
        double error = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            error = Math.max(error, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(expected.length == actual.length && error <= tolerance * (1 + scale),
                what + ": max error " + error + " at scale " + scale);
    }

    public static INDArray uniform(SplittableRandom random, DataType type, double lo, double hi, long... shape) {
        long length = 1;
        for (long s : shape) {
            length *= s;
        }
        double[] v = new double[(int) length];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(lo, hi);
        }
        return Nd4j.createFromArray(v).castTo(type).reshape('c', shape);
    }
}
