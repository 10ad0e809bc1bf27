package org.fieldvae.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Reshapes each sample to the given shape (flattening or unflattening feature maps). */
public final class Reshape extends Layer {
    private final long[] sampleShape;
    private long[] inputShape;

    public Reshape(long... sampleShape) {
        this.sampleShape = sampleShape.clone();
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        inputShape = x.shape();
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = x.size(0);
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return x.dup('c').reshape('c', shape);
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        return gradOut.dup('c').reshape('c', inputShape);
    }
}
