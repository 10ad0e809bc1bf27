package org.fieldvae.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.fieldvae.Check;
import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.fieldvae.nn.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Probes of the loss landscape of a trained VAE (paper Section 4.2, Fig. 6 and 11, and Section 5, Fig. 18).
 *
 * <p><b>Interpolation</b> (Eq. 27): P(alpha) = (1 - alpha) P_a + alpha P_b for every trainable parameter
 * and, beyond the paper, for every batch-norm running mean and variance, so the interpolated model can be
 * evaluated in inference mode (a convex combination of variances stays positive). P_a may be a fresh
 * random initialisation ({@link #initialisation}), as in Fig. 6.
 *
 * <p><b>Latent rotation</b> (Fig. 18): a rotation R(phi) by phi in the plane of latent dimensions 1 and 2
 * turns the encoding distribution into q(z|y) = N(R mu, R Sigma R^T), Sigma = diag(exp(logvar)), and the
 * decoder reads R^T z, so L_REC does not change while L_REG, in general, does. For the standard and scaled
 * priors N(0, D), D = diag(v), L_REG is the closed-form KL of the full-covariance Gaussian:
 * <pre>
 * KL = 1/2 [ tr(D^-1 R Sigma R^T) + (R mu)^T D^-1 (R mu) - n + log det D - log det Sigma ]
 *    = 1/2 sum_i [ (sum_j R_ij^2 sigma_j^2 + (R mu)_i^2) / v_i - 1 + log v_i ] - 1/2 sum_j logvar_j,
 * </pre>
 * which is rotation invariant when D = I (Appendix A) and has period pi in phi. For the hierarchical prior
 * L_REG is estimated with the samples z = R (mu + Sigma^(1/2) eps) (same eps at every angle); log q(z|y)
 * needs no change since det(R Sigma R^T) = det Sigma.
 *
 * <p>All losses use batch norm's running statistics, so a loss does not depend on how the data are batched;
 * they are averages over the whole dataset in the model's {@link LossScale}, with L_REC a Monte Carlo estimate
 * over {@link ProbeSettings#latentSamples()} samples per field, as in the paper.
 * <pre>
 * C. Jacobsen, K. Duraisamy, "Disentangling Generative Factors of Physical Fields Using Variational
 * Autoencoders", Sec. 4.2 (Eq. 27, Fig. 6 and 11), Sec. 5 (Fig. 18) and Appendix A.
 * </pre>
 */
public final class LossLandscape {
    private static final int CHUNK = 64;

    private LossLandscape() {
    }

    /** L_REC, L_REG and L_REC + beta L_REG of the model on the fields [sample][channel][i][j]. */
    public static ProbeLosses evaluate(TrainedModel model, float[][][][] fields, ProbeSettings settings) {
        return rotate(model, fields, new double[] {0.0}, settings, Progress.NONE).get(0);
    }

    /**
     * The losses with the latent space rotated by each angle (radians) in the plane of latent dimensions 1
     * and 2; the fields are encoded once.
     *
     * @throws IllegalArgumentException if the model's latent dimension is below 2 or an angle is not finite
     */
    public static List<ProbeLosses> rotate(TrainedModel model, float[][][][] fields, double[] angles,
            ProbeSettings settings, Progress progress) {
        Objects.requireNonNull(settings, "settings");
        int latent = model.settings().architecture().latent();
        boolean identityOnly = angles.length == 1 && angles[0] == 0.0;
        Check.that(identityOnly || latent >= 2, "latent", "= " + latent + ": a latent rotation needs >= 2 dimensions");
        for (double phi : angles) {
            Check.finite("angle", phi);
        }
        if (fields.length == 0) {
            throw new InvalidInputException("no fields to evaluate the losses on");
        }
        Encoded encoded = Encoded.of(model, fields);
        List<ProbeLosses> out = new ArrayList<>();
        for (int a = 0; a < angles.length; a++) {
            progress.checkCancelled();
            out.add(losses(model.vae, encoded, rotation(latent, angles[a]), settings));
            progress.report((a + 1.0) / angles.length, "angle " + (a + 1) + "/" + angles.length);
        }
        return out;
    }

    /**
     * The model with parameters and batch-norm statistics (1 - alpha) P_a + alpha P_b (Eq. 27), with the
     * settings of {@code a} and an empty training history. alpha outside [0, 1] extrapolates along the line.
     *
     * @throws IllegalArgumentException naming the first setting in which the two architectures or priors differ
     */
    public static TrainedModel interpolate(TrainedModel a, TrainedModel b, double alpha) {
        Check.finite("alpha", alpha);
        checkSameArchitecture(a.settings(), b.settings());
        DenseVae vae = new DenseVae(a.settings(), DataType.FLOAT);
        vae.params.setAll(mix(a.vae.params.getAll(), b.vae.params.getAll(), alpha));
        vae.state.setAll(mix(a.vae.state.getAll(), b.vae.state.getAll(), alpha));
        return new TrainedModel(vae, emptyHistory());
    }

    /** A freshly initialised model of the given settings with the given initialisation seed (P_i of Eq. 27). */
    public static TrainedModel initialisation(VaeSettings settings, long seed) {
        return new TrainedModel(new DenseVae(settings.withSeed(seed), DataType.FLOAT), emptyHistory());
    }

    /** The beta the model's training ended with, or 1 (the plain ELBO) if it has no training history. */
    public static double finalBeta(TrainedModel model) {
        TrainingHistory h = model.history();
        if (h == null || h.epochs().isEmpty()) {
            return 1.0;
        }
        return h.epochs().get(h.epochs().size() - 1).beta();
    }

    private static TrainingHistory emptyHistory() {
        return new TrainingHistory(List.of(), false, Double.NaN, Backend.ensureLoaded());
    }

    static double[] mix(double[] a, double[] b, double alpha) {
        double[] m = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            m[i] = (1 - alpha) * a[i] + alpha * b[i];
        }
        return m;
    }

    /** The settings that fix the graph and the meaning of the losses; training schedule and seed may differ. */
    static Map<String, String> architecture(VaeSettings s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("grid", Integer.toString(s.architecture().grid()));
        m.put("channels", Integer.toString(s.architecture().channels()));
        m.put("blocks", Arrays.toString(s.architecture().blocks()));
        m.put("growth", Integer.toString(s.architecture().growth()));
        m.put("initialFeatures", Integer.toString(s.architecture().initialFeatures()));
        m.put("latent", Integer.toString(s.architecture().latent()));
        m.put("prior", s.priorAndLoss().prior().toString());
        m.put("priorVariances", Arrays.toString(s.priorAndLoss().priorVariances()));
        m.put("lossScale", s.priorAndLoss().lossScale().toString());
        m.put("logVarianceBound", Double.toString(s.priorAndLoss().logVarianceBound()));
        return m;
    }

    static void checkSameArchitecture(VaeSettings a, VaeSettings b) {
        Map<String, String> ma = architecture(a);
        Map<String, String> mb = architecture(b);
        for (Map.Entry<String, String> e : ma.entrySet()) {
            if (!e.getValue().equals(mb.get(e.getKey()))) {
                throw new IllegalArgumentException("the models differ in " + e.getKey() + " (" + e.getValue()
                        + " vs " + mb.get(e.getKey()) + "): interpolation needs the same architecture and prior");
            }
        }
    }

    /** The rotation by phi in the plane of latent dimensions 1 and 2, identity elsewhere, [n][n]. */
    static double[][] rotation(int n, double phi) {
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            r[i][i] = 1;
        }
        if (n >= 2) {
            r[0][0] = Math.cos(phi);
            r[0][1] = -Math.sin(phi);
            r[1][0] = Math.sin(phi);
            r[1][1] = Math.cos(phi);
        }
        return r;
    }

    /** y = R x (transpose: y = R^T x) for one vector. */
    static double[] apply(double[][] r, double[] x, boolean transpose) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double sum = 0;
            for (int j = 0; j < x.length; j++) {
                sum += (transpose ? r[j][i] : r[i][j]) * x[j];
            }
            y[i] = sum;
        }
        return y;
    }

    /**
     * KL(N(R mu, R diag(exp(lv)) R^T) || N(0, diag(v))) of one sample (class javadoc), summed over dimensions.
     *
     * @param r  rotation [n][n], not modified
     * @param mu latent mean [n], not modified
     * @param lv clipped latent log-variance [n], not modified
     * @param v  prior variances [n], not modified
     */
    static double rotatedKl(double[][] r, double[] mu, double[] lv, double[] v) {
        int n = mu.length;
        double[] m = apply(r, mu, false);
        double kl = 0;
        for (int i = 0; i < n; i++) {
            double sii = 0;
            for (int j = 0; j < n; j++) {
                sii += r[i][j] * r[i][j] * Math.exp(lv[j]);
            }
            kl += 0.5 * ((sii + m[i] * m[i]) / v[i] - 1 + Math.log(v[i]) - lv[i]);
        }
        return kl;
    }

    /** The fields in chunks with their encodings (inference mode), computed once for all angles. */
    private record Encoded(List<float[]> flat, List<double[][]> mean, List<double[][]> logVar) {
        static Encoded of(TrainedModel model, float[][][][] fields) {
            Encoding all = model.encode(fields);
            double[][] mu = all.mean();
            double[][] lv = all.logVariance();
            Encoded e = new Encoded(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int from = 0; from < fields.length; from += CHUNK) {
                int to = Math.min(fields.length, from + CHUNK);
                e.flat.add(TrainedModel.flatten(Arrays.copyOfRange(fields, from, to)));
                e.mean.add(Arrays.copyOfRange(mu, from, to));
                e.logVar.add(Arrays.copyOfRange(lv, from, to));
            }
            return e;
        }
    }

    private static ProbeLosses losses(DenseVae vae, Encoded encoded, double[][] r, ProbeSettings s) {
        VaeSettings vs = vae.settings;
        int n = vs.architecture().latent();
        int pixels = vs.architecture().grid() * vs.architecture().grid();
        double[] sp = vae.bound.apply(vae.params.get(vae.outputLogVar));
        double[] variances = vs.priorAndLoss().prior() == PriorKind.SCALED ? vs.priorAndLoss().priorVariances() : ones(n);
        boolean closedForm = vs.priorAndLoss().prior() != PriorKind.HIERARCHICAL;
        SplittableRandom random = new SplittableRandom(s.seed());
        int k = s.latentSamples();
        double recSum = 0;
        double regSum = 0;
        int samples = 0;
        for (int c = 0; c < encoded.flat().size(); c++) {
            double[][] mu = encoded.mean().get(c);
            double[][] lv = encoded.logVar().get(c);
            int count = mu.length;
            samples += count;
            double[][] rotatedMu = new double[count][];
            for (int i = 0; i < count; i++) {
                rotatedMu[i] = apply(r, mu[i], false);
                regSum += closedForm ? rotatedKl(r, mu[i], lv[i], variances) : 0.0;
            }
            for (int draw = 0; draw < k; draw++) {
                double[][] eps = gaussians(random, count, n);
                double[][] eps2 = gaussians(random, count, n);
                double[][] z = Objective.reparameterise(mu, lv, eps);
                double[][] back = new double[count][];
                for (int i = 0; i < count; i++) {
                    z[i] = apply(r, z[i], false);
                    back[i] = apply(r, z[i], true);
                }
                recSum += Objective.reconstructionSum(encoded.flat().get(c), decoded(vae, back), sp) / k;
                if (!closedForm) {
                    // the hierarchical term is a batch mean, summed over latent dimensions
                    regSum += vae.regulariser.evaluate(rotatedMu, lv, z, eps, eps2, 1.0, 1.0, false).loss() * count / k;
                }
            }
        }
        boolean perPixel = vs.priorAndLoss().lossScale() == LossScale.PER_PIXEL;
        double rec = recSum / (perPixel ? (double) samples * pixels : samples);
        double reg = regSum / (perPixel && closedForm ? (double) samples * n : samples);
        return ProbeLosses.of(rec, reg, s.beta());
    }

    private static double[] decoded(DenseVae vae, double[][] z) {
        INDArray d = vae.decode(z);
        return d.reshape(d.length()).toDoubleVector();
    }

    private static double[][] gaussians(SplittableRandom random, int rows, int columns) {
        double[][] g = new double[rows][columns];
        for (double[] row : g) {
            for (int j = 0; j < columns; j++) {
                row[j] = VaeTrainer.gaussian(random);
            }
        }
        return g;
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        Arrays.fill(o, 1.0);
        return o;
    }
}
