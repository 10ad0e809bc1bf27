package org.fieldvae.nn;

import static org.fieldvae.nn.kernel.Libnd4jReference.assertClose;
import static org.fieldvae.nn.kernel.Libnd4jReference.flat;
import static org.fieldvae.nn.kernel.Libnd4jReference.uniform;

import java.util.SplittableRandom;

import org.fieldvae.nn.kernel.BatchNormReluKernelTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The batch-norm layer on libnd4j's ops (the GPU path) against the same layer on the plain-Java kernel (the CPU
 * path, itself checked against libnd4j in {@link BatchNormReluKernelTest} and by the gradient check): training
 * output, running statistics, dL/dgamma, dL/dbeta, dL/dx added into a channel range as a dense block does, and
 * the inference output. Input and output gradient are channel ranges of larger arrays.
 */
class BatchNormReluLayerTest {

    /** Tolerances as in {@link BatchNormReluKernelTest}: libnd4j's float64 batchnorm_bp is off by about 1e-9. */
    @ParameterizedTest
    @CsvSource({"FLOAT, 2e-5", "DOUBLE, 1e-8"})
    void libnd4jOpsMatchTheHostKernel(DataType type, double tolerance) {
        Backend.ensureLoaded();
        SplittableRandom random = new SplittableRandom(4);
        int c = 3;
        INDArray x = uniform(random, type, -1, 2, 4, c + 2, 5, 6)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + c));
        INDArray gradOut = uniform(random, type, -1, 1, 4, c + 1, 5, 6)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(0, c));
        INDArray gradBefore = uniform(random, type, -1, 1, 4, c + 2, 5, 6);
        double[] gammaBeta = {1.3, -0.7, 0.4, 0.2, -0.1, 0.3};

        Run host = new Run(type, c, true, gammaBeta);
        Run ops = new Run(type, c, false, gammaBeta);
        assertClose("y", flat(host.layer.forward(x, true)), flat(ops.layer.forward(x, true)), tolerance);
        assertClose("running statistics", host.state.getAll(), ops.state.getAll(), tolerance);
        INDArray hostGrad = gradBefore.dup();
        INDArray opsGrad = gradBefore.dup();
        host.layer.backward(gradOut, hostGrad.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 2 + c)), true);
        ops.layer.backward(gradOut, opsGrad.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 2 + c)), true);
        assertClose("dL/dx added in place", flat(hostGrad), flat(opsGrad), tolerance);
        assertClose("dL/dgamma, dL/dbeta", flat(host.params.gradients()), flat(ops.params.gradients()), tolerance);
        assertClose("inference y", flat(host.layer.forward(x, false)), flat(ops.layer.forward(x, false)), tolerance);
    }

    /** One layer with its parameter and running-statistics stores, gamma and beta set. */
    private static final class Run {
        final ParameterStore params = new ParameterStore();
        final ParameterStore state = new ParameterStore();
        final BatchNormRelu layer;

        Run(DataType type, int channels, boolean hostKernel, double[] gammaBeta) {
            layer = new BatchNormRelu(params, state, "norm", channels, hostKernel);
            params.allocate(type);
            state.allocate(type);
            params.initialise(InitScheme.XAVIER_UNIFORM, 1);
            state.initialise(InitScheme.XAVIER_UNIFORM, 1);
            params.setAll(gammaBeta);
        }
    }
}
