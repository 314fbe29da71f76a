package dev.switchboard.kernel;

/** The producer index of {@link BoundedRing}, after the padded head (see {@link BoundedRingHead}). */
abstract class BoundedRingTail extends BoundedRingHead {
    /** Written by CAS through a VarHandle only. */
    volatile long tail;
    long p40, p41, p42, p43, p44, p45, p46, p47;
    long p50, p51, p52, p53, p54, p55, p56;
}
