package org.fieldvae.vae;

import org.fieldvae.nn.Backend;
import org.fieldvae.nn.BatchNormRelu;
import org.fieldvae.nn.Conv;
import org.fieldvae.nn.Deconv;
import org.fieldvae.nn.DenseBlock;
import org.fieldvae.nn.Layer;
import org.fieldvae.nn.Linear;
import org.fieldvae.nn.ParameterStore;
import org.fieldvae.nn.Relu;
import org.fieldvae.nn.Reshape;
import org.fieldvae.nn.Sequence;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DenseVAE of docs/paper-facts.md ("Network"), adapted by the paper's authors from the dense
 * encoder-decoder of
 * <pre>
 * Y. Zhu, N. Zabaras, Bayesian deep convolutional encoder-decoder networks for surrogate modeling and
 * uncertainty quantification, J. Comput. Phys. 366 (2018) 415-447.
 * </pre>
 * Two encoders of identical architecture give the latent mean and log-variance; a decoder gives the mean
 * of p(y|z); a trainable per-pixel log-variance (n x n, shared by the channels) gives its variance.
 * For a grid n = 2^k + 1 with E = blocks/2 encoder blocks the feature maps go n -> 2^(k-1) -> ... ->
 * 2^(k-1-E) and back; the last transposed convolution (4x4, stride 2, padding 1, output padding 1) maps
 * 2^(k-1) to 2^k + 1.
 *
 * <p>The objective of one minibatch is {@link Objective}'s; this class runs the network around it.
 */
