package org.fieldvae.nn;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Layers applied in order. */
public final class Sequence extends Layer {
    private final List<Layer> layers = new ArrayList<>();

    public Sequence add(Layer layer) {
        layers.add(layer);
        return this;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray y = x;
        for (Layer layer : layers) {
            y = layer.forward(y, training);
        }
        return y;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        INDArray g = gradOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
        return g;
    }
}
