package org.fieldvae.nn;

import static org.fieldvae.nn.NativeOp.exec;
import static org.fieldvae.nn.kernel.Libnd4jReference.assertClose;
import static org.fieldvae.nn.kernel.Libnd4jReference.flat;
import static org.fieldvae.nn.kernel.Libnd4jReference.uniform;

import java.util.SplittableRandom;

import org.fieldvae.nn.kernel.ConvolutionGradientTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The convolution layer on the route {@link KernelDispatch} gives it against libnd4j's conv2d_bp (float32, NCHW,
 * weights [kH, kW, in, out]); the kernel itself is checked in {@link ConvolutionGradientTest}, with its tolerance.
 */
class ConvTest {

    /** The layer takes the plain-Java path on planes of 32 rows and more: its gradients equal conv2d_bp's there. */
    @Test
    void convolutionLayerOnLargePlanesGivesLibnd4jsGradients() {
        Backend.ensureLoaded();
        SplittableRandom random = new SplittableRandom(5);
        int size = KernelDispatch.JAVA_CONVOLUTION_GRADIENT_MIN_ROWS;
        ParameterStore store = new ParameterStore();
        Conv conv = new Conv(store, "conv", 3, 2, 3, 1, 1);
        store.allocate(DataType.FLOAT);
        store.initialise(InitScheme.XAVIER_UNIFORM, 9);
        INDArray x = uniform(random, DataType.FLOAT, -1, 1, 2, 3, size, size);
        INDArray gradOut = uniform(random, DataType.FLOAT, -1, 1, 2, 3, size, size)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
        INDArray weights = store.value(store.entries().get(0)).dup();
        INDArray expectedGradX = Nd4j.create(DataType.FLOAT, 2, 3, size, size);
        INDArray expectedGradW = Nd4j.create(DataType.FLOAT, 3, 3, 3, 2);
        exec("conv2d_bp", new INDArray[] {x, weights, gradOut.dup('c')}, new INDArray[] {expectedGradX, expectedGradW},
                new int[] {3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 0});

        conv.forward(x, true);
        INDArray gradX = conv.backward(gradOut);
        assertClose("dL/dx", flat(expectedGradX), flat(gradX), ConvolutionGradientTest.TOLERANCE);
        assertClose("dL/dw", flat(expectedGradW), flat(store.gradient(store.entries().get(0))),
                ConvolutionGradientTest.TOLERANCE);
    }
}
