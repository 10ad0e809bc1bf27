package org.fieldvae.nn;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A dense block (Huang et al. 2017, as in Zhu and Zabaras 2018): each layer is BatchNorm, ReLU,
 * Conv 3x3 padding 1 to {@code growth} maps, and its output is concatenated to its input.
 */
public final class DenseBlock extends Layer {
    private final List<BatchNormRelu> norms = new ArrayList<>();
    private final List<Conv> convs = new ArrayList<>();
    private final int inChannels;
    private final int growth;

    public DenseBlock(ParameterStore store, ParameterStore state, String name, int inChannels, int layers, int growth) {
        this.inChannels = inChannels;
        this.growth = growth;
        for (int i = 0; i < layers; i++) {
            int c = inChannels + i * growth;
            norms.add(new BatchNormRelu(store, state, name + ".layer" + i + ".norm", c));
            convs.add(new Conv(store, name + ".layer" + i + ".conv", c, growth, 3, 1, 1));
        }
    }

    public int outChannels() {
        return inChannels + norms.size() * growth;
    }

    /**
     * Writes x and then each layer's output into channel ranges of one array [n][out channels][h][w], so the
     * concatenation copies nothing but x; layer i reads the view of channels [0, in + i growth).
     */
    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray all = Nd4j.create(x.dataType(), x.size(0), outChannels(), x.size(2), x.size(3));
        channels(all, 0, inChannels).assign(x);
        for (int i = 0; i < norms.size(); i++) {
            int c = inChannels + i * growth;
            INDArray normalised = norms.get(i).forward(channels(all, 0, c), training);
            convs.get(i).forward(normalised, channels(all, c, c + growth));
        }
        return all;
    }

    /**
     * Each layer's input gradient is added in place into the channels [0, in + i growth) of gradOut
     * (which is therefore modified), instead of slicing and copying it per layer.
     */
    @Override
    public INDArray backward(INDArray gradOut) {
        for (int i = norms.size() - 1; i >= 0; i--) {
            int c = inChannels + i * growth;
            INDArray gradNormalised = convs.get(i).backward(channels(gradOut, c, c + growth));
            norms.get(i).backward(gradNormalised, channels(gradOut, 0, c), true);
        }
        return channels(gradOut, 0, inChannels).dup('c');
    }

    /** The view of channels [from, to) of an NCHW array. */
    private static INDArray channels(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }
}
