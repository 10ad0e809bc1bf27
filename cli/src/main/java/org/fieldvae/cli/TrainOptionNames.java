package org.fieldvae.cli;

import java.nio.file.Path;
import java.util.Map;

import org.fieldvae.vae.ResumeRule;

/**
 * The {@code train} option behind each {@link org.fieldvae.vae.VaeSettings} component, so that messages
 * name what the user typed ({@code --lr}) rather than the engine's field ({@code lrValues}).
 */
final class TrainOptionNames {
    /** Component name to option; components without an option of their own are named by the nearest one. */
    static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("grid", "the grid of --data"),
            Map.entry("channels", "the channels of --data"),
            Map.entry("blocks", "--blocks"),
            Map.entry("blocks (layers per dense block)", "--blocks"),
            Map.entry("growth", "--growth"),
            Map.entry("initialFeatures", "--features"),
            Map.entry("latent", "--latent"),
            Map.entry("init", "--init"),
            Map.entry("prior", "--prior"),
            Map.entry("priorVariances", "--prior-variances"),
            Map.entry("lossScale", "--loss-scale"),
            Map.entry("epochs", "--epochs"),
            Map.entry("recEpochs", "--rec-epochs"),
            Map.entry("batch", "--batch"),
            Map.entry("batchNormStatistics", "--batch-norm-statistics"),
            Map.entry("lrBoundaries", "--lr"),
            Map.entry("lrValues", "--lr"),
            Map.entry("lrValues (learning rate)", "--lr"),
            Map.entry("betaSchedule", "--beta"),
            Map.entry("fixedBeta", "--beta"),
            Map.entry("cycles", "--beta"),
            Map.entry("cycleRatio", "--beta"),
            Map.entry("seed", "--seed"),
            Map.entry("checkpointEvery", "--checkpoint-every"),
            Map.entry("semiSupervised", "--semi-supervised"));

    private TrainOptionNames() {
    }

    /** A settings message ({@code "lrValues (learning rate) = -1.0: ..."}) with the option's name instead. */
    static String rename(String message) {
        if (message == null) {
            return "invalid settings";
        }
        String name = message.split(" = |: ", 2)[0];
        String option = OPTIONS.get(name);
        return option == null ? message : option + message.substring(name.length());
    }

    /**
     * One difference of a refused resume in the user's terms, e.g.
     * {@code "checkpoint was trained with --lr 0.001, this run asks for 0.01"}.
     */
    static String describe(ResumeRule.Difference d, Path data) {
        if (ResumeRule.DATA.equals(d.setting())) {
            return "checkpoint was trained on other data (" + d.recorded() + "), --data " + data + " has "
                    + d.asked();
        }
        if (ResumeRule.VERSION.equals(d.setting())) {
            return "checkpoint was written by FieldVAE " + d.recorded() + ", this is " + d.asked();
        }
        String option = OPTIONS.getOrDefault(d.setting(), d.setting());
        return "checkpoint was trained with " + option + " " + d.recorded() + ", this run asks for " + d.asked();
    }
}
