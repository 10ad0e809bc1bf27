package org.fieldvae.generate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.fieldvae.Progress;
import org.fieldvae.Provenance;
import org.fieldvae.darcy.DarcySolver;
import org.fieldvae.field.DatasetShape;
import org.fieldvae.field.DatasetWriter;
import org.fieldvae.kle.KleBasis;
import org.fieldvae.kle.KleResult;
import org.fieldvae.kle.PermeabilitySampler;

/**
 * Makes a KLE/Darcy dataset: draws theta from p(theta) with the chosen design, turns each theta into a
 * permeability field K = exp(m + sum_i sqrt(lambda_i) theta_i phi_i) (docs/paper-facts.md, "Data"), solves
 * Darcy flow for pressure and velocity, and writes the samples in chunks, so that memory stays bounded
 * by the chunk size whatever the number of samples.
 *
 * <p>All thetas are drawn from the seed before any field is made (a Latin hypercube is a property of
 * the whole set), and every field depends only on its theta, so the bytes do not depend on the number
 * of threads.
 */
public final class DatasetGenerator {
    private static final double BASIS_SHARE = 0.1;

    private DatasetGenerator() {
    }

    /** What was written and the checks that came with it. */
    public record GenerateResult(Path file, int samples, double kleResidual, double capturedVariance,
            double seconds) {
    }

    /**
     * @param settings  what to generate; validated already
     * @param target    the HDF5 file to write; moved into place only when complete
     * @param overwrite whether an existing target may be replaced
     */
    public static GenerateResult generate(GenerateSettings settings, Path target, boolean overwrite,
            Progress progress) {
        long start = System.nanoTime();
        progress.report(0, "KLE basis, " + settings.kle().modes() + " modes on " + settings.kle().grid() + "^2 nodes");
        KleResult basis = KleBasis.compute(settings.kle(), progress.range(0, BASIS_SHARE));
        double[][] theta = settings.thetaDistribution().sample(settings.samples(), settings.design(), settings.seed());
        int n = settings.kle().grid();
        DatasetShape shape = new DatasetShape(settings.samples(), settings.kle().modes(), n, true, true, false,
                settings.precision());
        try (DatasetWriter writer = DatasetWriter.create(target, shape, attributes(settings, basis), overwrite)) {
            for (int from = 0; from < settings.samples(); from += settings.chunk()) {
                progress.checkCancelled();
                int count = Math.min(settings.chunk(), settings.samples() - from);
                writeChunk(writer, settings, basis, theta, from, count, progress.range(
                        BASIS_SHARE + (1 - BASIS_SHARE) * from / settings.samples(),
                        BASIS_SHARE + (1 - BASIS_SHARE) * (from + count) / settings.samples()));
            }
            writer.commit();
        }
        progress.report(1, settings.samples() + " samples written to " + target);
        return new GenerateResult(target, settings.samples(), basis.residual(), basis.capturedVariance(),
                (System.nanoTime() - start) / 1e9);
    }

    private static void writeChunk(DatasetWriter writer, GenerateSettings settings, KleResult basis, double[][] theta,
            int from, int count, Progress progress) {
        double[][] chunkTheta = new double[count][];
        float[][][] permeability = new float[count][][];
        for (int s = 0; s < count; s++) {
            chunkTheta[s] = theta[from + s];
            permeability[s] = PermeabilitySampler.permeability(basis, settings.mean(), chunkTheta[s]);
        }
        float[][][][] output = DarcySolver.solveAll(settings.darcy(), permeability, null, progress);
        float[][][][] withChannel = new float[count][][][];
        for (int s = 0; s < count; s++) {
            withChannel[s] = new float[][][] {permeability[s]};
        }
        writer.append(chunkTheta, withChannel, output);
        progress.report(1, (from + count) + "/" + settings.samples() + " samples");
    }

    private static Map<String, String> attributes(GenerateSettings settings, KleResult basis) {
        Map<String, String> map = new LinkedHashMap<>(settings.attributes());
        map.put("kle_residual", Double.toString(basis.residual()));
        map.put("kle_captured_variance", Double.toString(basis.capturedVariance()));
        map.putAll(Provenance.current().asMap());
        return map;
    }
}
