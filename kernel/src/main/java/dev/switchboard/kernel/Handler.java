package dev.switchboard.kernel;

/**
 * Handles one routed message on a virtual thread. Plain blocking code is the model: block on I/O,
 * sleep, wait; the kernel gives every handler its own virtual thread (or runs an ordered
 * subsystem's handlers one after another on one). Whatever it returns is the reply; whatever it
 * throws counts as a failed attempt.
 */
@FunctionalInterface
public interface Handler {
    Object handle(Delivery delivery) throws Exception;
}
