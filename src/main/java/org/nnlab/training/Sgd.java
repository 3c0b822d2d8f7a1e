package org.nnlab.training;

import java.util.List;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.MatrixOps;

/** Plain stochastic gradient descent: θ ← θ − η·dθ for every parameter. */
public final class Sgd {

    // tag::update[]
    public void update(List<Parameter> parameters, double learningRate) {
        for (Parameter p : parameters) {
            MatrixOps.addScaled(-learningRate, p.gradient(), p.value());
        }
    }
    // end::update[]
}
