package org.fieldvae.generate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.fieldvae.Check;
import org.fieldvae.darcy.DarcySettings;
import org.fieldvae.field.Precision;
import org.fieldvae.kle.KleSettings;
import org.fieldvae.kle.SampleDesign;
import org.fieldvae.kle.ThetaDistribution;

/**
 * Everything that defines a KLE/Darcy dataset: the KLE basis, the mean of the log-permeability, the
 * distribution of theta and its sample design, the number of samples, the seed, the Darcy problem and
 * the precision on disk. The same settings give the same bytes.
 *
 * @param kle          the covariance kernel, grid and number of modes p (KLEp)
 * @param mean         m in G = m + sum sqrt(lambda_i) theta_i phi_i; the paper uses 0
 * @param distribution p(theta), a {@code --dist} spec string (docs/paper-facts.md, "Data"), e.g. {@code normal}
 * @param design       Monte Carlo or Latin hypercube
 * @param samples      number of samples N, at least 1
 * @param seed         seed of the theta draws
 * @param darcy        wells and solver tolerance
 * @param precision    float32 (what the authors' loader expects) or float64
 * @param chunk        samples held in memory at once while writing, at least 1
 */
public record GenerateSettings(KleSettings kle, double mean, String distribution, SampleDesign design, int samples,
        long seed, DarcySettings darcy, Precision precision, int chunk) {

    public GenerateSettings {
        Check.that(kle != null, "kle", "must be given");
        Check.finite("mean", mean);
        Check.that(distribution != null && !distribution.isBlank(), "dist", "must be given");
        ThetaDistribution.parse(distribution, kle.modes());
        Check.that(design != null, "design", "must be lhs or mc");
        Check.atLeast("n", samples, 1);
        Check.that(darcy != null, "darcy", "must be given");
        Check.that(precision != null, "precision", "must be float32 or float64");
        Check.atLeast("chunk", chunk, 1);
    }

    /** KLE2 on 65 x 65, standard normal theta, 512 Latin hypercube samples, seed 1, float32. */
    public static GenerateSettings defaults() {
        return new GenerateSettings(KleSettings.defaults(), 0.0, "normal", SampleDesign.LHS, 512, 1L,
                DarcySettings.defaults(), Precision.FLOAT32, 256);
    }

    public GenerateSettings withKle(KleSettings value) {
        return new GenerateSettings(value, mean, distribution, design, samples, seed, darcy, precision, chunk);
    }

    public GenerateSettings withDistribution(String value) {
        return new GenerateSettings(kle, mean, value, design, samples, seed, darcy, precision, chunk);
    }

    public GenerateSettings withDesign(SampleDesign value) {
        return new GenerateSettings(kle, mean, distribution, value, samples, seed, darcy, precision, chunk);
    }

    public GenerateSettings withSamples(int value) {
        return new GenerateSettings(kle, mean, distribution, design, value, seed, darcy, precision, chunk);
    }

    public GenerateSettings withSeed(long value) {
        return new GenerateSettings(kle, mean, distribution, design, samples, value, darcy, precision, chunk);
    }

    public GenerateSettings withMean(double value) {
        return new GenerateSettings(kle, value, distribution, design, samples, seed, darcy, precision, chunk);
    }

    public GenerateSettings withPrecision(Precision value) {
        return new GenerateSettings(kle, mean, distribution, design, samples, seed, darcy, value, chunk);
    }

    /** The theta distribution these settings name, with the dimension of the KLE. */
    public ThetaDistribution thetaDistribution() {
        return ThetaDistribution.parse(distribution, kle.modes());
    }

    /** Every setting as HDF5 attributes, with the canonical distribution spec. */
    public Map<String, String> attributes() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("grid", Integer.toString(kle.grid()));
        map.put("kernel", kle.kernel().name().toLowerCase());
        map.put("length", Double.toString(kle.length()));
        map.put("variance", Double.toString(kle.variance()));
        map.put("modes", Integer.toString(kle.modes()));
        map.put("mean", Double.toString(mean));
        map.put("dist", thetaDistribution().toSpec());
        map.put("design", design.name().toLowerCase());
        map.put("samples", Integer.toString(samples));
        map.put("seed", Long.toString(seed));
        map.put("well_width", Double.toString(darcy.wellWidth()));
        map.put("injection_rate", Double.toString(darcy.injectionRate()));
        map.put("solver_tolerance", Double.toString(darcy.tolerance()));
        map.put("precision", precision.name().toLowerCase());
        return map;
    }
}
