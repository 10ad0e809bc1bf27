package org.fieldvae.knime.node.vae;

import org.fieldvae.knime.model.VaeModelPortObject;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the "VAE Encoder" node (modern KNIME 5.6 node API). */
public final class VaeEncoderNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("VAE Encoder") //
        .icon("encoder.png") //
        .shortDescription("Encodes each row's field into the latent space of a trained VAE.") //
        .fullDescription("""
            <p>Runs the encoder of a trained VAE on the field column(s) of the table and appends, per row, the
            mean and the log-variance of the approximate posterior q(z | y) = N(mean, diag exp(logvar)):
            double columns z_mean_1 .. z_mean_n followed by z_logvar_1 .. z_logvar_n, where n is the model's
            latent dimension. The latent means are the codes the Disentanglement Scorer compares with the
            generative parameters and the VAE Decoder maps back to fields.</p>
            <p>The fields must have the shape the model was trained on (channels x n x n); choose one
            multi-channel column or one column per channel, as for the VAE Learner. The encoder uses the
            batch-norm statistics of training, so a field's code does not depend on the other rows. A name the
            table already has gets a suffix ' (#1)'.</p>
            """) //
        .ports(p -> p //
            .addInputPort("VAE model", "The trained VAE from the VAE Learner.", VaeModelPortObject.TYPE) //
            .addInputTable("Fields", "One row per sample with the field column(s) to encode.") //
            .addOutputTable("Encoded", "The input table with the latent means z_mean_i and log-variances "
                + "z_logvar_i appended.")) //
        .model(m -> m //
            .parametersClass(VaeEncoderNodeSettings.class) //
            .configure(VaeEncoderNodeModel::configure) //
            .execute(VaeEncoderNodeModel::execute)) //
        .keywords("VAE", "encode", "latent", "FieldVAE");

    /** Creates the factory; KNIME calls this. */
    public VaeEncoderNodeFactory() {
        super(NODE);
    }
}
