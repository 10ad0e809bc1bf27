package org.fieldvae.knime.node.dataset;

import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** The Field Dataset Reader (HDF5) node: a dataset file in the paper's layout as a table. */
public final class DatasetReaderNodeFactory extends DefaultNodeFactory {

    static final DefaultNode CONFIGURATION = DefaultNode.create() //
        .name("Field Dataset Reader (HDF5)") //
        .icon("dataset-reader.png") //
        .shortDescription("Reads a dataset of physical fields and their generative parameters from an HDF5 file in "
            + "the paper's layout.") //
        .fullDescription("""
            <p>Reads an HDF5 dataset in the layout of the paper's data (Jacobsen and Duraisamy, "Disentangling
            Generative Factors of Physical Fields Using Variational Autoencoders"): root datasets
            "generative_params" (samples x p), "permeability" (samples x 1 x n x n), "output" (samples x 3 x n x n:
            pressure, u_x1, u_x2) and optionally "labelled" (samples, non-zero = labelled). Any of the first three may
            be absent. Files written by the Field Dataset Writer (HDF5), by the command line's
            <tt>fieldvae generate</tt>, or by h5py and Matlab (float32 or float64, contiguous or chunked) are read.</p>
            <p>The file is opened and its shapes are checked when the node is configured, so the output columns are
            known before execution; a dataset of the wrong shape or type fails with a message naming the file, the
            dataset and the expected shape. Fields are read in chunks, so memory beyond the table stays bounded.</p>
            """) //
        .ports(p -> p //
            .addOutputTable("Dataset", """
                One row per sample: the generative parameters as double columns theta_1..theta_p, the permeability
                as a one-channel field column "permeability", the Darcy solution as a 3-channel field column
                "output" (pressure, u_x1, u_x2) and the boolean column "labelled", each only if the file has the
                dataset.""")) //
        .model(m -> m //
            .parametersClass(DatasetReaderNodeSettings.class) //
            .configure(DatasetReaderNodeModel::configure) //
            .execute(DatasetReaderNodeModel::execute)) //
        .keywords("HDF5", "h5", "dataset", "reader", "FieldVAE");

    /** Called by KNIME through the {@code plugin.xml} registration. */
    public DatasetReaderNodeFactory() {
        super(CONFIGURATION);
    }
}
