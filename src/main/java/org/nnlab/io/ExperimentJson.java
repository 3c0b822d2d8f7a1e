package org.nnlab.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnlab.augment.AffineRanges;
import org.nnlab.augment.Augmentation;
import org.nnlab.augment.ElasticSettings;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.layers.Activation;
import org.nnlab.layers.SigmoidDerivative;
import org.nnlab.model.Initialization;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;
import org.nnlab.training.EarlyStopping;
import org.nnlab.training.EpochResult;
import org.nnlab.training.GradientReduction;
import org.nnlab.training.InputScaling;
import org.nnlab.training.LearningRateSchedule;
import org.nnlab.training.MinibatchSampling;
import org.nnlab.training.OptimizerSettings;
import org.nnlab.training.Task;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.UpdateGranularity;
import org.nnlab.training.WeightShrink;

/**
 * The JSON form of what a model file says about how the model was built and trained: the
 * architecture ({@link NetworkSpec}), the whole {@link Experiment}, and a training history. Every
 * setting is written by the name the command line uses for it, so the metadata reads like the
 * command that produced it.
 */
public final class ExperimentJson {
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

    public static Map<String, Object> experiment(Experiment e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", e.dataset());
        m.put("task", e.task().spec());
        m.put("split", e.split().spec());
        m.put("scaling", e.scaling().cliName());
        m.put("network", architecture(e.network()));
        m.put("training", training(e.training()));
        return m;
    }

    public static Experiment experiment(JsonObject e) {
        return new Experiment(e.string("dataset"), e.parsed("task", Task::parse), e.parsed("split", SplitPlan::parse),
                e.parsed("scaling", InputScaling::parse), architecture(e.object("network")), training(e.object("training")));
    }

    static Map<String, Object> training(TrainingConfig t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", t.epochs());
        m.put("batch_size", t.batchSize());
        m.put("learning_rate", t.learningRate());
        m.put("schedule", t.schedule().spec());
        m.put("optimizer", t.optimizer().kind().cliName());
        m.put("momentum", t.optimizer().momentum());
        m.put("sampling", t.sampling().cliName());
        m.put("updates", t.updates().cliName());
        m.put("gradient", t.reduction().cliName());
        m.put("weight_shrink", t.weightShrink().lambda());
        m.put("freeze_biases", t.freezeBiases());
        m.put("patience", t.stopping().patience());
        m.put("keep_best", t.keepBest());
        m.put("seed", t.seed());
        m.put("augmentation", augmentation(t.augmentation()));
        return m;
    }

    static Map<String, Object> augmentation(Augmentation a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kinds", a.kinds());
        m.put("rotate_degrees", a.ranges().rotateDegrees());
        m.put("scale", a.ranges().scale());
        m.put("shear_degrees", a.ranges().shearDegrees());
        m.put("translate_pixels", a.ranges().translatePixels());
        m.put("elastic_sigma", a.elasticSettings().sigma());
        m.put("elastic_alpha", a.elasticSettings().alpha());
        return m;
    }

    static Augmentation augmentation(JsonObject a) {
        return Augmentation.parse(a.string("kinds"))
                .withRanges(new AffineRanges(a.number("rotate_degrees"), a.number("scale"), a.number("shear_degrees"),
                        a.number("translate_pixels")))
                .withElastic(new ElasticSettings(a.number("elastic_sigma"), a.number("elastic_alpha")));
    }

    static TrainingConfig training(JsonObject t) {
        try {
            return TrainingConfig.builder()
                    .epochs(t.integer("epochs"))
                    .batchSize(t.integer("batch_size"))
                    .learningRate(t.number("learning_rate"))
                    .schedule(t.parsed("schedule", LearningRateSchedule::parse))
                    .optimizer(new OptimizerSettings(t.parsed("optimizer", OptimizerSettings.Kind::parse), t.number("momentum")))
                    .sampling(t.parsed("sampling", MinibatchSampling::parse))
                    .updates(t.parsed("updates", UpdateGranularity::parse))
                    .reduction(t.parsed("gradient", GradientReduction::parse))
                    .weightShrink(new WeightShrink(t.number("weight_shrink")))
                    .freezeBiases(t.bool("freeze_biases"))
                    .stopping(new EarlyStopping(t.integer("patience")))
                    .keepBest(t.bool("keep_best"))
                    .seed(t.whole("seed"))
                    // Runs saved before nnlab had augmentation have no such field: they trained without it.
                    .augmentation(t.has("augmentation") ? augmentation(t.object("augmentation")) : Augmentation.NONE)
                    .build();
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("metadata") ? e : new IllegalArgumentException("metadata training: " + e.getMessage());
        }
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
