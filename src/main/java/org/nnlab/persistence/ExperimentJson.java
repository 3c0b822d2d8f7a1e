package org.nnlab.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentOption;
import org.nnlab.experiment.ExperimentOptions;
import org.nnlab.experiment.L2Style;
import org.nnlab.experiment.OptionValues;
import org.nnlab.formats.JsonObject;
import org.nnlab.layers.Activation;
import org.nnlab.layers.SigmoidDerivative;
import org.nnlab.model.Initialization;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;
import org.nnlab.training.EpochResult;

/**
 * The JSON form of what a model file says about how the model was built and trained: the
 * architecture ({@link NetworkSpec}), the whole {@link Experiment}, and a training history. An
 * experiment is saved option by option ({@link ExperimentOptions}): each under its saved name, in
 * the object of its section ({@code network}, {@code training}, or the top level for the data).
 */
public final class ExperimentJson {
    private static final String INPUTS = "inputs";

    private ExperimentJson() {
    }

    public static Map<String, Object> architecture(NetworkSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputs", spec.inputs());
        m.put("hidden", spec.hidden());
        m.put("outputs", spec.outputs());
        m.put("hidden_activation", spec.hiddenActivation().cliName());
        m.put("output", spec.outputLoss().cliName());
        m.put("targets", spec.targets().cliName());
        m.put("sigmoid_derivative", spec.sigmoidDerivative().cliName());
        m.put("initialization", spec.initialization().weightsSpec());
        m.put("biases_initialized_like_weights", spec.initialization().biasesLikeWeights());
        m.put("l2", spec.l2());
        m.put("dropout", spec.dropout());
        m.put("input_dropout", spec.inputDropout());
        return m;
    }

    public static NetworkSpec architecture(JsonObject a) {
        Initialization init = a.parsed("initialization", Initialization::parse)
                .withBiasesLikeWeights(a.bool("biases_initialized_like_weights"));
        try {
            return new NetworkSpec(a.integer("inputs"), a.integer("hidden"), a.integer("outputs"),
                    a.parsed("hidden_activation", Activation::parse), a.parsed("output", OutputLoss::parse), init,
                    a.number("l2"), a.parsed("targets", TargetEncoding::parse),
                    a.parsed("sigmoid_derivative", SigmoidDerivative::parse),
                    // Models saved before nnlab had dropout have no such fields: they trained without it.
                    a.has("dropout") ? a.number("dropout") : 0, a.has("input_dropout") ? a.number("input_dropout") : 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("metadata architecture: " + e.getMessage());
        }
    }

    /**
     * The experiment as JSON: every option under its saved name, in the object of its section, and
     * the network's inputs, which no option sets: they are the pixels of the dataset's images.
     */
    public static Map<String, Object> experiment(Experiment e) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (ExperimentOption<?> option : ExperimentOptions.ALL) {
            section(json, option.section()).put(option.savedName(), option.saved(e));
        }
        section(json, ExperimentOption.Section.NETWORK).put(INPUTS, e.network().inputs());
        return json;
    }

    /**
     * The experiment saved as {@code json}. An option the file does not have keeps its default: the
     * file was written before the option existed, when every run had what is now its default.
     */
    public static Experiment experiment(JsonObject json) {
        Experiment.Builder builder = Experiment.builder();
        for (ExperimentOption<?> option : ExperimentOptions.ALL) {
            JsonObject section = option.section() == ExperimentOption.Section.DATA ? json
                    : json.object(option.section().savedIn());
            if (section.has(option.savedName())) {
                try {
                    option.setSaved(builder, value(section, option.savedName(), option.savedForm()));
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw e.getMessage().startsWith("metadata") ? e
                            : new IllegalArgumentException("metadata field " + section.path(option.savedName()) + ": " + e.getMessage());
                }
            }
        }
        readWeightShrinkOfOlderFiles(json, builder);
        readNestedAugmentationOfOlderFiles(json, builder);
        builder.network().inputs(json.object(ExperimentOption.Section.NETWORK.savedIn()).integer(INPUTS));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("metadata experiment: " + e.getMessage());
        }
    }

    /**
     * Files written before {@code network.l2_style} existed kept a shrinking L2 as
     * {@code training.weight_shrink} (and 0 in {@code network.l2}); it reads as {@code --l2 λ
     * --l2-style shrink}.
     */
    private static void readWeightShrinkOfOlderFiles(JsonObject json, Experiment.Builder builder) {
        JsonObject training = json.object(ExperimentOption.Section.TRAINING.savedIn());
        boolean older = !json.object(ExperimentOption.Section.NETWORK.savedIn()).has(ExperimentOptions.L2_STYLE.savedName());
        if (older && training.has("weight_shrink") && training.number("weight_shrink") > 0) {
            builder.l2(training.number("weight_shrink")).l2Style(L2Style.SHRINK);
        }
    }

    /**
     * Files written by the accuracy branch before its options were declared in
     * {@link ExperimentOptions} kept the augmentation as one object, {@code training.augmentation},
     * with the kinds and every setting; they read as the flags of today.
     */
    private static void readNestedAugmentationOfOlderFiles(JsonObject json, Experiment.Builder builder) {
        JsonObject training = json.object(ExperimentOption.Section.TRAINING.savedIn());
        if (training.has("augmentation") && !training.has(ExperimentOptions.AUGMENT.savedName())) {
            JsonObject nested = training.object("augmentation");
            for (ExperimentOption<?> option : ExperimentOptions.AUGMENTATION) {
                if (nested.has(option.savedName())) {
                    option.setSaved(builder, value(nested, option.savedName(), option.savedForm()));
                }
            }
            ExperimentOptions.AUGMENT.setSaved(builder, nested.string("kinds"));
        }
    }

    private static Map<String, Object> section(Map<String, Object> json, ExperimentOption.Section section) {
        if (section == ExperimentOption.Section.DATA) {
            return json;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) json.computeIfAbsent(section.savedIn(), name -> new LinkedHashMap<>());
        return object;
    }

    /** The field's value, of the JSON type given; a field of another type is an error naming it. */
    private static Object value(JsonObject section, String name, OptionValues.SavedForm form) {
        return switch (form) {
            case NUMBER -> section.number(name);
            case WHOLE_NUMBER -> section.whole(name);
            case BOOLEAN -> section.bool(name);
            case TEXT -> section.string(name);
        };
    }

    static List<Object> history(List<EpochResult> epochs) {
        return epochs.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch());
            m.put("learning_rate", r.learningRate());
            m.put("train_loss", r.trainLoss());
            m.put("train_accuracy", r.trainAccuracy());
            m.put("validation_loss", r.validationLoss());
            m.put("validation_accuracy", r.validationAccuracy());
            m.put("seconds", r.seconds());
            m.put("images_per_second", r.imagesPerSecond());
            return (Object) m;
        }).toList();
    }

    static List<EpochResult> historyOf(List<JsonObject> epochs) {
        return epochs.stream().map(e -> new EpochResult(e.integer("epoch"), e.number("learning_rate"),
                e.number("train_loss"), e.number("train_accuracy"), e.number("validation_loss"),
                e.number("validation_accuracy"), e.number("seconds"), e.number("images_per_second"))).toList();
    }
}
