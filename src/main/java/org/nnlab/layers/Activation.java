package org.nnlab.layers;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/** The element-wise activations a hidden layer can use, by the names the command line accepts. */
public enum Activation {
    RELU("relu", Relu::new),
    SIGMOID("sigmoid", Sigmoid::new),
    TANH("tanh", Tanh::new);

    private final String cliName;
    private final Supplier<Layer> factory;

    Activation(String cliName, Supplier<Layer> factory) {
        this.cliName = cliName;
        this.factory = factory;
    }

    /** A new layer computing this activation. */
    public Layer newLayer() {
        return factory.get();
    }

    /** A new layer computing this activation; a sigmoid's backward pass uses the given derivative. */
    public Layer newLayer(SigmoidDerivative sigmoidDerivative) {
        return this == SIGMOID ? new Sigmoid(sigmoidDerivative) : factory.get();
    }

    public String cliName() {
        return cliName;
    }

    /** The activation with the given command-line name, e.g. "relu". */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "', expected one of "
                + Arrays.stream(values()).map(Activation::cliName).toList());
    }
}
