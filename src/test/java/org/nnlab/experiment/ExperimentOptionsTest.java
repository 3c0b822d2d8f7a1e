package org.nnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nnlab.experiment.ExperimentOption.Section;
import org.nnlab.model.NetworkSpec;
import org.nnlab.training.TrainingConfig;

/** The declarations of the experiment options agree with themselves and with the builders' defaults. */
class ExperimentOptionsTest {
    private static final Experiment DEFAULTS = Experiment.builder().build();

    @Test
    void theDefaultExperimentIsBuiltFromTheNetworkAndTrainingBuildersDefaults() {
        assertEquals(NetworkSpec.builder().build(), DEFAULTS.network());
        assertEquals(TrainingConfig.builder().build(), DEFAULTS.training());
    }

    @Test
    void everyDefaultReadsBackAsItselfFromTextAndFromItsSavedForm() {
        for (ExperimentOption<?> option : ExperimentOptions.ALL) {
            assertRoundTrip(option);
        }
    }

    private static <T> void assertRoundTrip(ExperimentOption<T> option) {
        T value = option.get(DEFAULTS);
        if (!option.isSwitch()) {
            assertEquals(option.text(value), option.text(option.parse(option.text(value))), option + " as text");
        }
        Experiment.Builder builder = Experiment.builder();
        option.setSaved(builder, option.saved(DEFAULTS));
        assertEquals(option.text(value), option.text(option.get(builder.build())), option + " saved and read back");
    }

    @Test
    void flagsAreUniqueAndSavedNamesAreUniqueWithinTheirSection() {
        Set<String> flags = new HashSet<>();
        Set<String> saved = new HashSet<>();
        for (ExperimentOption<?> option : ExperimentOptions.ALL) {
            assertTrue(flags.add(option.flag()), "two options are --" + option.flag());
            assertTrue(saved.add(option.section() + "." + option.savedName()), "two options are saved as " + option.savedName());
        }
    }

    @Test
    void anOptionANetworkOrTrainingSettingSetsLandsInIt() {
        Experiment.Builder builder = Experiment.builder();
        ExperimentOptions.LEARNING_RATE.setText(builder, "0.05");
        ExperimentOptions.HIDDEN.setText(builder, "64");
        ExperimentOptions.BATCH.setText(builder, "full");
        Experiment e = builder.build();
        assertEquals(0.05, e.training().learningRate());
        assertEquals(64, e.network().hidden());
        assertEquals(Integer.MAX_VALUE, e.training().batchSize());
        assertEquals("full", ExperimentOptions.BATCH.text(ExperimentOptions.BATCH.get(e)));
    }

    @Test
    void l2GoesIntoTheLossOrIntoAShrinkAfterEachUpdateAsItsStyleSays() {
        Experiment penalty = Experiment.builder().l2(1e-3).build();
        assertEquals(1e-3, penalty.network().l2());
        assertEquals(0, penalty.training().weightShrink().lambda());
        Experiment shrink = Experiment.builder().l2(1e-3).l2Style(L2Style.SHRINK).build();
        assertEquals(0, shrink.network().l2());
        assertEquals(1e-3, shrink.training().weightShrink().lambda());
        assertEquals(1e-3, shrink.l2());
        assertEquals(L2Style.SHRINK, shrink.l2Style());
    }

    @Test
    void derivedDefaultsFollowTheOptionTheyDependOn() {
        Experiment.Builder builder = Experiment.builder();
        ExperimentOptions.ACTIVATION.setText(builder, "tanh");
        ExperimentOptions.LOSS.setText(builder, "tanh-mse");
        Experiment e = builder.build();
        assertEquals("xavier", ExperimentOptions.INIT.text(ExperimentOptions.INIT.get(e)));
        assertEquals("plus-minus-one", ExperimentOptions.TARGETS.text(ExperimentOptions.TARGETS.get(e)));
        assertTrue(ExperimentOptions.INIT.isDefault(e), "xavier is tanh's default");
        assertTrue(ExperimentOptions.TARGETS.isDefault(e), "±1 is tanh-mse's default");
        assertEquals(null, ExperimentOptions.INIT.defaultText(), "help explains a derived default in words");
        assertTrue(ExperimentOptions.INIT.help().endsWith("(default: he for relu, else xavier)"));
    }

    @Test
    void theDescriptionShowsTheMainOptionsAndEveryOptionThatIsNotAtItsDefault() {
        assertEquals("--optimizer sgd --lr 0.5 --schedule per-epoch:0.9 --batch 64 --epochs 10 --seed 1",
                ExperimentOptions.describe(DEFAULTS, Section.TRAINING));
        Experiment.Builder builder = Experiment.builder();
        ExperimentOptions.MOMENTUM.setText(builder, "0.5");
        ExperimentOptions.KEEP_BEST.setText(builder, "");
        ExperimentOptions.L2.setText(builder, "0.001");
        Experiment changed = builder.build();
        String training = ExperimentOptions.describe(changed, Section.TRAINING);
        assertTrue(training.contains("--momentum 0.5"), training);
        assertTrue(training.contains("--keep-best"), training);
        String network = ExperimentOptions.describe(changed, Section.NETWORK);
        assertTrue(network.contains("--l2 0.001"), network);
        assertFalse(network.contains("--l2-style"), "penalty is the default style: " + network);
        assertFalse(ExperimentOptions.describe(DEFAULTS, Section.NETWORK).contains("--l2"));
    }

    @Test
    void aSearchMayVaryEveryOptionButThoseThatSayWhyNot() {
        for (ExperimentOption<?> option : ExperimentOptions.ALL) {
            boolean fixed = option.search() == ExperimentOption.Search.FIXED;
            assertEquals(fixed, option.fixedBecause() != null, option + " says why it is fixed exactly when it is");
        }
        assertEquals(List.of("--dataset", "--freeze-biases", "--keep-best", "--diagnostics", "--seed"), ExperimentOptions.ALL.stream()
                .filter(o -> o.search() == ExperimentOption.Search.FIXED).map(Object::toString).toList());
    }
}
