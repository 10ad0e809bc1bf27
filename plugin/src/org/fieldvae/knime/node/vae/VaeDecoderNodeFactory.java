package org.fieldvae.knime.node.vae;

import org.fieldvae.knime.model.VaeModelPortObject;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the "VAE Decoder" node (modern KNIME 5.6 node API). */
public final class VaeDecoderNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("VAE Decoder") //
        .icon("decoder.png") //
        .shortDescription("Decodes latent codes into fields with a trained VAE: generation and reduced-order "
            + "modelling.") //
        .fullDescription("""
            <p>Runs the decoder of a trained VAE on the latent columns of each row and appends the decoder's
            mean field, channels x n x n as the model was trained. Feed it the z_mean_i columns of the VAE
            Encoder to reconstruct fields, or a table of chosen latent values (e.g. a grid over each latent
            dimension) to generate fields and see which generative factor each latent controls.</p>
            <p>Choose exactly as many latent columns as the model has latent dimensions; the first chosen
            column (in table order) feeds latent 1. The decoded field is written as one multi-channel field
            column, or, with 'One column per channel', as one single-channel column per channel (pressure,
            u_x1, u_x2 for a 3-channel model).</p>
            """) //
        .ports(p -> p //
            .addInputPort("VAE model", "The trained VAE from the VAE Learner.", VaeModelPortObject.TYPE) //
            .addInputTable("Latents", "One row per field to decode, with the latent columns.") //
            .addOutputTable("Decoded", "The input table with the decoded field column(s) appended.")) //
        .model(m -> m //
            .parametersClass(VaeDecoderNodeSettings.class) //
            .configure(VaeDecoderNodeModel::configure) //
            .execute(VaeDecoderNodeModel::execute)) //
        .keywords("VAE", "decode", "generate", "reduced-order model", "FieldVAE");

    /** Creates the factory; KNIME calls this. */
    public VaeDecoderNodeFactory() {
        super(NODE);
    }
}
