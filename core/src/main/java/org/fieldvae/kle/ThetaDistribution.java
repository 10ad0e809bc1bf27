package org.fieldvae.kle;

/**
 * A generative parameter distribution p(theta) over R^p, p the number of KLE modes, with Monte Carlo and Latin
 * hypercube designs. Specs (the {@code --dist} of the command line; numbers in Java syntax):
 * <pre>
 *   normal                                   N(0, I), per dimension
 *   gaussian[:mean=m1,..,mp][:var=v | :var=v1,..,vp | :cov=c11,..,c1p;..;cp1,..,cpp]   default mean 0, cov I
 *   mixture:means=m11,..,m1p;..;mK1,..,mKp[:weights=w1,..,wK][:var=.. | :cov=C | :cov=C1|..|CK]
 *                                            default equal weights and cov I; var/cov shared unless one per component
 *   bimodal[:at=a][:sd=s]                    0.5 N(a, s^2) + 0.5 N(-a, s^2) independently per dimension
 *                                            (defaults a = 1, s = 0.25: the authors' KLE3 runs)
 *   uniform:low=a:high=b                     U(a, b) per dimension
 * </pre>
 * The paper's three (docs/paper-facts.md, "Data"): {@code normal}, {@code gaussian:mean=1,1:var=0.5,0.5},
 * {@code mixture:means=-1,-1;1,1;-1,1;1,-1:var=0.25}.
 *
 * <p>Sampling draws everything from one {@code SplittableRandom(seed)} in a fixed order, so the same seed gives
 * the same samples on every machine and thread count. Uniforms u in (0, 1) are mapped through the inverse
 * distribution function (per dimension) or through the standard normal's and a Cholesky factor (Gaussians).
 */
public interface ThetaDistribution {

    /** @return p, the length of each sample */
    int dimension();

    /**
     * @param count  number of samples, >= 1
     * @param design MC (independent) or LHS (one sample per probability stratum and dimension)
     * @param seed   seed of the only random stream used
     * @return samples, [count][dimension]
     */
    double[][] sample(int count, SampleDesign design, long seed);

    /** @return the canonical spec, parsed back by {@link #parse(String, int)} into an equal distribution */
    String toSpec();

    /**
     * @param theta a point, length {@link #dimension()}; not modified
     * @return log p(theta) (negative infinity outside the support)
     */
    double logDensity(double[] theta);

    /**
     * @param spec      a spec of the class comment
     * @param dimension p, the number of KLE modes (>= 1): the size of per-dimension distributions and the length
     *                  Gaussian and mixture means must have
     * @throws IllegalArgumentException naming the spec and the offending setting
     */
    static ThetaDistribution parse(String spec, int dimension) {
        return DistributionSpec.parse(spec, dimension);
    }
}
