package org.fieldvae.knime.node.label;

import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** The Semi-supervised Labeler node: marks which rows' generative parameters the semi-supervised loss may use. */
public final class LabelerNodeFactory extends DefaultNodeFactory {

    static final DefaultNode CONFIGURATION = DefaultNode.create() //
        .name("Semi-supervised Labeler") //
        .icon("labeler.png") //
        .shortDescription("Chooses the rows whose generative parameters theta count as known labels for "
            + "semi-supervised VAE training.") //
        .fullDescription("""
            <p>In the paper's semi-supervised setting (Jacobsen and Duraisamy, "Disentangling Generative Factors of
            Physical Fields Using Variational Autoencoders", Section 4.4, Eq. 29) the generative parameters theta of
            only a small part of the data are known. This node chooses that part: it appends a boolean column
            "labelled" that the VAE Learner reads, and the Field Dataset Writer stores as the dataset's
            "labelled" mask.</p>
            <p>The rows to label are a fraction or a fixed number of the table, drawn with the given seed. Stratified
            labelling orders the rows along the first principal direction of theta, cuts them into as many
            consecutive strata as labels and draws one row from each, so a small labelled set covers the whole range
            of theta instead of clustering by chance; unstratified labelling draws rows uniformly without
            replacement. The same table, settings and seed give the same labels. The same computation is the
            command line's <tt>fieldvae label</tt>.</p>
            """) //
        .ports(p -> p //
            .addInputTable("Samples", """
                A table with the generative parameters theta as numeric columns (by default theta_1..theta_p), e.g.
                from the KLE Permeability Sampler or the Field Dataset Reader (HDF5). The selected cells must be
                finite numbers.""") //
            .addOutputTable("Labelled samples", """
                The input table with a boolean column "labelled" appended (an input column of that name is
                replaced), true for the rows whose theta the semi-supervised loss may use. If asked, the theta cells
                of the other rows are missing values.""")) //
        .model(m -> m //
            .parametersClass(LabelerNodeSettings.class) //
            .configure(LabelerNodeModel::configure) //
            .execute(LabelerNodeModel::execute)) //
        .keywords("semi-supervised", "label", "stratified", "FieldVAE");

    /** Called by KNIME through the {@code plugin.xml} registration. */
    public LabelerNodeFactory() {
        super(CONFIGURATION);
    }
}
