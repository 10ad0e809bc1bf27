package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.fieldvae.nn.ParameterStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks the training objective of one minibatch, L_REC (Eq. 20-21), L_REG (Eq. 4 for the standard and scaled
 * priors, Eq. 13-14 for the hierarchical prior), L_LABEL (Eq. 29), their sum (Eq. 7), the reparameterisation
 * and every gradient against an
 * independent implementation written from the paper's equations in PyTorch with autograd
 * ({@code src/test/python/objective_reference.py}, float64), for the same inputs, prior weights and noise
 * (docs/equations.md). The decoder is a linear map z W + b here, in both implementations, so that the test
 * checks the objective and its chain rule, not the convolutions (those are checked against libnd4j).
 *
 * <p>Tolerance: both sides compute in float64; the sums run in different orders, so they agree to a few
 * units of round-off relative to the largest term, 1e-10 relative here.
 *
 * <p>Needs Debian's PyTorch ({@code apt-get install python3-torch}); {@code .ci/run} installs it.
 */
class ObjectiveReferenceTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/python/objective_reference.py");
    private static final int BATCH = 6;
    private static final int CHANNELS = 3;
    private static final int GRID = 5;
    private static final int LATENT = 2;
    private static final double TOLERANCE = 1e-10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} prior ({4} decoder), {1} scale, labels {2}, out of bound {3}")
    @CsvSource({
        "STANDARD, PER_PIXEL, false, false, INTENDED",
        "STANDARD, ELBO, true, false, INTENDED",
        "SCALED, PER_PIXEL, true, false, INTENDED",
        "HIERARCHICAL, PER_PIXEL, false, false, INTENDED",
        "HIERARCHICAL, ELBO, true, false, INTENDED",
        "HIERARCHICAL, PER_PIXEL, false, false, AS_CODED",
        "HIERARCHICAL, ELBO, true, true, AS_CODED",
        "STANDARD, PER_PIXEL, true, true, INTENDED",
        "HIERARCHICAL, PER_PIXEL, false, true, INTENDED",
    })
    void objectiveAndGradientsMatchTheReference(PriorKind prior, LossScale scale, boolean labels, boolean outOfBound,
            HpDecoder decoder) throws Exception {
        Case c = new Case(prior, scale, labels, outOfBound, decoder,
                new SplittableRandom(prior.ordinal() * 31L + scale.ordinal() + 7L * decoder.ordinal()));
        Computed java = c.computeInJava();
        JsonNode ref = c.computeInPython(dir);
        assertClose("L_REC", ref.get("rec").asDouble(), java.rec);
        assertClose("L_REG", ref.get("reg").asDouble(), java.reg);
        assertClose("L_LABEL", ref.get("label").asDouble(), java.label);
        assertClose("total", ref.get("total").asDouble(), java.total);
        assertClose("log p(z|xi), driving beta_p", ref.get("log_prior").asDouble(), java.logPrior);
        JsonNode grad = ref.get("grad");
        for (Map.Entry<String, double[]> g : java.gradients.entrySet()) {
            JsonNode expected = grad.get(g.getKey());
            assertTrue(expected != null, "the reference has no gradient of " + g.getKey());
            double[] want = toArray(expected);
            assertEquals(want.length, g.getValue().length, g.getKey());
            double scaleOf = 0;
            for (double v : want) {
                scaleOf = Math.max(scaleOf, Math.abs(v));
            }
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], g.getValue()[i], TOLERANCE * Math.max(1e-3, scaleOf),
                        "d total / d " + g.getKey() + "[" + i + "]");
            }
        }
    }

    private static void assertClose(String what, double expected, double actual) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1.0, Math.abs(expected)), what);
    }

    private static double[] toArray(JsonNode array) {
        double[] a = new double[array.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = array.get(i).asDouble();
        }
        return a;
    }

    /** What the Java objective gives: the losses and the gradients by leaf name. */
    private record Computed(double rec, double reg, double label, double total, double logPrior,
            Map<String, double[]> gradients) {
    }

    /** One minibatch with random inputs, noise and (hierarchical) prior weights. */
    private static final class Case {
        final VaeSettings settings;
        final float[] fields;
        final double[][] mu;
        final double[][] rawLv;
        final double[] rawS;
        final double[][] eps;
        final double[][] eps2;
        final double[][] theta;
        final boolean[] labelled;
        final double[][] w;
        final double[] b;
        final double beta;
        final double betaP;
        final ParameterStore store = new ParameterStore();
        final Regulariser regulariser;

        Case(PriorKind prior, LossScale scale, boolean labels, boolean outOfBound, HpDecoder decoder,
                SplittableRandom random) {
            VaeSettings s = TinyVae.settings(prior).withLossScale(scale).withHpDecoder(decoder);
            settings = s;
            int pixels = GRID * GRID;
            fields = new float[BATCH * CHANNELS * pixels];
            for (int k = 0; k < fields.length; k++) {
                fields[k] = (float) (0.5 * TinyVae.gaussian(random));
            }
            mu = gaussians(random, BATCH, LATENT, 1.0, 0.0);
            rawLv = gaussians(random, BATCH, LATENT, 0.5, -1.0);
            rawS = new double[pixels];
            for (int p = 0; p < pixels; p++) {
                rawS[p] = -1 + 0.5 * TinyVae.gaussian(random);
            }
            double bound = s.priorAndLoss().logVarianceBound();
            if (outOfBound) {
                rawLv[0][0] = -bound - 3;
                rawLv[1][1] = bound + 2;
                rawS[3] = -bound - 1;
            }
            eps = gaussians(random, BATCH, LATENT, 1.0, 0.0);
            eps2 = gaussians(random, BATCH, LATENT, 1.0, 0.0);
            theta = gaussians(random, BATCH, LATENT, 1.0, 0.0);
            labelled = new boolean[BATCH];
            if (labels) {
                labelled[1] = true;
                labelled[4] = true;
            }
            w = gaussians(random, LATENT, CHANNELS * pixels, 0.3, 0.0);
            b = gaussians(random, 1, CHANNELS * pixels, 0.1, 0.0)[0];
            beta = 0.7;
            betaP = 0.4;
            regulariser = new Regulariser(s, store, new LogVarianceBound(bound));
            store.allocate(DataType.DOUBLE);
            store.initialise(s.architecture().init(), 11);
            for (ParameterStore.Entry e : store.entries()) {
                if (e.name().endsWith(".logvar") || e.name().endsWith(".bias")) {
                    double[] v = new double[(int) e.length()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = 0.3 * TinyVae.gaussian(random);
                    }
                    store.set(e, v);
                }
            }
        }

        Computed computeInJava() {
            LogVarianceBound bound = new LogVarianceBound(settings.priorAndLoss().logVarianceBound());
            double[][] lv = new double[BATCH][];
            for (int s = 0; s < BATCH; s++) {
                lv[s] = bound.apply(rawLv[s]);
            }
            double[][] z = Objective.reparameterise(mu, lv, eps);
            double[] decoded = new double[fields.length];
            int width = w[0].length;
            for (int s = 0; s < BATCH; s++) {
                for (int k = 0; k < width; k++) {
                    double sum = b[k];
                    for (int j = 0; j < LATENT; j++) {
                        sum += z[s][j] * w[j][k];
                    }
                    decoded[s * width + k] = sum;
                }
            }
            Objective.Reconstruction rec = Objective.reconstruction(fields, decoded, BATCH, rawS, bound,
                    settings.priorAndLoss().lossScale());
            Regulariser.Value reg = regulariser.evaluate(mu, lv, z, eps, eps2, betaP, beta, true);
            Objective.Label label = Objective.label(mu, lv, theta, labelled);
            double[][] gZ = new double[BATCH][LATENT];
            for (int s = 0; s < BATCH; s++) {
                for (int j = 0; j < LATENT; j++) {
                    for (int k = 0; k < width; k++) {
                        gZ[s][j] += rec.gradDecoded()[s * width + k] * w[j][k];
                    }
                }
            }
            double[][][] g = Objective.encoderGradients(gZ, reg, label, eps, lv);
            Map<String, double[]> gradients = new LinkedHashMap<>();
            gradients.put("mu", flat(g[0]));
            gradients.put("raw_logvar", flat(g[1]));
            gradients.put("raw_output_logvar", rec.gradOutputLogVar());
            if (settings.priorAndLoss().prior() == PriorKind.HIERARCHICAL) {
                for (ParameterStore.Entry e : store.entries()) {
                    gradients.put(e.name(), store.gradient(e).dup().reshape(e.length()).toDoubleVector());
                }
            }
            double total = rec.loss() + beta * reg.loss() + label.loss();
            return new Computed(rec.loss(), reg.loss(), label.loss(), total, reg.logPrior(), gradients);
        }

        JsonNode computeInPython(Path dir) throws IOException, InterruptedException {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("batch", BATCH);
            c.put("channels", CHANNELS);
            c.put("pixels", GRID * GRID);
            c.put("latent", LATENT);
            c.put("bound", settings.priorAndLoss().logVarianceBound());
            c.put("gradient_rule", new LogVarianceBound(1).gradientRule());
            c.put("scale", settings.priorAndLoss().lossScale().name());
            c.put("prior", settings.priorAndLoss().prior().name());
            c.put("prior_variances", settings.priorAndLoss().prior() == PriorKind.SCALED ? settings.priorAndLoss().priorVariances() : ones());
            double[] exact = new double[fields.length];
            for (int k = 0; k < fields.length; k++) {
                exact[k] = fields[k]; // as doubles: a float's shortest decimal is not its exact value
            }
            c.put("fields", exact);
            c.put("mu", mu);
            c.put("raw_logvar", rawLv);
            c.put("raw_output_logvar", rawS);
            c.put("eps", eps);
            c.put("eps2", eps2);
            c.put("theta", theta);
            c.put("labelled", labelled);
            c.put("decoder_weight", w);
            c.put("decoder_bias", b);
            c.put("beta", beta);
            c.put("beta_p", betaP);
            c.put("prior_decoder_layers", settings.priorAndLoss().hpDecoder().sizes(LATENT).length - 1);
            c.put("prior_decoder_relu_on_output", settings.priorAndLoss().hpDecoder().reluOnOutput());
            Map<String, double[]> prior = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (ParameterStore.Entry e : store.entries()) {
                prior.put(e.name(), store.get(e));
                shapes.put(e.name(), e.shape());
            }
            c.put("prior_parameters", prior);
            c.put("prior_shapes", shapes);
            Path in = dir.resolve("case.json");
            Path out = dir.resolve("result.json");
            JSON.writeValue(in.toFile(), c);
            List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toAbsolutePath().toString(),
                    in.toString(), out.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("the PyTorch reference failed (needs 'apt-get install python3-torch'):\n" + log);
            }
            return JSON.readTree(Files.readString(out));
        }

        private static double[] ones() {
            double[] o = new double[LATENT];
            java.util.Arrays.fill(o, 1.0);
            return o;
        }

        private static double[][] gaussians(SplittableRandom random, int rows, int columns, double sd, double mean) {
            double[][] g = new double[rows][columns];
            for (double[] row : g) {
                for (int j = 0; j < columns; j++) {
                    row[j] = mean + sd * TinyVae.gaussian(random);
                }
            }
            return g;
        }

        private static double[] flat(double[][] a) {
            double[] f = new double[a.length * a[0].length];
            for (int s = 0; s < a.length; s++) {
                System.arraycopy(a[s], 0, f, s * a[s].length, a[s].length);
            }
            return f;
        }
    }
}
