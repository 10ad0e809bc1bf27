// Wrote flat-settings-v1.json, the settings.json of a model saved before the settings were grouped
// (FieldVAE at commit 1a3bd23), with a value other than the default in every setting but channels.
// Run with that version's jars: jshell --class-path "$(ls cli/target/lib/*.jar | tr '\n' :)" flat-settings-v1.jsh
import org.fieldvae.vae.*;
import org.fieldvae.nn.InitScheme;
import com.fasterxml.jackson.databind.*;
var s = VaeSettings.defaults(false).withArchitecture(17, new int[] {1, 2, 1}, 3, 5, 2).withInit(InitScheme.PYTORCH_DEFAULT).withPrior(PriorKind.HIERARCHICAL, new double[] {1.5, 2.5}).withSubLatentSchedule(true, 3e-8).withLossScale(LossScale.ELBO).withLogVarianceBound(12.5).withTraining(7, 3, 16).withLearningRate(new int[] {4, 6}, new double[] {2e-3, 4e-4, 1e-4}).withCyclicalBeta(0.75, 3, 0.25).withKlushynBeta(2e-9, 0.007, 1.5).withSeed(42L).withCheckpointEvery(2).withSemiSupervised(true).withOutputVarianceStart(OutputVarianceStart.DATA_VARIANCE).withOutputVarianceRate(7.0).withHpDecoder(HpDecoder.AS_CODED);
var json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s);
java.nio.file.Files.writeString(java.nio.file.Path.of("flat-settings-v1.json"), json + "\n");
/exit
