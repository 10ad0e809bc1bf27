package org.fieldvae.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** ReLU. */
public final class Relu extends Layer {
    private INDArray output;

    @Override
    public INDArray forward(INDArray x, boolean training) {
        output = Transforms.relu(x, true);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        INDArray gradIn = Nd4j.create(gradOut.dataType(), gradOut.shape());
        NativeOp.exec("relu_bp", new INDArray[] {output, gradOut}, new INDArray[] {gradIn}, new int[0], 0.0);
        output = null;
        return gradIn;
    }
}
