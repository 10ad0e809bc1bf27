package org.fieldvae.knime.node.vae;

import org.fieldvae.knime.model.VaeModelPortObject;
import org.fieldvae.knime.support.vae.HistoryTable;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeDescription;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;
import org.knime.core.webui.node.dialog.NodeDialog;
import org.knime.core.webui.node.dialog.NodeDialogFactory;
import org.knime.core.webui.node.dialog.NodeDialogManager;
import org.knime.core.webui.node.dialog.SettingsType;
import org.knime.core.webui.node.dialog.defaultdialog.DefaultNodeDialog;
import org.knime.core.webui.node.impl.PortDescription;
import org.knime.core.webui.node.impl.WebUINodeFactory;

/**
 * Factory of the "VAE Learner" node. A classic {@link NodeFactory}, not a {@code DefaultNodeFactory}, because the
 * node model must keep its checkpoint across resets and in the saved workflow (see {@link VaeLearnerNodeModel});
 * dialog and description are still generated from {@link VaeLearnerNodeSettings}, as the modern API does.
 */
public final class VaeLearnerNodeFactory extends NodeFactory<VaeLearnerNodeModel> implements NodeDialogFactory {

    static final String FULL_DESCRIPTION = """
        <p>Trains the DenseVAE of "Disentangling Generative Factors of Physical Fields Using Variational
        Autoencoders" (dense convolutional encoder and decoder, Gaussian likelihood with learned per-pixel
        variances) on the field column(s) of the input table, and outputs the trained model and its training
        history.</p>
        <p>The fields may come as one multi-channel column (e.g. the 3-channel 'output' of the Darcy Flow Solver)
        or as one single-channel column per channel (e.g. 'pressure', 'u_x1', 'u_x2'). All rows need a field of
        the same channels x n x n shape, with n = 2^k + 1 and at least 17 (the paper uses 65). The first epochs
        train the reconstruction only; then the weight beta of the regularisation term follows the chosen
        schedule (the constrained-optimisation update of Klushyn et al. by default). With the semi-supervised
        option the labelled rows' theta columns add the term -log q(z = theta | y) of the paper's Eq. 29.</p>
        <p><b>Resume.</b> The node writes a checkpoint every few epochs. When it is executed again with the same
        settings and the same input data (for example after it was cancelled, or reset because an upstream
        node re-ran and produced the same table), training continues from the last checkpoint and takes exactly
        the steps an uninterrupted run would; a finished run is then restored at once. Any change of settings
        or data starts afresh. The checkpoint is saved with the workflow when the node is executed; a cancelled
        run can be resumed only until the workflow is closed.</p>
        <p>The defaults are those of the paper for the standard prior (6500 epochs, 4000 of them
        reconstruction-only, batch 64, learning rate 5e-4 then 1e-4 from epoch 5900), which takes hours on a
        CPU; use fewer epochs to try a workflow first. Progress shows the epoch, the losses, beta, the learning
        rate and the time left; cancelling stops between two minibatches. When training ends over-regularised
        (the decoder ignores the latent code and outputs about the data mean, paper Theorem 1) the node
        warns.</p>
        """;

    /** Creates the factory; KNIME calls this. */
    public VaeLearnerNodeFactory() {
        super(true);
        init();
    }

    /*
     * KNIME 5.6 builds node descriptions from NodeParameters in org.knime.node.impl.description, which
     * org.knime.core.ui exports only from 5.8 on; WebUINodeFactory's builder (deprecated since 5.6, exported as
     * x-internal) is the one that loads on 5.6 and 5.7 too.
     */
    @SuppressWarnings("deprecation")
    @Override
    protected NodeDescription createNodeDescription() {
        PortDescription[] in = {new PortDescription("Training fields", BufferedDataTable.TYPE, "One row per sample: "
            + "the field column(s) and, for semi-supervised training, the theta columns and the boolean 'labelled' "
            + "column.")};
        PortDescription[] out = {
            new PortDescription("VAE model", VaeModelPortObject.TYPE, "The trained VAE (weights, settings, history), "
                + "for the VAE Encoder and VAE Decoder."),
            new PortDescription("Training history", BufferedDataTable.TYPE, "One row per epoch: " + HistoryTable.EPOCH
                + " (1-based), " + String.join(", ", HistoryTable.VALUES) + ": reconstruction loss, "
                + "regularisation loss, semi-supervised loss (0 without labels), beta at the end of the epoch, "
                + "learning rate, and wall time in seconds since the start (summed over resumed runs).")};
        return WebUINodeFactory.createNodeDescription("VAE Learner", "learner.png", in, out,
            "Trains a variational autoencoder (DenseVAE) on physical fields, with resume from checkpoints.",
            FULL_DESCRIPTION, VaeLearnerNodeSettings.class, null, null, NodeType.Learner,
            new String[] {"VAE", "variational autoencoder", "beta-VAE", "hierarchical prior", "FieldVAE"});
    }

    @Override
    public VaeLearnerNodeModel createNodeModel() {
        return new VaeLearnerNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    // NodeFactory declares this abstract and, since 5.6, deprecated for removal: a classic factory must implement it
    @SuppressWarnings("removal")
    @Override
    public NodeView<VaeLearnerNodeModel> createNodeView(final int viewIndex, final VaeLearnerNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("viewIndex = " + viewIndex + ": the node has no views");
    }

    // NodeFactory declares this abstract and, since 5.6, deprecated for removal: a classic factory must implement it
    @SuppressWarnings("removal")
    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    public NodeDialog createNodeDialog() {
        return new DefaultNodeDialog(SettingsType.MODEL, VaeLearnerNodeSettings.class);
    }

    // NodeFactory declares this abstract and, since 5.6, deprecated for removal: a classic factory must implement it
    @SuppressWarnings("removal")
    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return NodeDialogManager.createLegacyFlowVariableNodeDialog(createNodeDialog());
    }
}
