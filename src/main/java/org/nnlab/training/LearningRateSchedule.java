package org.nnlab.training;

import java.util.List;
import java.util.Locale;

/**
 * The learning rate of each epoch, as a function of the base rate η₀ and the epochs already
 * finished. Because it depends on nothing else, a resumed run recomputes the same rates from its
 * saved history and no schedule needs state of its own.
 *
 * <p>On the command line a schedule is written {@code constant}, {@code per-epoch:γ},
 * {@code step:γ:K} or {@code on-drop:ρ}; {@link #spec()} gives that text back.
 */
public interface LearningRateSchedule {

    /** The rate for epoch {@code epoch} (1-based), given the epochs before it. */
    double rate(double base, int epoch, List<EpochResult> finished);

    /** The command-line form, e.g. "per-epoch:0.95". */
    String spec();

    /** For logs, e.g. "×0.95 after each epoch". */
    String describe();

    /** η = η₀ throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double rate(double base, int epoch, List<EpochResult> finished) {
            return base;
        }

        @Override
        public String spec() {
            return "constant";
        }

        @Override
        public String describe() {
            return "constant";
        }
    }

    /** η = η₀·γ^(epoch − 1): multiplied by γ after every epoch (cs231n's {@code lr_decay}; reports 001, 004). */
    record PerEpoch(double factor) implements LearningRateSchedule {
        public PerEpoch {
            requireFactor(factor, "per-epoch");
        }

        @Override
        public double rate(double base, int epoch, List<EpochResult> finished) {
            double rate = base;
            for (int e = 1; e < epoch; e++) {
                rate *= factor; // repeated products, not pow: the same numbers as code that decays in place
            }
            return rate;
        }

        @Override
        public String spec() {
            return "per-epoch:" + factor;
        }

        @Override
        public String describe() {
            return "×" + factor + " after each epoch";
        }
    }

    /** η = η₀·γ^⌊(epoch − 1)/K⌋: multiplied by γ every K epochs. */
    record Step(double factor, int every) implements LearningRateSchedule {
        public Step {
            requireFactor(factor, "step");
            if (every < 1) {
                throw new IllegalArgumentException("a step schedule needs a step of at least 1 epoch, got " + every);
            }
        }

        @Override
        public double rate(double base, int epoch, List<EpochResult> finished) {
            double rate = base;
            for (int step = 0; step < (epoch - 1) / every; step++) {
                rate *= factor;
            }
            return rate;
        }

        @Override
        public String spec() {
            return "step:" + factor + ":" + every;
        }

        @Override
        public String describe() {
            return "×" + factor + " every " + every + " epochs";
        }
    }

    /**
     * Report 000's rule: after an epoch whose validation accuracy is lower than the previous
     * epoch's, the rate is multiplied by ρ (its code halves it, ρ = 0.5). Rates never go back up.
     */
    record OnValidationDrop(double factor) implements LearningRateSchedule {
        public OnValidationDrop {
            requireFactor(factor, "on-drop");
        }

        @Override
        public double rate(double base, int epoch, List<EpochResult> finished) {
            double rate = base;
            for (int e = 1; e < epoch - 1 && e < finished.size(); e++) {
                if (finished.get(e).validationAccuracy() < finished.get(e - 1).validationAccuracy()) {
                    rate *= factor;
                }
            }
            return rate;
        }

        @Override
        public String spec() {
            return "on-drop:" + factor;
        }

        @Override
        public String describe() {
            return "×" + factor + " whenever validation accuracy drops";
        }
    }

    private static void requireFactor(double factor, String kind) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("the " + kind + " factor must be in (0, 1], got " + factor);
        }
    }

    /** Parses the command-line form; see the class comment. */
    static LearningRateSchedule parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            switch (parts[0]) {
                case "constant":
                    if (parts.length == 1) {
                        return new Constant();
                    }
                    break;
                case "per-epoch":
                    if (parts.length == 2) {
                        return new PerEpoch(Double.parseDouble(parts[1]));
                    }
                    break;
                case "step":
                    if (parts.length == 3) {
                        return new Step(Double.parseDouble(parts[1]), Integer.parseInt(parts[2]));
                    }
                    break;
                case "on-drop":
                    if (parts.length == 2) {
                        return new OnValidationDrop(Double.parseDouble(parts[1]));
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // fall through to the message that lists the forms
        }
        throw new IllegalArgumentException("unknown schedule '" + text
                + "', expected constant, per-epoch:γ, step:γ:K or on-drop:ρ (e.g. per-epoch:0.95)");
    }
}
