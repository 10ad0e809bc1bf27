package org.fieldvae.vae;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.fieldvae.InvalidInputException;
import org.fieldvae.Provenance;
import org.fieldvae.nn.Backend;
import org.fieldvae.nn.ParameterStore;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained DenseVAE: encoder, decoder, output log-variance, prior networks, batch-norm running
 * statistics, settings and training history. Encoding and decoding use the running statistics, so a
 * field's encoding does not depend on the batch it comes in, and a saved and reloaded model gives
 * bit-identical encodings on the same machine.
 */
public final class TrainedModel implements AutoCloseable {
    private static final int CHUNK = 64;
    final DenseVae vae;
    private final TrainingHistory history;

    TrainedModel(DenseVae vae, TrainingHistory history) {
        this.vae = vae;
        this.history = history;
    }

    public VaeSettings settings() {
        return vae.settings;
    }

    public TrainingHistory history() {
        return history;
    }

    /** Trainable parameters (7,996,642 for the paper's configuration). */
    public long parameterCount() {
        return vae.parameterCount();
    }

    /** Latent means and log-variances of the fields [sample][channel][i][j]. */
    public Encoding encode(float[][][][] fields) {
        checkFields(fields);
        List<double[]> mean = new ArrayList<>();
        List<double[]> logVar = new ArrayList<>();
        for (int from = 0; from < fields.length; from += CHUNK) {
            int to = Math.min(fields.length, from + CHUNK);
            float[][][][] part = java.util.Arrays.copyOfRange(fields, from, to);
            double[][][] enc = vae.encode(vae.input(flatten(part), to - from), false);
            mean.addAll(List.of(enc[0]));
            logVar.addAll(List.of(enc[1]));
        }
        return new Encoding(mean.toArray(double[][]::new), logVar.toArray(double[][]::new));
    }

