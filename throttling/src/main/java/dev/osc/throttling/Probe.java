package dev.osc.throttling;

/** Reads one number from outside (active sessions, a query's value, a lag): what a dialect implements, without SQL here. */
@FunctionalInterface
public interface Probe {
    long read() throws Exception;
}
