package org.fieldvae.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.fieldvae.InvalidInputException;
import org.fieldvae.vae.PriorKind;
import org.junit.jupiter.api.Test;

/** Parsing and expansion of sweep specs: axes, ranges, quoting, names, and errors that name the line. */
class SweepSpecTest {

    @Test
    void cartesianProductOfTheAxesInFileOrder() {
        SweepSpec s = SweepSpec.parse("""
                # two sizes, three seeds
                grid = 17
                samples = 16, 32   # both train and test
                epochs = 2
                rec-epochs = 1
                seed = 1..3
                """, "t.spec");
        assertEquals(List.of("samples", "seed"), s.axes());
        List<SweepSpec.Trial> t = s.trials();
        assertEquals(6, t.size());
        assertEquals("samples=16_seed=1", t.get(0).name());
        assertEquals("samples=16_seed=3", t.get(2).name());
        assertEquals("samples=32_seed=1", t.get(3).name());
        RunSettings r = t.get(4).settings();
        assertEquals(17, r.data().grid());
        assertEquals(32, r.data().trainSamples());
        assertEquals(32, r.data().testSamples());
        assertEquals(2, r.schedule().epochs());
        assertEquals(1, r.schedule().recEpochs());
        assertEquals(2L, r.run().seed());
        assertEquals(RunSettings.quickstartDefaults().data().modes(), r.data().modes(), "keys not given keep the defaults");
        assertEquals(Map.of("samples", "32"), t.get(4).setting());
    }

    @Test
    void quotedValuesMayHoldCommasAndGetSafeDistinctFolderNames() {
        SweepSpec s = SweepSpec.parse("dist = normal, \"gaussian:mean=1,1:var=0.5,0.5\"\nprior = standard, hierarchical\n",
                "q.spec");
        assertEquals(4, s.trials().size());
        assertEquals("gaussian:mean=1,1:var=0.5,0.5", s.trials().get(2).settings().data().dist());
        assertEquals(PriorKind.HIERARCHICAL, s.trials().get(3).settings().prior().prior());
        String name = s.trials().get(2).name();
        assertTrue(name.matches("[A-Za-z0-9.+=_-]+"), name);
        assertNotEquals(s.trials().get(0).name(), name);
    }

    @Test
    void betaPIsScheduledOnlyForTheHierarchicalPriorAndOnlyWhenAsked() {
        SweepSpec s = SweepSpec.parse("prior = standard, hierarchical\nbeta_p = one, scheduled\n", "b.spec");
        List<Boolean> scheduled = s.trials().stream()
                .map(t -> t.settings().vae().priorAndLoss().subLatentSchedule()).toList();
        // standard: no sub-latent KL to weight, whatever beta_p says
        assertEquals(List.of(false, false, false, true), scheduled);
        assertEquals(BetaP.SCHEDULED, s.trials().get(3).settings().prior().betaP());
        assertEquals("scheduled", s.trials().get(3).settings().toMap().get("beta_p"));
        assertEquals(BetaP.ONE, SweepSpec.parse("prior = hierarchical\n", "d.spec").trials().get(0).settings().prior()
                .betaP(), "without the key, beta_p = 1 as in the paper");
        Map<String, Object> older = new java.util.LinkedHashMap<>(s.trials().get(3).settings().toMap());
        older.remove("beta_p");
        assertEquals(BetaP.ONE, RunSettings.fromMap(older).prior().betaP(), "run folders from before the key");
        assertMessage("beta_p = sometimes\n", "beta_p = sometimes");
    }

    @Test
    void aSpecWithoutAxesIsOneTrial() {
        SweepSpec s = SweepSpec.parse("labels = 0.1\n", "one.spec");
        assertEquals(List.of(), s.axes());
        assertEquals(1, s.trials().size());
        assertEquals("trial", s.trials().get(0).name());
        assertEquals(0.1, s.trials().get(0).settings().data().labelFraction());
    }

    @Test
    void errorsNameTheLine() {
        assertMessage("# only a comment\n\n", "empty grid");
        assertMessage("grid = 17\nbogus = 3\n", "line 2: unknown key 'bogus'");
        assertMessage("grid = 17\nepochs 3\n", "line 2: expected 'key = value");
        assertMessage("grid = 18\n", "line 1: grid = 18");
        assertMessage("grid = 17\nepochs = two\n", "line 2: epochs = two: must be an integer");
        assertMessage("seed = 5..1\n", "line 1: range 5..1");
        assertMessage("dist = 1..3\n", "line 1: range 1..3: 'dist' is not an integer setting");
        assertMessage("grid = 17\ngrid = 33\n", "line 2: key 'grid' is given twice");
        assertMessage("samples = 16,\n", "line 1: empty value");
        assertMessage("dist = \"normal\n", "line 1: unterminated double quote");
        // epochs below the default rec_epochs: reported on the epochs line, naming the conflicting setting
        assertMessage("grid = 17\nepochs = 2\n", "line 2: epochs = 2: recEpochs");
        assertMessage("rec_epochs = 1\nepochs = 0\n", "line 2: epochs = 0");
    }

    private static void assertMessage(String spec, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SweepSpec.parse(spec, "x.spec"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("x.spec"), e.getMessage());
    }
}
