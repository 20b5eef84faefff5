package dev.adjoint.bench.scalar;

import dev.adjoint.annotations.Differentiable;

/**
 * A mid-sized scalar function: 50 statements of about ten operations, each defining a local from
 * the three before it (contractive, so the gradient stays of order one). Its primal is 2.6 KB of
 * bytecode; its adjoint, written as one method, would be about 20 KB: over HotSpot's 8000-byte
 * limit above which a method is never JIT-compiled ({@code -XX:+DontCompileHugeMethods}, the
 * default), so the processor splits its sweeps into parts of at most about 6.8 KB each. See {@link
 * LongFunctionBenchmark}.
 */
public final class LongFunction {
  private LongFunction() {}

  /** The function: {@code v49} of the recurrence below. */
  @Differentiable
  public static double f(double a, double b, double c) {
    double v0 = a;
    double v1 = b;
    double v2 = c;
    double v3 =
        0.3 * Math.sin(v2 * a + 3.0)
            + 0.1 * Math.cos(b - v1)
            - 0.01 * v0 * v0
            + 0.1 * Math.exp(-c * c);
    double v4 =
        0.3 * Math.sin(v3 * a + 4.0)
            + 0.1 * Math.cos(b - v2)
            - 0.01 * v1 * v1
            + 0.1 * Math.exp(-c * c);
    double v5 =
        0.3 * Math.sin(v4 * a + 0.0)
            + 0.1 * Math.cos(b - v3)
            - 0.01 * v2 * v2
            + 0.1 * Math.exp(-c * c);
    double v6 =
        0.3 * Math.sin(v5 * a + 1.0)
            + 0.1 * Math.cos(b - v4)
            - 0.01 * v3 * v3
            + 0.1 * Math.exp(-c * c);
    double v7 =
        0.3 * Math.sin(v6 * a + 2.0)
            + 0.1 * Math.cos(b - v5)
            - 0.01 * v4 * v4
            + 0.1 * Math.exp(-c * c);
    double v8 =
        0.3 * Math.sin(v7 * a + 3.0)
            + 0.1 * Math.cos(b - v6)
            - 0.01 * v5 * v5
            + 0.1 * Math.exp(-c * c);
    double v9 =
        0.3 * Math.sin(v8 * a + 4.0)
            + 0.1 * Math.cos(b - v7)
            - 0.01 * v6 * v6
            + 0.1 * Math.exp(-c * c);
    double v10 =
        0.3 * Math.sin(v9 * a + 0.0)
            + 0.1 * Math.cos(b - v8)
            - 0.01 * v7 * v7
            + 0.1 * Math.exp(-c * c);
    double v11 =
        0.3 * Math.sin(v10 * a + 1.0)
            + 0.1 * Math.cos(b - v9)
            - 0.01 * v8 * v8
            + 0.1 * Math.exp(-c * c);
    double v12 =
        0.3 * Math.sin(v11 * a + 2.0)
            + 0.1 * Math.cos(b - v10)
            - 0.01 * v9 * v9
            + 0.1 * Math.exp(-c * c);
    double v13 =
        0.3 * Math.sin(v12 * a + 3.0)
            + 0.1 * Math.cos(b - v11)
            - 0.01 * v10 * v10
            + 0.1 * Math.exp(-c * c);
    double v14 =
        0.3 * Math.sin(v13 * a + 4.0)
            + 0.1 * Math.cos(b - v12)
            - 0.01 * v11 * v11
            + 0.1 * Math.exp(-c * c);
    double v15 =
        0.3 * Math.sin(v14 * a + 0.0)
            + 0.1 * Math.cos(b - v13)
            - 0.01 * v12 * v12
            + 0.1 * Math.exp(-c * c);
    double v16 =
        0.3 * Math.sin(v15 * a + 1.0)
            + 0.1 * Math.cos(b - v14)
            - 0.01 * v13 * v13
            + 0.1 * Math.exp(-c * c);
    double v17 =
        0.3 * Math.sin(v16 * a + 2.0)
            + 0.1 * Math.cos(b - v15)
            - 0.01 * v14 * v14
            + 0.1 * Math.exp(-c * c);
    double v18 =
        0.3 * Math.sin(v17 * a + 3.0)
            + 0.1 * Math.cos(b - v16)
            - 0.01 * v15 * v15
            + 0.1 * Math.exp(-c * c);
    double v19 =
        0.3 * Math.sin(v18 * a + 4.0)
            + 0.1 * Math.cos(b - v17)
            - 0.01 * v16 * v16
            + 0.1 * Math.exp(-c * c);
    double v20 =
        0.3 * Math.sin(v19 * a + 0.0)
            + 0.1 * Math.cos(b - v18)
            - 0.01 * v17 * v17
            + 0.1 * Math.exp(-c * c);
    double v21 =
        0.3 * Math.sin(v20 * a + 1.0)
            + 0.1 * Math.cos(b - v19)
            - 0.01 * v18 * v18
            + 0.1 * Math.exp(-c * c);
    double v22 =
        0.3 * Math.sin(v21 * a + 2.0)
            + 0.1 * Math.cos(b - v20)
            - 0.01 * v19 * v19
            + 0.1 * Math.exp(-c * c);
    double v23 =
        0.3 * Math.sin(v22 * a + 3.0)
            + 0.1 * Math.cos(b - v21)
            - 0.01 * v20 * v20
            + 0.1 * Math.exp(-c * c);
    double v24 =
        0.3 * Math.sin(v23 * a + 4.0)
            + 0.1 * Math.cos(b - v22)
            - 0.01 * v21 * v21
            + 0.1 * Math.exp(-c * c);
    double v25 =
        0.3 * Math.sin(v24 * a + 0.0)
            + 0.1 * Math.cos(b - v23)
            - 0.01 * v22 * v22
            + 0.1 * Math.exp(-c * c);
    double v26 =
        0.3 * Math.sin(v25 * a + 1.0)
            + 0.1 * Math.cos(b - v24)
            - 0.01 * v23 * v23
            + 0.1 * Math.exp(-c * c);
    double v27 =
        0.3 * Math.sin(v26 * a + 2.0)
            + 0.1 * Math.cos(b - v25)
            - 0.01 * v24 * v24
            + 0.1 * Math.exp(-c * c);
    double v28 =
        0.3 * Math.sin(v27 * a + 3.0)
            + 0.1 * Math.cos(b - v26)
            - 0.01 * v25 * v25
            + 0.1 * Math.exp(-c * c);
    double v29 =
        0.3 * Math.sin(v28 * a + 4.0)
            + 0.1 * Math.cos(b - v27)
            - 0.01 * v26 * v26
            + 0.1 * Math.exp(-c * c);
    double v30 =
        0.3 * Math.sin(v29 * a + 0.0)
            + 0.1 * Math.cos(b - v28)
            - 0.01 * v27 * v27
            + 0.1 * Math.exp(-c * c);
    double v31 =
        0.3 * Math.sin(v30 * a + 1.0)
            + 0.1 * Math.cos(b - v29)
            - 0.01 * v28 * v28
            + 0.1 * Math.exp(-c * c);
    double v32 =
        0.3 * Math.sin(v31 * a + 2.0)
            + 0.1 * Math.cos(b - v30)
            - 0.01 * v29 * v29
            + 0.1 * Math.exp(-c * c);
    double v33 =
        0.3 * Math.sin(v32 * a + 3.0)
            + 0.1 * Math.cos(b - v31)
            - 0.01 * v30 * v30
            + 0.1 * Math.exp(-c * c);
    double v34 =
        0.3 * Math.sin(v33 * a + 4.0)
            + 0.1 * Math.cos(b - v32)
            - 0.01 * v31 * v31
            + 0.1 * Math.exp(-c * c);
    double v35 =
        0.3 * Math.sin(v34 * a + 0.0)
            + 0.1 * Math.cos(b - v33)
            - 0.01 * v32 * v32
            + 0.1 * Math.exp(-c * c);
    double v36 =
        0.3 * Math.sin(v35 * a + 1.0)
            + 0.1 * Math.cos(b - v34)
            - 0.01 * v33 * v33
            + 0.1 * Math.exp(-c * c);
    double v37 =
        0.3 * Math.sin(v36 * a + 2.0)
            + 0.1 * Math.cos(b - v35)
            - 0.01 * v34 * v34
            + 0.1 * Math.exp(-c * c);
    double v38 =
        0.3 * Math.sin(v37 * a + 3.0)
            + 0.1 * Math.cos(b - v36)
            - 0.01 * v35 * v35
            + 0.1 * Math.exp(-c * c);
    double v39 =
        0.3 * Math.sin(v38 * a + 4.0)
            + 0.1 * Math.cos(b - v37)
            - 0.01 * v36 * v36
            + 0.1 * Math.exp(-c * c);
    double v40 =
        0.3 * Math.sin(v39 * a + 0.0)
            + 0.1 * Math.cos(b - v38)
            - 0.01 * v37 * v37
            + 0.1 * Math.exp(-c * c);
    double v41 =
        0.3 * Math.sin(v40 * a + 1.0)
            + 0.1 * Math.cos(b - v39)
            - 0.01 * v38 * v38
            + 0.1 * Math.exp(-c * c);
    double v42 =
        0.3 * Math.sin(v41 * a + 2.0)
            + 0.1 * Math.cos(b - v40)
            - 0.01 * v39 * v39
            + 0.1 * Math.exp(-c * c);
    double v43 =
        0.3 * Math.sin(v42 * a + 3.0)
            + 0.1 * Math.cos(b - v41)
            - 0.01 * v40 * v40
            + 0.1 * Math.exp(-c * c);
    double v44 =
        0.3 * Math.sin(v43 * a + 4.0)
            + 0.1 * Math.cos(b - v42)
            - 0.01 * v41 * v41
            + 0.1 * Math.exp(-c * c);
    double v45 =
        0.3 * Math.sin(v44 * a + 0.0)
            + 0.1 * Math.cos(b - v43)
            - 0.01 * v42 * v42
            + 0.1 * Math.exp(-c * c);
    double v46 =
        0.3 * Math.sin(v45 * a + 1.0)
            + 0.1 * Math.cos(b - v44)
            - 0.01 * v43 * v43
            + 0.1 * Math.exp(-c * c);
    double v47 =
        0.3 * Math.sin(v46 * a + 2.0)
            + 0.1 * Math.cos(b - v45)
            - 0.01 * v44 * v44
            + 0.1 * Math.exp(-c * c);
    double v48 =
        0.3 * Math.sin(v47 * a + 3.0)
            + 0.1 * Math.cos(b - v46)
            - 0.01 * v45 * v45
            + 0.1 * Math.exp(-c * c);
    double v49 =
        0.3 * Math.sin(v48 * a + 4.0)
            + 0.1 * Math.cos(b - v47)
            - 0.01 * v46 * v46
            + 0.1 * Math.exp(-c * c);
    return v49;
  }
}
