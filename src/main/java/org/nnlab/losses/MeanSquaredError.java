package org.nnlab.losses;

import org.nnlab.matrix.CompensatedSum;
import org.nnlab.matrix.Matrix;

/**
 * Mean squared error with the conventional factor ½, so that the gradient has no stray 2:
 *
 * <pre>
 *   L  = 1/(2N) Σₙ Σⱼ (Aₙⱼ − Yₙⱼ)²                                eq. (3.1)
 *   dA = (A − Y) / N                                              eq. (3.2)
 * </pre>
 */
public class MeanSquaredError implements Loss {
    private Matrix a;
    private Matrix y;
    private Matrix dA;

    @Override
    // tag::forward[]
    public double forward(Matrix predictions, Matrix targets) {
        Losses.requireSameShape(predictions, targets);
        a = predictions;
        y = targets;
        CompensatedSum sumOfSquares = new CompensatedSum();
        for (int i = 0; i < a.size(); i++) {
            double error = a.getFlat(i) - y.getFlat(i);
            sumOfSquares.add(error * error);
        }
        return sumOfSquares.value() / (2.0 * a.rows());
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward() {
        // tag::lab-mse[]
        double n = a.rows();
        dA = Matrix.reuse(dA, a.precision(), a.rows(), a.cols());
        for (int i = 0; i < dA.size(); i++) {
            dA.setFlat(i, (a.getFlat(i) - y.getFlat(i)) / n);
        }
        return dA;
        // end::lab-mse[]
    }
    // end::backward[]

    @Override
    public String describe() {
        return "MSE";
    }
}
