package org.fieldvae.knime.node.dataset;

import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** The Field Dataset Writer (HDF5) node: a table of fields as a dataset file in the paper's layout. */
public final class DatasetWriterNodeFactory extends DefaultNodeFactory {

    static final DefaultNode CONFIGURATION = DefaultNode.create() //
        .name("Field Dataset Writer (HDF5)") //
        .icon("dataset-writer.png") //
        .shortDescription("Writes a table of physical fields and their generative parameters to an HDF5 file in the "
            + "paper's layout.") //
        .fullDescription("""
            <p>Writes the table as an HDF5 dataset in the layout of the paper's data (Jacobsen and Duraisamy,
            "Disentangling Generative Factors of Physical Fields Using Variational Autoencoders"), readable by the
            Field Dataset Reader (HDF5), the command line and the authors' Python loader: root datasets
            "generative_params" (samples x p) from the double columns theta_1..theta_p, "permeability"
            (samples x 1 x n x n) from the one-channel field column "permeability", "output" (samples x 3 x n x n)
            from the 3-channel field column "output" (pressure, u_x1, u_x2) or, without it, from the one-channel
            field columns "pressure", "u_x1" and "u_x2" (the Darcy Flow Solver's two layouts), and "labelled"
            (uint8 0/1) from the boolean column "labelled". The columns are found by these names (use Column Rename for others); each
            is written if present, and at least one of theta, permeability and output is needed. Other columns are
            ignored. The root attributes record the FieldVAE version, Java version, operating system and time.</p>
            <p>Every written value must be present and finite and every field must have the first row's grid;
            otherwise the node fails naming the row and column. Nothing is half-written: the rows are streamed in
            chunks into a temporary file in the target directory, which is moved into place only when complete, so
            a failure or cancellation leaves no partial file and an existing file untouched.</p>
            """) //
        .ports(p -> p //
            .addInputTable("Dataset", """
                A table with some of the columns theta_1..theta_p (double), "permeability" (one-channel field),
                "output" (3-channel field) or "pressure", "u_x1", "u_x2" (one-channel fields), and "labelled"
                (boolean), e.g. from the Darcy Flow Solver or the Semi-supervised Labeler.""")) //
        .model(m -> m //
            .parametersClass(DatasetWriterNodeSettings.class) //
            .configure(DatasetWriterNodeModel::configure) //
            .execute(DatasetWriterNodeModel::execute)) //
        .keywords("HDF5", "h5", "dataset", "writer", "FieldVAE");

    /** Called by KNIME through the {@code plugin.xml} registration. */
    public DatasetWriterNodeFactory() {
        super(CONFIGURATION);
    }
}