final class DenseVae {
    private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.05).policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).build();

    final VaeSettings settings;
    /** The settings' network, which every layer-building method reads. */
    private final Architecture net;
    final ParameterStore params = new ParameterStore();
    final ParameterStore state = new ParameterStore();
    private final Layer meanEncoder;
    private final Layer logVarEncoder;
    private final Layer decoder;
    /** The per-pixel output log-variance s_p; package-private so LossLandscape can score reconstructions. */
    final ParameterStore.Entry outputLogVar;
    /** The L_REG term; package-private so LossLandscape can evaluate it on rotated latents. */
    final Regulariser regulariser;
    /** The bound of every log-variance of the model. */
    final LogVarianceBound bound;
    private final int coarseChannels;
    private final int coarseSize;

    /** The loss terms of one minibatch, each in the settings' scale; recPerPixel always per pixel. */
    record Losses(double total, double rec, double recPerPixel, double reg, double label, double logPrior) {
    }

    DenseVae(VaeSettings settings, DataType type) {
        Backend.ensureLoaded();
        this.settings = settings;
        this.net = settings.architecture();
        this.bound = new LogVarianceBound(settings.priorAndLoss().logVarianceBound());
        int[] blocks = net.blocks();
        int encoderBlocks = blocks.length / 2;
        int c = net.initialFeatures();
        for (int b = 0; b < encoderBlocks; b++) {
            c = (c + blocks[b] * net.growth()) / 2;
        }
        coarseChannels = c;
        coarseSize = (net.grid() - 1) >> (encoderBlocks + 1);
        meanEncoder = encoder("encoder_mean");
        logVarEncoder = encoder("encoder_logvar");
        decoder = decoder();
        outputLogVar = params.declare("output.logvar", new long[] {net.grid(), net.grid()},
                ParameterStore.Start.ZEROS);
        regulariser = new Regulariser(settings, params, bound);
        params.allocate(type);
        state.allocate(type);
        params.initialise(net.init(), settings.run().seed());
        state.initialise(net.init(), settings.run().seed());
    }

    private int flat() {
        return coarseChannels * coarseSize * coarseSize;
    }

    private Layer encoder(String name) {
        int[] blocks = net.blocks();
        Sequence s = new Sequence();
        int c = net.initialFeatures();
        s.add(new Conv(params, name + ".conv0", net.channels(), c, 7, 2, 2, false));
        for (int b = 0; b < blocks.length / 2; b++) {
            DenseBlock block = new DenseBlock(params, state, name + ".block" + b, c, blocks[b],
                    net.growth());
            s.add(block);
            c = block.outChannels();
            int half = c / 2;
            s.add(new BatchNormRelu(params, state, name + ".down" + b + ".norm0", c));
            s.add(new Conv(params, name + ".down" + b + ".conv0", c, half, 1, 1, 0));
            s.add(new BatchNormRelu(params, state, name + ".down" + b + ".norm1", half));
            s.add(new Conv(params, name + ".down" + b + ".conv1", half, half, 3, 2, 1));
            c = half;
        }
        s.add(new Reshape(flat()));
        s.add(new Linear(params, name + ".fc0", flat(), flat() / 2));
        s.add(new Relu());
        s.add(new Linear(params, name + ".fc1", flat() / 2, net.latent()));
        return s;
    }

    private Layer decoder() {
        int[] blocks = net.blocks();
        Sequence s = new Sequence();
        s.add(new Linear(params, "decoder.fc0", net.latent(), flat() / 2));
        s.add(new Relu());
        s.add(new Linear(params, "decoder.fc1", flat() / 2, flat()));
        s.add(new Reshape(coarseChannels, coarseSize, coarseSize));
        int c = coarseChannels;
        for (int b = blocks.length / 2; b < blocks.length; b++) {
            DenseBlock block = new DenseBlock(params, state, "decoder.block" + b, c, blocks[b],
                    net.growth());
            s.add(block);
            c = block.outChannels();
            int half = c / 2;
            boolean last = b == blocks.length - 1;
            s.add(new BatchNormRelu(params, state, "decoder.up" + b + ".norm0", c));
            s.add(new Conv(params, "decoder.up" + b + ".conv0", c, half, 1, 1, 0));
            s.add(new BatchNormRelu(params, state, "decoder.up" + b + ".norm1", half));
            if (last) {
                s.add(new Deconv(params, "decoder.up" + b + ".deconv", half, net.channels(), 4, 2, 1, 1));
                s.add(new Conv(params, "decoder.output", net.channels(), net.channels(), 5, 1, 2));
            } else {
                s.add(new Deconv(params, "decoder.up" + b + ".deconv", half, half, 3, 2, 1, 1));
            }
            c = half;
        }
        return s;
    }

    /** Sets the output log-variance s [i * n + j] (the trainer's {@link OutputVarianceStart#DATA_VARIANCE}). */
    void setOutputLogVariance(double[] s) {
        params.value(outputLogVar).assign(Nd4j.createFromArray(s).castTo(dataType()).reshape('c', net.grid(),
                net.grid()));
    }

    /** The output log-variance s [i * n + j], before clipping. */
    double[] outputLogVariance() {
        return params.get(outputLogVar);
    }

    /** The gradient (after the optimiser: the update) of the output log-variance, a view into the flat array. */
    INDArray outputLogVarianceGradient() {
        return params.gradient(outputLogVar);
    }

    long parameterCount() {
        return params.size();
    }

    DataType dataType() {
        return params.dataType();
    }

    INDArray input(float[] fields, int batch) {
        int n = net.grid();
        return Nd4j.createFromArray(fields).reshape('c', batch, net.channels(), n, n).castTo(dataType());
    }

    /**
     * Latent mean, clipped log-variance and raw log-variance [3][sample][latent], batch norm in inference
     * or training mode.
     */
    double[][][] encode(INDArray x, boolean training) {
        double[][] mu = meanEncoder.forward(x, training).toDoubleMatrix();
        double[][] raw = logVarEncoder.forward(x, training).toDoubleMatrix();
        double[][] lv = new double[raw.length][];
        for (int s = 0; s < raw.length; s++) {
            lv[s] = bound.apply(raw[s]);
        }
        return new double[][][] {mu, lv, raw};
    }

    /** Decoder means for the given latents, batch norm in inference mode. */
    INDArray decode(double[][] z) {
        return decoder.forward(Nd4j.createFromArray(z).castTo(dataType()), false);
    }

    /**
     * Evaluates the objective on one minibatch in training mode (batch statistics) and, when asked,
     * writes its gradient into {@code params.gradients()}.
     *
     * @param fields   the minibatch [sample][channel][i][j] flattened, not modified
     * @param eps      reparameterisation noise [sample][latent], not modified
     * @param eps2     noise of the sub-latent xi (hierarchical prior) [sample][latent], not modified
     * @param theta    labels [sample][latent] where labelled (semi-supervised), else null
     * @param labelled which samples carry a label, or null
     * @param beta     weight of L_REG in the objective (0 in the reconstruction-only phase)
     * @param betaP    weight of the sub-latent KL (hierarchical prior)
     */
    Losses step(float[] fields, double[][] eps, double[][] eps2, double[][] theta, boolean[] labelled,
            double beta, double betaP, boolean backward) {
        // every array of a step lives in one workspace that is reused by the next step: no native
        // allocation, no garbage, no JavaCPP-triggered System.gc() pauses (docs/dl4j-notes.md, "Memory and runtime settings")
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, "fieldvae-step")) {
            return stepInWorkspace(fields, eps, eps2, theta, labelled, beta, betaP, backward);
        }
    }

    private Losses stepInWorkspace(float[] fields, double[][] eps, double[][] eps2, double[][] theta,
            boolean[] labelled, double beta, double betaP, boolean backward) {
        int batch = eps.length;
        INDArray x = input(fields, batch);
        double[][][] enc = encode(x, true);
        double[][] mu = enc[0];
        double[][] lv = enc[1];
        double[][] z = Objective.reparameterise(mu, lv, eps);
        INDArray out = decoder.forward(Nd4j.createFromArray(z).castTo(dataType()), true);
        double[] decoded = out.reshape(out.length()).toDoubleVector();
        Objective.Reconstruction rec = Objective.reconstruction(fields, decoded, batch, params.get(outputLogVar), bound,
                settings.priorAndLoss().lossScale());
        Regulariser.Value reg = regulariser.evaluate(mu, lv, z, eps, eps2, betaP, beta, backward);
        Objective.Label label = Objective.label(mu, lv, theta, labelled);
        Losses losses = new Losses(rec.loss() + beta * reg.loss() + label.loss(), rec.loss(), rec.perPixel(),
                reg.loss(), label.loss(), reg.logPrior());
        if (!backward) {
            return losses;
        }
        params.setGradient(outputLogVar, rec.gradOutputLogVar());
        INDArray gOut = Nd4j.createFromArray(rec.gradDecoded()).castTo(dataType()).reshape('c', out.shape());
        double[][] gZ = decoder.backward(gOut).toDoubleMatrix();
        double[][][] g = Objective.encoderGradients(gZ, reg, label, eps, lv);
        meanEncoder.backward(Nd4j.createFromArray(g[0]).castTo(dataType()));
        logVarEncoder.backward(Nd4j.createFromArray(g[1]).castTo(dataType()));
        return losses;
    }
}