    /** One reparameterised sample z = mean + exp(logvar/2) eps per field, eps ~ N(0, I) from the seed. */
    public double[][] sample(float[][][][] fields, long seed) {
        Encoding e = encode(fields);
        double[][] mu = e.mean();
        double[][] lv = e.logVariance();
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < mu.length; s++) {
            for (int j = 0; j < mu[s].length; j++) {
                mu[s][j] += Math.exp(lv[s][j] / 2) * VaeTrainer.gaussian(random);
            }
        }
        return mu;
    }

    /**
     * Samples of the model's prior p(z), [sample][latent]: N(0, I), the scaled prior, or the learned
     * hierarchical prior p(z) = integral p(z|xi) N(xi; 0, I) dxi; xi and the noise come from the seed.
     */
    public double[][] samplePrior(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = settings().architecture().latent();
        double[][] xi = new double[count][n];
        double[][] eps = new double[count][n];
        for (int s = 0; s < count; s++) {
            for (int j = 0; j < n; j++) {
                xi[s][j] = VaeTrainer.gaussian(random);
                eps[s][j] = VaeTrainer.gaussian(random);
            }
        }
        return vae.regulariser.samplePrior(xi, eps);
    }

    /** The decoder's mean fields [sample][channel][i][j] of the latents [sample][latent]. */
    public float[][][][] decode(double[][] latents) {
        int latent = settings().architecture().latent();
        for (int s = 0; s < latents.length; s++) {
            if (latents[s].length != latent) {
                throw new InvalidInputException("latent " + s + " has " + latents[s].length
                        + " dimensions, the model has " + latent);
            }
            for (double v : latents[s]) {
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("latent " + s + " has a non-finite value");
                }
            }
        }
        int n = settings().architecture().grid();
        int c = settings().architecture().channels();
        float[][][][] out = new float[latents.length][c][n][n];
        for (int from = 0; from < latents.length; from += CHUNK) {
            int to = Math.min(latents.length, from + CHUNK);
            INDArray y = vae.decode(java.util.Arrays.copyOfRange(latents, from, to));
            float[] flat = y.castTo(DataType.FLOAT).reshape(y.length()).toFloatVector();
            int k = 0;
            for (int s = from; s < to; s++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(flat, k, out[s][ch][i], 0, n);
                        k += n;
                    }
                }
            }
        }
        return out;
    }

    /** Writes the model zip (atomically: temporary file, then move). */
    public void save(Path zip, boolean overwrite) {
        ModelArchive.write(zip, entries(), overwrite);
    }

    Map<String, byte[]> entries() {
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put(ModelArchive.SETTINGS, ModelArchive.json(settings()));
        e.put(ModelArchive.GRAPH, ModelArchive.json(graph(vae)));
        e.put(ModelArchive.PARAMETERS, ModelArchive.floats(toFloats(vae.params)));
        e.put(ModelArchive.BATCH_NORM, ModelArchive.floats(toFloats(vae.state)));
        e.put(ModelArchive.HISTORY, ModelArchive.json(history));
        e.put(ModelArchive.HISTORY_CSV, history.toCsv().getBytes(StandardCharsets.UTF_8));
        Map<String, Object> provenance = new LinkedHashMap<>(Provenance.current().asMap());
        provenance.put("nd4j_backend", Backend.ensureLoaded());
        provenance.put("parameter_count", parameterCount());
        provenance.put("seed", settings().run().seed());
        e.put(ModelArchive.PROVENANCE, ModelArchive.json(provenance));
        return e;
    }

    /** Reads a model zip written by {@link #save}. @throws InvalidInputException naming the file if it is not one */
    public static TrainedModel load(Path zip) {
        Map<String, byte[]> e = ModelArchive.read(zip, ModelArchive.SETTINGS, ModelArchive.GRAPH,
                ModelArchive.PARAMETERS, ModelArchive.BATCH_NORM, ModelArchive.HISTORY);
        VaeSettings settings = ModelArchive.json(e.get(ModelArchive.SETTINGS), VaeSettings.class, zip,
                ModelArchive.SETTINGS);
        TrainingHistory history = ModelArchive.json(e.get(ModelArchive.HISTORY), TrainingHistory.class, zip,
                ModelArchive.HISTORY);
        return new TrainedModel(restore(settings, e, zip), history);
    }

    static DenseVae restore(VaeSettings settings, Map<String, byte[]> e, Path zip) {
        DenseVae vae = new DenseVae(settings, DataType.FLOAT);
        String graph = new String(ModelArchive.json(graph(vae)), StandardCharsets.UTF_8);
        if (!graph.equals(new String(e.get(ModelArchive.GRAPH), StandardCharsets.UTF_8))) {
            throw new InvalidInputException("model file " + zip + ": its graph does not match its settings");
        }
        vae.params.setAll(toDoubles(ModelArchive.floats(e.get(ModelArchive.PARAMETERS), zip,
                ModelArchive.PARAMETERS, vae.params.size())));
        vae.state.setAll(toDoubles(ModelArchive.floats(e.get(ModelArchive.BATCH_NORM), zip,
                ModelArchive.BATCH_NORM, vae.state.size())));
        return vae;
    }

    /** The tensors of the net by name and shape, in storage order: the "graph" entry of the zip. */
    static List<Map<String, Object>> graph(DenseVae vae) {
        List<Map<String, Object>> g = new ArrayList<>();
        for (ParameterStore store : List.of(vae.params, vae.state)) {
            for (ParameterStore.Entry en : store.entries()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", en.name());
                m.put("shape", en.shape());
                g.add(m);
            }
        }
        return g;
    }

    static float[] toFloats(ParameterStore store) {
        return store.size() == 0 ? new float[0] : store.values().castTo(DataType.FLOAT).toFloatVector();
    }

    static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private void checkFields(float[][][][] fields) {
        int n = settings().architecture().grid();
        int c = settings().architecture().channels();
        for (int s = 0; s < fields.length; s++) {
            if (fields[s].length != c || fields[s][0].length != n || fields[s][0][0].length != n) {
                throw new InvalidInputException("field " + s + " is not " + c + " x " + n + " x " + n
                        + " as the model expects");
            }
        }
    }

    static float[] flatten(float[][][][] f) {
        int c = f[0].length;
        int n = f[0][0].length;
        float[] out = new float[f.length * c * n * n];
        int k = 0;
        for (float[][][] sample : f) {
            for (float[][] channel : sample) {
                for (float[] row : channel) {
                    System.arraycopy(row, 0, out, k, n);
                    k += n;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        // ND4J arrays are released by the garbage collector; nothing is held open
    }
}
