package org.fieldvae.vae;

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
 * <p>The objective of one minibatch (paper Eq. 7, 20-21 and 29, docs/equations.md; scales in {@link LossScale}):
 * L = L_REC + beta L_REG + L_LABEL, with
 * L_REC = sum 0.5 (log 2 pi + s_p + (y - mu_y(z))^2 exp(-s_p)) and z = mu + exp(logvar/2) eps.
 */
final class DenseVae {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.05).policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).build();

    final VaeSettings settings;
    final ParameterStore params = new ParameterStore();
    final ParameterStore state = new ParameterStore();
    private final Layer meanEncoder;
    private final Layer logVarEncoder;
    private final Layer decoder;
    /** The per-pixel output log-variance s_p; package-private so LossLandscape can score reconstructions. */
    final ParameterStore.Entry outputLogVar;
    /** The L_REG term; package-private so LossLandscape can evaluate it on rotated latents. */
    final Regulariser regulariser;
    private final int coarseChannels;
    private final int coarseSize;

    /** The loss terms of one minibatch, each in the settings' scale; recPerPixel always per pixel. */
    record Losses(double total, double rec, double recPerPixel, double reg, double label, double negLogPrior) {
    }

    DenseVae(VaeSettings settings, DataType type) {
        Backend.ensureLoaded();
        this.settings = settings;
        int[] blocks = settings.blocks();
        int encoderBlocks = blocks.length / 2;
        int c = settings.initialFeatures();
        for (int b = 0; b < encoderBlocks; b++) {
            c = (c + blocks[b] * settings.growth()) / 2;
        }
        coarseChannels = c;
        coarseSize = (settings.grid() - 1) >> (encoderBlocks + 1);
        meanEncoder = encoder("encoder_mean");
        logVarEncoder = encoder("encoder_logvar");
        decoder = decoder();
        outputLogVar = params.declare("output.logvar", new long[] {settings.grid(), settings.grid()},
                ParameterStore.Start.ZEROS);
        regulariser = new Regulariser(settings, params);
        params.allocate(type);
        state.allocate(type);
        params.initialise(settings.init(), settings.seed());
        state.initialise(settings.init(), settings.seed());
    }

    private int flat() {
        return coarseChannels * coarseSize * coarseSize;
    }

    private Layer encoder(String name) {
        int[] blocks = settings.blocks();
        Layer.Sequence s = new Layer.Sequence();
        int c = settings.initialFeatures();
        s.add(new Layer.Conv(params, name + ".conv0", settings.channels(), c, 7, 2, 2, false));
        for (int b = 0; b < blocks.length / 2; b++) {
            Layer.DenseBlock block = new Layer.DenseBlock(params, state, name + ".block" + b, c, blocks[b],
                    settings.growth());
            s.add(block);
            c = block.outChannels();
            int half = c / 2;
            s.add(new Layer.BatchNormRelu(params, state, name + ".down" + b + ".norm0", c));
            s.add(new Layer.Conv(params, name + ".down" + b + ".conv0", c, half, 1, 1, 0));
            s.add(new Layer.BatchNormRelu(params, state, name + ".down" + b + ".norm1", half));
            s.add(new Layer.Conv(params, name + ".down" + b + ".conv1", half, half, 3, 2, 1));
            c = half;
        }
        s.add(new Layer.Reshape(flat()));
        s.add(new Layer.Linear(params, name + ".fc0", flat(), flat() / 2));
        s.add(new Layer.Relu());
        s.add(new Layer.Linear(params, name + ".fc1", flat() / 2, settings.latent()));
        return s;
    }

    private Layer decoder() {
        int[] blocks = settings.blocks();
        Layer.Sequence s = new Layer.Sequence();
        s.add(new Layer.Linear(params, "decoder.fc0", settings.latent(), flat() / 2));
        s.add(new Layer.Relu());
        s.add(new Layer.Linear(params, "decoder.fc1", flat() / 2, flat()));
        s.add(new Layer.Reshape(coarseChannels, coarseSize, coarseSize));
        int c = coarseChannels;
        for (int b = blocks.length / 2; b < blocks.length; b++) {
            Layer.DenseBlock block = new Layer.DenseBlock(params, state, "decoder.block" + b, c, blocks[b],
                    settings.growth());
            s.add(block);
            c = block.outChannels();
            int half = c / 2;
            boolean last = b == blocks.length - 1;
            s.add(new Layer.BatchNormRelu(params, state, "decoder.up" + b + ".norm0", c));
            s.add(new Layer.Conv(params, "decoder.up" + b + ".conv0", c, half, 1, 1, 0));
            s.add(new Layer.BatchNormRelu(params, state, "decoder.up" + b + ".norm1", half));
            if (last) {
                s.add(new Layer.Deconv(params, "decoder.up" + b + ".deconv", half, settings.channels(), 4, 2, 1, 1));
                s.add(new Layer.Conv(params, "decoder.output", settings.channels(), settings.channels(), 5, 1, 2));
            } else {
                s.add(new Layer.Deconv(params, "decoder.up" + b + ".deconv", half, half, 3, 2, 1, 1));
            }
            c = half;
        }
        return s;
    }

    /** Sets the output log-variance s [i * n + j] (the trainer's {@link OutputVarianceStart#DATA_VARIANCE}). */
    void setOutputLogVariance(double[] s) {
        params.value(outputLogVar).assign(Nd4j.createFromArray(s).castTo(dataType()).reshape('c', settings.grid(),
                settings.grid()));
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
        int n = settings.grid();
        return Nd4j.createFromArray(fields).reshape('c', batch, settings.channels(), n, n).castTo(dataType());
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
            lv[s] = Regulariser.clip(raw[s], settings.logVarianceBound());
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
        int latent = settings.latent();
        INDArray x = input(fields, batch);
        double[][][] enc = encode(x, true);
        double[][] mu = enc[0];
        double[][] lv = enc[1];
        double[][] z = new double[batch][latent];
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < latent; j++) {
                z[s][j] = mu[s][j] + Math.exp(lv[s][j] / 2) * eps[s][j];
            }
        }
        INDArray out = decoder.forward(Nd4j.createFromArray(z).castTo(dataType()), true);

        // reconstruction, in plain Java: one pass over the batch
        int n = settings.grid();
        int pixels = n * n;
        double[] o = out.reshape(out.length()).toDoubleVector();
        double[] rawS = params.get(outputLogVar);
        double[] sp = Regulariser.clip(rawS, settings.logVarianceBound());
        double norm = settings.lossScale() == LossScale.PER_PIXEL ? (double) batch * pixels : batch;
        double[] precision = new double[pixels];
        double constant = 0;
        for (int p = 0; p < pixels; p++) {
            precision[p] = Math.exp(-sp[p]);
            constant += 0.5 * (LOG_2PI + sp[p]);
        }
        double recSum = constant * (o.length / pixels);
        double[] gOut = new double[o.length];
        double[] gS = new double[pixels];
        for (int k = 0; k < o.length; k++) {
            int p = k % pixels;
            double r = fields[k] - o[k];
            double rr = r * r * precision[p];
            recSum += 0.5 * rr;
            gOut[k] = -r * precision[p] / norm;
            gS[p] += 0.5 * (1 - rr) / norm;
        }
        double rec = recSum / norm;

        Regulariser.Value reg = regulariser.evaluate(mu, lv, z, eps, eps2, betaP, beta, backward);

        // semi-supervised term (Eq. 29): mean over the labelled samples of -log q(z = theta | y)
        double label = 0;
        double[][] gMuLabel = new double[batch][latent];
        double[][] gLvLabel = new double[batch][latent];
        int labelledCount = 0;
        if (labelled != null) {
            for (boolean l : labelled) {
                labelledCount += l ? 1 : 0;
            }
        }
        for (int s = 0; s < batch && labelledCount > 0; s++) {
            if (!labelled[s]) {
                continue;
            }
            for (int j = 0; j < latent; j++) {
                double r = theta[s][j] - mu[s][j];
                double inv = Math.exp(-lv[s][j]);
                label += 0.5 * (LOG_2PI + lv[s][j] + r * r * inv) / labelledCount;
                gMuLabel[s][j] = -r * inv / labelledCount;
                gLvLabel[s][j] = 0.5 * (1 - r * r * inv) / labelledCount;
            }
        }
        Losses losses = new Losses(rec + beta * reg.loss() + label, rec, recSum / ((double) batch * pixels),
                reg.loss(), label, reg.negLogPrior());
        if (!backward) {
            return losses;
        }

        for (int p = 0; p < pixels; p++) {
            if (Math.abs(rawS[p]) > settings.logVarianceBound()) {
                gS[p] = 0;
            }
        }
        params.setGradient(outputLogVar, gS);
        INDArray gOutArray = Nd4j.createFromArray(gOut).castTo(dataType()).reshape('c', out.shape());
        double[][] gZ = decoder.backward(gOutArray).toDoubleMatrix();
        double[][] gMu = new double[batch][latent];
        double[][] gLv = new double[batch][latent];
        double bound = settings.logVarianceBound();
        double[][] rawLv = enc[2];
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < latent; j++) {
                double gz = gZ[s][j] + reg.gradZ()[s][j];
                gMu[s][j] = gz + reg.gradMu()[s][j] + gMuLabel[s][j];
                double g = gz * eps[s][j] * 0.5 * Math.exp(lv[s][j] / 2) + reg.gradLogVar()[s][j] + gLvLabel[s][j];
                gLv[s][j] = Math.abs(rawLv[s][j]) > bound ? 0 : g;
            }
        }
        meanEncoder.backward(Nd4j.createFromArray(gMu).castTo(dataType()));
        logVarEncoder.backward(Nd4j.createFromArray(gLv).castTo(dataType()));
        return losses;
    }
}
