package org.fieldvae.knime.node.score;

import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the "Disentanglement Scorer" node (modern KNIME 5.6 node API). */
public final class DisentanglementScorerNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Disentanglement Scorer") //
        .icon("scorer.png") //
        .shortDescription("Scores how well latent codes disentangle the generative parameters of the fields.") //
        .fullDescription("""
            <p>Compares the latent codes z (n columns, e.g. the latent means from the VAE Encoder) with the
            generative parameters theta (p columns, e.g. the KLE coefficients the fields were sampled from) of the
            same samples and computes the disentanglement scores of the paper "Disentangling Generative Factors of
            Physical Fields Using Variational Autoencoders" and of the disentanglement literature:</p>
            <ul>
            <li><b>s_d</b>: S_D (paper Eq. 5), from the absolute covariances of z and theta, in [1/p, 1], 1 when
            each latent follows one parameter.</li>
            <li><b>s_kl</b>: S_KL (paper Eq. 6), the k-nearest-neighbour estimate of the Kullback-Leibler divergence
            between theta and the best scaled and shifted latents, minimised by Nelder-Mead; about 0 for a scaled
            and shifted copy of theta, lower is better. Defined only when n = p; otherwise it is missing (NaN) and
            the node warns. Theta of one random half of the rows is compared with z of the other half, so no
            sample meets its own code. The optimal scales, shifts and latent order follow as
            s_kl_a_i, s_kl_b_i and s_kl_permutation_i (0-based latent index), one column per latent.</li>
            <li><b>mig</b>: mutual information gap, in [0, 1].</li>
            <li><b>dci_disentanglement</b>, <b>dci_completeness</b>, <b>dci_informativeness</b>: DCI of a linear
            regressor fitted on one half of the rows and evaluated on the other.</li>
            <li><b>sap</b>: separated attribute predictability, in [0, 1].</li>
            <li><b>total_correlation</b>: Gaussian total correlation of the latents, in nats.</li>
            <li><b>samples</b>, <b>kl_theta_samples</b>, <b>kl_latent_samples</b>, <b>kl_evaluations</b>: how many
            rows were scored and how many entered S_KL, and the optimiser's effort.</li>
            </ul>
            <p>The rows are put in a canonical order first, so the scores depend only on the set of rows and the
            seed. At least 10 rows are needed; missing values, non-finite values and constant columns are
            rejected with a message naming the column. The engine's warnings (n differs from p, k = 1, exhausted
            optimiser starts) become the node's warning.</p>
            """) //
        .ports(p -> p //
            .addInputTable("Latents and parameters",
                "One row per sample with the latent columns and the parameter (theta) columns chosen in the dialog.") //
            .addOutputTable("Scores", "One row of scores, one double column per score (see above).") //
            .addOutputTable("Correlation matrix", "Pearson correlation of latent i (row, named after the latent "
                + "column) with parameter j (column, named after the theta column): n rows, p columns.")) //
        .model(m -> m //
            .parametersClass(DisentanglementScorerNodeSettings.class) //
            .configure(DisentanglementScorerNodeModel::configure) //
            .execute(DisentanglementScorerNodeModel::execute)) //
        .keywords("disentanglement", "S_D", "S_KL", "MIG", "DCI", "SAP", "FieldVAE");

    /** Creates the factory; KNIME calls this. */
    public DisentanglementScorerNodeFactory() {
        super(NODE);
    }
}
