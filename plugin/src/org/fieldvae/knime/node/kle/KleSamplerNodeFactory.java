package org.fieldvae.knime.node.kle;

import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** The KLE Permeability Sampler node: random permeability fields from a Karhunen-Loeve expansion. */
public final class KleSamplerNodeFactory extends DefaultNodeFactory {

    static final DefaultNode CONFIGURATION = DefaultNode.create() //
        .name("KLE Permeability Sampler") //
        .icon("kle-sampler.png") //
        .shortDescription("Draws log-normal permeability fields K = exp(G) from a truncated Karhunen-Loeve "
            + "expansion of a Gaussian random field, with their generative parameters theta.") //
        .fullDescription("""
            <p>Generates the permeability fields of the paper's Darcy-flow data (Jacobsen and Duraisamy,
            "Disentangling Generative Factors of Physical Fields Using Variational Autoencoders", Eq. 17-18).
            The log-permeability G is a Gaussian random field on the unit square with the chosen covariance kernel,
            e.g. k(x, x') = s2 exp(-|x - x'| / l) (Eq. 18). Its covariance matrix on the n x n grid nodes is
            decomposed and the p leading eigenpairs (lambda_k, phi_k) are kept; each sample is</p>
            <p>G(x) = m + sum_k sqrt(lambda_k) theta_k phi_k(x),  K = exp(G),</p>
            <p>with the generative parameters theta = (theta_1, .., theta_p) drawn from the chosen distribution
            p(theta) by Monte Carlo or Latin hypercube sampling. The same settings and seed give the same table on
            every machine and thread count. The paper's KLE2 data are the defaults: 65 x 65 grid, exponential kernel,
            l = 0.1, s2 = 1, p = 2, standard normal theta.</p>
            <p>Feed the sample table to the Darcy Flow Solver to get pressure and velocity fields, and to the Field
            Dataset Writer (HDF5) to save a dataset in the paper's layout. The same computation is the command
            line's <tt>fieldvae generate</tt> without the Darcy step.</p>
            """) //
        .ports(p -> p //
            .addOutputTable("Samples", """
                One row per sample: the generative parameters as double columns theta_1..theta_p (rounded to float32, as
                the HDF5 dataset files and the command line hold them; the permeability uses the unrounded values) and the
                permeability K = exp(G) as a one-channel field column "permeability" (n x n, node (i, j) at
                x1 = i h, x2 = j h, h = 1/(n-1)).""") //
            .addOutputTable("KLE basis", """
                One row per kept mode k: "mode" (k, from 1), "eigenvalue" (lambda_k, decreasing),
                "variance_fraction" (lambda_k / (n^2 s2), the share of the field's total variance the mode carries),
                "cumulative_variance_fraction" (the running sum; its last value is the variance the truncated
                expansion captures) and "eigenfunction" (phi_k as a field, unit 2-norm over the nodes).""")) //
        .model(m -> m //
            .parametersClass(KleSamplerNodeSettings.class) //
            .configure(KleSamplerNodeModel::configure) //
            .execute(KleSamplerNodeModel::execute)) //
        .keywords("Karhunen-Loeve", "KLE", "Gaussian random field", "permeability", "FieldVAE");

    /** Called by KNIME through the {@code plugin.xml} registration. */
    public KleSamplerNodeFactory() {
        super(CONFIGURATION);
    }
}
