package dev.switchboard.examples;

import java.math.BigDecimal;

/** Numbers as people write them: {@code 5}, not {@code 5.0}. */
final class Arithmetic {
    private Arithmetic() {}

    record Add(double a, double b) {}

    static String sum(Add add) {
        return plain(add.a() + add.b());
    }

    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return Double.toString(value);
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
