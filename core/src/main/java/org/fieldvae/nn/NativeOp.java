package org.fieldvae.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one libnd4j op by name on given inputs and preallocated outputs, with no graph around it. Public for the
 * kernels' tests, which take libnd4j's ops as their reference.
 */
public final class NativeOp {
    private NativeOp() {
    }

    /**
     * @param op    the libnd4j op's name, e.g. "conv2d"
     * @param in    the inputs, not modified
     * @param out   the outputs, preallocated, modified
     * @param iArgs the op's integer arguments, in libnd4j's order
     * @param tArgs the op's floating-point arguments
     */
    public static void exec(String op, INDArray[] in, INDArray[] out, int[] iArgs, double... tArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(op).addInputs(in).addOutputs(out);
        if (iArgs.length > 0) {
            b.addIntegerArguments(iArgs);
        }
        if (tArgs.length > 0) {
            Double[] boxed = new Double[tArgs.length];
            for (int i = 0; i < tArgs.length; i++) {
                boxed[i] = tArgs[i];
            }
            b.addFloatingPointArguments(boxed);
        }
        Nd4j.exec(b.build());
    }
}
