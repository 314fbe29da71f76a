package dev.switchboard.agents;

/** Whether a client session's calls stay on one pool member ({@code session}, for stateful servers) or spread ({@code none}). */
public enum Affinity {
    SESSION, NONE
}
